package io.lotabots.bot.security.reports;

import io.lotabots.bot.ProcessingMode;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ScannerReportsTest {
    private static final String AWS_SECRET = "AKIAQ3EGUTL7ZXK4P2WN";
    private static final String GITHUB_SECRET = "ghp_R8x2kQ7mVn4pL0sT9wYc3bZ6hJ1fD5gA2eNq";
    private static final String GENERIC_SECRET = "Zx81Lq0VdT4nW7sR2kP9mB6cY3hF5jG1";

    @TempDir
    private Path workspace;
    private final EngineLog log = new EngineLog("Errors while reading scanner reports:");

    private ScannerReportResult read(final String... specs) {
        return ScannerReports.read(List.of(specs), workspace, log);
    }

    private ScannerReportResult readSample(final String sample) {
        ReportSamples.copy(workspace, sample, "reports/" + sample);
        ScannerReportResult result = read("reports/" + sample);
        assertThat(result.getProblems()).isEmpty();
        assertThat(log.getErrorLines()).isEmpty();
        return result;
    }

    @Test
    void readsCodeQlSarifKeepingCriticalApartFromHighThroughSecuritySeverity() {
        ScannerReportResult result = readSample("codeql-java.sarif");

        assertThat(result.getFindings())
                .extracting(SecurityFinding::ruleId, SecurityFinding::severity, SecurityFinding::kind,
                        SecurityFinding::file, SecurityFinding::line, SecurityFinding::tool)
                .containsExactlyInAnyOrder(
                        tuple("java/sql-injection", Severity.HIGH, FindingKind.CODE,
                                "src/main/java/com/example/app/UserRepository.java", 42, "CodeQL"),
                        tuple("java/unsafe-deserialization", Severity.CRITICAL, FindingKind.CODE,
                                "src/main/java/com/example/app/SessionCodec.java", 19, "CodeQL"),
                        tuple("java/weak-cryptographic-algorithm", Severity.HIGH, FindingKind.CODE,
                                "src/main/java/com/example/app/PasswordHasher.java", 12, "CodeQL"));
        assertThat(result.getFindings()).extracting(SecurityFinding::message)
                .contains("This query depends on a [user-provided value](1).");
        assertThat(result.getReports()).singleElement().satisfies(summary -> {
            assertThat(summary.format()).isEqualTo(ScannerFormat.SARIF);
            assertThat(summary.tool()).isEqualTo("CodeQL");
            assertThat(summary.toolVersion()).isEqualTo("2.17.2");
            assertThat(summary.findings()).isEqualTo(3);
        });
    }

    @Test
    void readsSemgrepSarifWithTheLevelOfTheRuleWhenTheResultHasNone() {
        ScannerReportResult result = readSample("semgrep.sarif");

        assertThat(result.getFindings())
                .extracting(SecurityFinding::file, SecurityFinding::line, SecurityFinding::severity)
                .containsExactlyInAnyOrder(tuple("app/views.py", 18, Severity.HIGH),
                        tuple("app/settings.py", 7, Severity.MEDIUM));
        assertThat(result.getReports().get(0).tool()).isEqualTo("Semgrep OSS");
    }

    @Test
    void keepsTheFingerprintOfACodeFindingWhenItMovesToAnotherLine() throws IOException {
        ReportSamples.copy(workspace, "semgrep.sarif", "before.sarif");
        Path moved = workspace.resolve("after.sarif");
        Files.writeString(moved, ReportSamples.text("semgrep.sarif").replace("\"startLine\":18", "\"startLine\":31")
                .replace("\"endLine\":18", "\"endLine\":31"));

        List<SecurityFinding> findings = read("before.sarif", "after.sarif").getFindings();

        SecurityFinding before = findings.stream().filter(f -> f.line() == 18).findFirst().orElseThrow();
        SecurityFinding after = findings.stream().filter(f -> f.line() == 31).findFirst().orElseThrow();
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(findings).hasSize(4);
        assertThat(findings.stream().map(SecurityFinding::fingerprint).distinct()).hasSize(2);
    }

    @Test
    void readsTrivyFilesystemReportWithPackageVersionsFixesAndMisconfigurations() {
        ScannerReportResult result = readSample("trivy-fs.json");

        SecurityFinding log4j = find(result, "CVE-2021-44228");
        assertThat(log4j.kind()).isEqualTo(FindingKind.VULNERABILITY);
        assertThat(log4j.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(log4j.pkg()).isEqualTo(new PackageRef("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"));
        assertThat(log4j.fixedVersion()).isEqualTo("2.15.0, 2.3.1, 2.12.2");
        assertThat(log4j.file()).isEqualTo("pom.xml");
        assertThat(log4j.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(log4j.message()).startsWith("CVE-2021-44228 in org.apache.logging.log4j:log4j-core 2.14.1: ");
        assertThat(log4j.fingerprint()).isEqualTo(SecurityFinding.vulnerabilityFingerprint("CVE-2021-44228",
                "Maven", "org.apache.logging.log4j:log4j-core"));
        assertThat(find(result, "CVE-2022-42889").severity()).isEqualTo(Severity.HIGH);
        assertThat(find(result, "CVE-2020-28500").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(result, "CVE-2021-23337").file()).isEqualTo("web/package-lock.json");
        SecurityFinding dockerfile = find(result, "DS002");
        assertThat(dockerfile.kind()).isEqualTo(FindingKind.CODE);
        assertThat(dockerfile.file()).isEqualTo("deploy/Dockerfile");
        assertThat(dockerfile.line()).isEqualTo(1);
        assertThat(dockerfile.severity()).isEqualTo(Severity.HIGH);
        assertThat(result.getFindings()).hasSize(5);
    }

    @Test
    void readsTrivyImageReportWithTheImageNameAndNoWorkspaceFile() {
        ScannerReportResult result = readSample("trivy-image.json");

        assertThat(result.getFindings()).hasSize(4).allSatisfy(finding -> {
            assertThat(finding.file()).isNull();
            assertThat(finding.message()).contains("registry.example.com/shop/api:1.4.2");
        });
        assertThat(result.getFindings()).extracting(f -> f.pkg().name(), SecurityFinding::severity)
                .containsExactly(tuple("libcrypto1.1", Severity.MEDIUM), tuple("libssl1.1", Severity.MEDIUM),
                        tuple("apk-tools", Severity.CRITICAL),
                        tuple("org.springframework:spring-beans", Severity.CRITICAL));
        assertThat(find(result, "CVE-2021-36159").pkg()).isEqualTo(new PackageRef("alpine", "apk-tools",
                "2.10.4-r2"));
        assertThat(find(result, "CVE-2022-22965").message()).contains("app/app.jar");
        assertThat(result.getReports().get(0).target()).isEqualTo("registry.example.com/shop/api:1.4.2");
    }

    @Test
    void keepsTheSameVulnerabilityOfTheSamePackageInTwoImagesThatAnalysisModelMerges() throws IOException {
        String twice = ReportSamples.text("trivy-image.json").replace("\"Target\": \"app/app.jar\"",
                "\"Target\": \"registry.example.com/shop/api:1.4.2 (alpine 3.10.2)\"");
        String duplicate = twice.replace("\"VulnerabilityID\": \"CVE-2022-22965\"",
                "\"VulnerabilityID\": \"CVE-2021-36159\"").replace("\"PkgName\": \"org.springframework:spring-beans\"",
                "\"PkgName\": \"apk-tools\"");
        Files.writeString(workspace.resolve("trivy.json"), duplicate);

        assertThat(read("trivy.json").getFindings()).filteredOn(f -> "CVE-2021-36159".equals(f.ruleId()))
                .hasSize(2);
    }

    @Test
    void readsGrypeImageReportWithFixesAliasesAndCriticalSeverity() {
        ScannerReportResult result = readSample("grype-image.json");

        SecurityFinding spring = find(result, "GHSA-36p3-wjmg-h94x");
        assertThat(spring.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(spring.pkg()).isEqualTo(new PackageRef("Maven", "org.springframework:spring-beans", "5.3.17"));
        assertThat(spring.fixedVersion()).isEqualTo("5.3.18");
        assertThat(spring.aliases()).containsExactly("CVE-2022-22965");
        assertThat(spring.file()).isNull();
        assertThat(spring.message()).contains("registry.example.com/shop/api:1.4.2, /app/app.jar");
        assertThat(find(result, "CVE-2019-1549").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(find(result, "CVE-2021-36159").message())
                .contains("libfetch before 2021-07-26"); // description from the related NVD record
        assertThat(result.getReports().get(0).toolVersion()).isEqualTo("0.77.4");
        assertThat(result.getReports().get(0).target()).isEqualTo("registry.example.com/shop/api:1.4.2");
    }

    @Test
    void readsGrypeDirectoryReportWithFilesRelativeToTheWorkspace() {
        ScannerReportResult result = readSample("grype-dir.json");

        assertThat(result.getFindings()).extracting(SecurityFinding::ruleId, SecurityFinding::file,
                SecurityFinding::severity).containsExactly(
                        tuple("GHSA-35jh-r3h4-6jhm", "web/package-lock.json", Severity.HIGH),
                        tuple("GHSA-29mw-wpgm-hmr9", "web/package-lock.json", Severity.MEDIUM));
    }

    @Test
    void readsOsvScannerReportWithOneFindingPerGroupOfAliases() {
        ScannerReportResult result = readSample("osv-scanner.json");

        assertThat(result.getFindings()).extracting(SecurityFinding::ruleId, SecurityFinding::severity,
                SecurityFinding::file, SecurityFinding::fixedVersion).containsExactly(
                        tuple("GHSA-29mw-wpgm-hmr9", Severity.MEDIUM, "web/package-lock.json", "4.17.21"),
                        tuple("GHSA-35jh-r3h4-6jhm", Severity.HIGH, "web/package-lock.json", "4.17.21"),
                        tuple("GHSA-jfh8-c2jp-5v3q", Severity.CRITICAL, "pom.xml", "2.15.0, 2.12.2"));
        assertThat(find(result, "GHSA-35jh-r3h4-6jhm").aliases()).containsExactly("CVE-2021-23337");
        assertThat(find(result, "GHSA-35jh-r3h4-6jhm").pkg()).isEqualTo(new PackageRef("npm", "lodash",
                "4.17.20"));
    }

    @Test
    void readsDependencyCheckJsonKeepingModerateApartFromHigh() {
        ScannerReportResult result = readSample("dependency-check-report.json");

        assertThat(result.getFindings()).extracting(SecurityFinding::ruleId, SecurityFinding::severity,
                SecurityFinding::file).containsExactly(
                        tuple("CVE-2021-44228", Severity.CRITICAL, "target/lib/log4j-core-2.14.1.jar"),
                        tuple("CVE-2021-45046", Severity.CRITICAL, "target/lib/log4j-core-2.14.1.jar"),
                        tuple("CVE-2020-36518", Severity.MEDIUM, "target/lib/jackson-databind-2.9.8.jar"));
        assertThat(find(result, "CVE-2021-44228").pkg()).isEqualTo(new PackageRef("Maven",
                "org.apache.logging.log4j:log4j-core", "2.14.1"));
        assertThat(find(result, "CVE-2021-44228").fixedVersion()).isEqualTo("2.15.0");
        assertThat(result.getReports().get(0).toolVersion()).isEqualTo("9.2.0");
    }

    @Test
    void readsGitleaksReportWithMaskedSecretsThatAppearNowhereInClear() {
        ScannerReportResult result = readSample("gitleaks.json");

        assertThat(result.getFindings()).extracting(SecurityFinding::kind, SecurityFinding::ruleId,
                SecurityFinding::file, SecurityFinding::line, SecurityFinding::severity).containsExactly(
                        tuple(FindingKind.SECRET, "aws-access-token", "config/settings.py", 12, Severity.HIGH),
                        tuple(FindingKind.SECRET, "github-pat", ".env.production", 3, Severity.HIGH),
                        tuple(FindingKind.SECRET, "generic-api-key", "web/src/payments.js", 27, Severity.HIGH));
        assertThat(result.getFindings().get(0).message()).contains("AKIA************P2WN");
        String everything = result.getFindings() + " " + result.getReports() + " " + log.getInfoLines() + " "
                + log.getErrorLines();
        for (String secret : List.of(AWS_SECRET, GITHUB_SECRET, GENERIC_SECRET, "jane.developer@example.com",
                "Jane Developer")) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    @Test
    void givesTheSameGitleaksFingerprintWhenTheSecretMovesToAnotherLine() throws IOException {
        ReportSamples.copy(workspace, "gitleaks.json", "a.json");
        Files.writeString(workspace.resolve("b.json"), ReportSamples.text("gitleaks.json")
                .replace("\"StartLine\": 12", "\"StartLine\": 40"));

        List<SecurityFinding> findings = read("a.json", "b.json").getFindings();

        assertThat(findings.get(3).line()).isEqualTo(40);
        assertThat(findings.get(3).fingerprint()).isEqualTo(findings.get(0).fingerprint());
        assertThat(findings.get(1).fingerprint()).isNotEqualTo(findings.get(0).fingerprint());
    }

    @ParameterizedTest
    @CsvSource({"codeql-java.sarif, SARIF", "semgrep.sarif, SARIF", "trivy-fs.json, TRIVY",
            "trivy-image.json, TRIVY", "grype-image.json, GRYPE", "grype-dir.json, GRYPE",
            "osv-scanner.json, OSV_SCANNER", "dependency-check-report.json, DEPENDENCY_CHECK",
            "gitleaks.json, GITLEAKS"})
    void detectsTheFormatFromTheContentWhateverTheFileIsCalled(final String sample, final ScannerFormat format) {
        ReportSamples.copy(workspace, sample, "out/report.txt");

        ScannerReportResult result = read("out/report.txt");

        assertThat(result.getProblems()).isEmpty();
        assertThat(result.getReports()).singleElement().extracting(ReportSummary::format).isEqualTo(format);
        assertThat(result.getFindings()).isNotEmpty();
    }

    @Test
    void readsAnEmptyGitleaksReportAsNoFindings() throws IOException {
        Files.writeString(workspace.resolve("gitleaks.json"), "[]\n");

        ScannerReportResult result = read("gitleaks.json");

        assertThat(result.getProblems()).isEmpty();
        assertThat(result.getFindings()).isEmpty();
        assertThat(result.getReports().get(0).format()).isEqualTo(ScannerFormat.GITLEAKS);
    }

    @Test
    void readsEveryReportThatMatchesAPattern() {
        ReportSamples.copy(workspace, "codeql-java.sarif", "reports/java.sarif");
        ReportSamples.copy(workspace, "semgrep.sarif", "reports/python.sarif");

        assertThat(read("reports/*.sarif").getFindings()).hasSize(5);
    }

    @Test
    void usesTheFormatTheUserNamesInsteadOfDetectingIt() {
        ReportSamples.copy(workspace, "trivy-fs.json", "trivy.json");

        ScannerReportResult result = read("gitleaks:trivy.json");

        assertThat(result.getFindings()).isEmpty();
        assertThat(result.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ReportErrorCode.MALFORMED);
            assertThat(problem.message()).contains("'trivy.json'", "line 1, column", "an array of leaks");
        });
    }

    @Test
    void reportsATruncatedReportWithFileLineAndColumnAndStillReadsTheOthers() throws IOException {
        String text = ReportSamples.text("trivy-fs.json");
        String truncated = text.substring(0, text.indexOf("\"CVE-2022-42889\""));
        Files.writeString(workspace.resolve("broken.json"), truncated);
        ReportSamples.copy(workspace, "gitleaks.json", "gitleaks.json");

        ScannerReportResult result = read("broken.json", "gitleaks.json");

        assertThat(result.getFindings()).hasSize(3);
        assertThat(result.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.report()).isEqualTo("broken.json");
            assertThat(problem.code()).isEqualTo(ReportErrorCode.MALFORMED);
            assertThat(problem.message()).contains("'broken.json'", "line " + truncated.lines().count(),
                    "end of file");
        });
        assertThat(log.getErrorLines()).anySatisfy(line -> assertThat(line).contains("broken.json"));
    }

    @Test
    void neverRepeatsTheTextAroundAJsonErrorWhichCouldBeASecret() throws IOException {
        Files.writeString(workspace.resolve("leaks.json"), "[{\"RuleID\": \"x\", \"Secret\": " + AWS_SECRET + "}]");

        ScannerReportResult result = read("gitleaks:leaks.json");

        assertThat(result.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("line 1, column").doesNotContain(AWS_SECRET)
                    .doesNotContain("AKIA");
        });
        assertThat(log.getErrorLines().toString()).doesNotContain("AKIA");
    }

    @Test
    void reportsAFieldOfTheWrongTypeWithItsName() throws IOException {
        Files.writeString(workspace.resolve("grype.json"), "{\n  \"matches\": {\"a\": 1}\n}");

        ScannerReportResult result = read("grype.json");

        assertThat(result.getProblems()).singleElement().extracting(ReportProblem::message).asString()
                .contains("'grype.json'", "line 2", "'matches' must be an array, found an object");
    }

    @Test
    void refusesDeeplyNestedJson() throws IOException {
        Files.writeString(workspace.resolve("deep.json"),
                "{\"version\": \"2.1.0\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + ", \"runs\": []}");

        ScannerReportResult result = read("deep.json");

        assertThat(result.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ReportErrorCode.MALFORMED);
            assertThat(problem.message()).contains("deep.json", "nesting depth", "hostile");
        });
    }

    @Test
    void refusesAReportAboveTheSizeLimitNamingItsSize() throws IOException {
        Path big = workspace.resolve("big.sarif");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("{\"version\":\"2.1.0\",\"runs\":[],\"pad\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(new byte[2_000_000 - 40]);
        }
        long size = Files.size(big);

        ScannerReportResult result = ScannerReports.create().withMaxReportBytes(1_000_000)
                .readInputs(List.of(ReportInput.parse("big.sarif")), workspace, log);

        assertThat(result.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ReportErrorCode.TOO_LARGE);
            assertThat(problem.message()).contains("big.sarif", String.format("%,d bytes", size), "1,000,000");
        });
    }

    @Test
    void refusesXmlReportsWithoutParsingThemSoThatXxeAndBillionLaughsCannotWork() throws IOException {
        Path secret = Files.writeString(workspace.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Files.writeString(workspace.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n<analysis>&x;</analysis>");
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("\">");
        }
        Files.writeString(workspace.resolve("lolz.xml"), laughs.append("]>\n<analysis>&lol9;</analysis>"));
        Files.writeString(workspace.resolve("dependency-check-report.xml"),
                "<?xml version=\"1.0\"?>\n<analysis xmlns=\"https://jeremylong.github.io/DependencyCheck/"
                        + "dependency-check.4.0.xsd\"><dependencies/></analysis>");

        ScannerReportResult result = read("xxe.xml", "lolz.xml", "dependency-check:dependency-check-report.xml");

        assertThat(result.getFindings()).isEmpty();
        assertThat(result.getProblems()).hasSize(3).allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(ReportErrorCode.UNKNOWN_FORMAT);
            assertThat(problem.message()).contains("is XML", "--format JSON").doesNotContain("TOP-SECRET");
        });
    }

    @Test
    void refusesReportPathsThatLeaveTheWorkspace(@TempDir final Path elsewhere) throws IOException {
        ReportSamples.copy(elsewhere, "gitleaks.json", "gitleaks.json");
        Path outsideFile = elsewhere.resolve("gitleaks.json");
        Files.createSymbolicLink(workspace.resolve("link.json"), outsideFile);

        ScannerReportResult result = read("../" + elsewhere.getFileName() + "/gitleaks.json",
                outsideFile.toString(), "link.json");

        assertThat(result.getFindings()).isEmpty();
        assertThat(result.getProblems()).hasSize(3).extracting(ReportProblem::code)
                .containsOnly(ReportErrorCode.OUTSIDE_WORKSPACE);
        assertThat(result.getProblems().get(2).message()).contains("link.json");
    }

    @Test
    void reportsAPathThatMatchesNoFile() {
        ScannerReportResult result = read("reports/missing.sarif");

        assertThat(result.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ReportErrorCode.NOT_FOUND);
            assertThat(problem.message()).contains("reports/missing.sarif");
        });
    }

    @Test
    void keepsFindingsThatPointOutsideTheWorkspaceWithoutTheirFile() throws IOException {
        Files.writeString(workspace.resolve("osv.json"), ReportSamples.text("osv-scanner.json")
                .replace("${WORKSPACE}/web/package-lock.json", "/etc/passwd")
                .replace("${WORKSPACE}/pom.xml", "../../outside/pom.xml"));
        Files.writeString(workspace.resolve("paths.sarif"), """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
                  {"ruleId": "r1", "message": {"text": "a"}, "locations": [{"physicalLocation":
                    {"artifactLocation": {"uri": "file:///etc/shadow"}, "region": {"startLine": 3}}}]},
                  {"ruleId": "r2", "message": {"text": "b"}, "locations": [{"physicalLocation":
                    {"artifactLocation": {"uri": "../../../home/user/.ssh/id_rsa"}, "region": {"startLine": 1}}}]},
                  {"ruleId": "r3", "message": {"text": "c"}, "locations": [{"physicalLocation":
                    {"artifactLocation": {"uri": "src/My%20App.java", "uriBaseId": "%SRCROOT%"}}}]}
                ]}]}
                """);

        ScannerReportResult result = read("osv.json", "paths.sarif");

        assertThat(result.getProblems()).isEmpty();
        assertThat(result.getFindings()).hasSize(6);
        assertThat(result.getFindings()).extracting(SecurityFinding::file)
                .containsExactly(null, null, null, null, null, "src/My App.java");
        assertThat(result.getReports()).extracting(ReportSummary::pathsOutsideWorkspace).containsExactly(3, 2);
        assertThat(log.getErrorLines()).anySatisfy(line -> assertThat(line).contains("osv.json",
                "outside the workspace", "kept without their file"));
    }

    @Test
    void takesTheFindingsFromLotaBotsOwnReadingWhenAnalysisModelCannotParseValidSarif() throws IOException {
        Files.writeString(workspace.resolve("logical.sarif"), """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "scanner", "rules": [
                  {"id": "CVE-2021-44228", "properties": {"security-severity": "10.0"}}]}}, "results": [
                  {"ruleId": "CVE-2021-44228", "level": "error", "message": {"text": "log4j in image"},
                   "locations": [{"logicalLocations": [{"name": "alpine:3", "kind": "module"}]}]}]}]}
                """);

        ScannerReportResult result = read("logical.sarif");

        assertThat(result.getFindings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.kind()).isEqualTo(FindingKind.VULNERABILITY);
            assertThat(finding.file()).isNull();
        });
        assertThat(log.getErrorLines()).anySatisfy(line -> assertThat(line).contains("SarifAdapter",
                "logical.sarif", "LotaBots' own reading"));
    }

    @Test
    void leavesOutSuppressedSarifResultsAsAnalysisModelDoesEvenWhenTheSuppressionWasRejected() throws IOException {
        Files.writeString(workspace.resolve("s.sarif"), """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
                  {"ruleId": "r1", "message": {"text": "kept"}},
                  {"ruleId": "r2", "message": {"text": "gone"}, "suppressions": [{"kind": "inSource"}]},
                  {"ruleId": "r3", "message": {"text": "rejected"}, "suppressions": [{"kind": "external",
                    "status": "rejected"}]}]}]}
                """);

        assertThat(read("s.sarif").getFindings()).extracting(SecurityFinding::ruleId).containsExactly("r1");
        assertThat(log.getInfoLines()).anySatisfy(line -> assertThat(line).contains("2 suppressed results"));
    }

    @Test
    void namesTheKnownFormatsWhenTheContentIsNoneOfThem() throws IOException {
        Files.writeString(workspace.resolve("other.json"), "{\"name\": \"x\", \"items\": []}");
        Files.writeString(workspace.resolve("empty.json"), "");

        ScannerReportResult result = read("other.json", "empty.json");

        assertThat(result.getProblems()).extracting(ReportProblem::code)
                .containsExactly(ReportErrorCode.UNKNOWN_FORMAT, ReportErrorCode.MALFORMED);
        assertThat(result.getProblems().get(0).message()).contains("other.json", "FORMAT:PATH", "Gitleaks");
        assertThat(result.getProblems().get(1).message()).contains("empty.json", "empty");
    }

    @Test
    void throwsTheFirstProblemInStrictMode() throws IOException {
        Files.writeString(workspace.resolve("broken.json"), "{\"matches\": [");

        assertThatThrownBy(() -> ScannerReports.create().withMode(ProcessingMode.STRICT)
                .readInputs(List.of(ReportInput.parse("broken.json")), workspace, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e ->
                        assertThat(e.getCode()).isEqualTo(ReportErrorCode.MALFORMED))
                .hasMessageContaining("broken.json");
    }

    @Test
    void parsesReportArgumentsWithAndWithoutFormat() {
        assertThat(ReportInput.parse("trivy:out/image.json"))
                .isEqualTo(new ReportInput("out/image.json", ScannerFormat.TRIVY));
        assertThat(ReportInput.parse("OSV-Scanner:osv.json").format()).isEqualTo(ScannerFormat.OSV_SCANNER);
        assertThat(ReportInput.parse("C:\\reports\\a.sarif"))
                .isEqualTo(new ReportInput("C:\\reports\\a.sarif", null));
        assertThat(ReportInput.parse("reports/x:y.json")).isEqualTo(new ReportInput("reports/x:y.json", null));
    }

    private static SecurityFinding find(final ScannerReportResult result, final String ruleId) {
        return result.getFindings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }
}
