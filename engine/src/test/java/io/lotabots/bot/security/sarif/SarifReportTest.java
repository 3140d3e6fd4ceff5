package io.lotabots.bot.security.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.reports.ReportSamples;
import io.lotabots.bot.security.reports.ScannerReportResult;
import io.lotabots.bot.security.reports.ScannerReports;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SarifReportTest {
    private static final List<String> SAMPLES = List.of("codeql-java.sarif", "semgrep.sarif", "trivy-fs.json",
            "trivy-image.json", "grype-image.json", "grype-dir.json", "osv-scanner.json",
            "dependency-check-report.json", "gitleaks.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @TempDir
    private Path workspace;
    private final EngineLog log = new EngineLog("Errors:");

    @BeforeAll
    static void loadTheOfficialSchema() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("sarif-2.1.0-rtm.5.json")) {
            assertThat(in).as("the SARIF 2.1.0 schema in the test resources").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static SecurityFinding secret() {
        return new SecurityFinding(FindingKind.SECRET, "aws-access-key-id", Severity.HIGH,
                "AWS access key id AKIA************MPLE", SarifTool.SECRETS, "conf/app.properties", 2, null, null,
                List.of(), SecurityFinding.fingerprint("secret", "aws-access-key-id", "conf/app.properties", "x"));
    }

    private static SecurityFinding dependency() {
        PackageRef pkg = new PackageRef("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1");
        return new SecurityFinding(FindingKind.VULNERABILITY, "GHSA-jfh8-c2jp-5v3q", Severity.CRITICAL,
                "GHSA-jfh8-c2jp-5v3q in org.apache.logging.log4j:log4j-core 2.14.1: Remote code injection in Log4j",
                SarifTool.DEPENDENCIES, "my app/pom.xml", 0, pkg, "2.15.0", List.of("CVE-2021-44228"),
                SecurityFinding.vulnerabilityFingerprint("GHSA-jfh8-c2jp-5v3q", "Maven", pkg.name()));
    }

    private ScannerReportResult readAllSamples() {
        List<String> specs = new ArrayList<>();
        for (String sample : SAMPLES) {
            ReportSamples.copy(workspace, sample, "reports/" + sample);
            specs.add("reports/" + sample);
        }
        ScannerReportResult result = ScannerReports.read(specs, workspace, log);
        assertThat(result.getProblems()).isEmpty();
        return result;
    }

    private static SarifReport writerFor(final ScannerReportResult result) {
        return SarifReport.create().withTools(result.getReports().stream()
                .map(r -> new SarifTool(r.tool(), r.toolVersion(), r.informationUri())).toList());
    }

    private static String write(final SarifReport report, final List<SecurityFinding> findings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.write(findings, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<ValidationMessage> validate(final String sarif) throws IOException {
        return schema.validate(MAPPER.readTree(sarif));
    }

    @Test
    void writesSarifThatTheOfficialSchemaAccepts() throws IOException {
        ScannerReportResult result = readAllSamples();
        List<SecurityFinding> findings = new ArrayList<>(result.getFindings());
        findings.add(secret());
        findings.add(dependency());

        String sarif = write(writerFor(result), findings);

        assertThat(validate(sarif)).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsWhatIsNotSarif() throws IOException {
        String sarif = write(SarifReport.create(), List.of(secret()));

        assertThat(validate(sarif.replace("\"level\" : \"error\"", "\"level\" : \"critical\""))).isNotEmpty();
        assertThat(validate(sarif.replace("\"2.1.0\"", "\"2.0.0\""))).isNotEmpty();
    }

    @Test
    void readsItsOwnSarifBackIntoTheSameFindings() throws IOException {
        ScannerReportResult result = readAllSamples();
        List<SecurityFinding> findings = new ArrayList<>(result.getFindings());
        findings.add(secret());
        findings.add(dependency());
        Files.writeString(workspace.resolve("lotabots.sarif"), write(writerFor(result), findings));

        ScannerReportResult back = ScannerReports.read(List.of("lotabots.sarif"), workspace, log);

        assertThat(back.getProblems()).isEmpty();
        assertThat(back.getFindings()).containsExactlyInAnyOrderElementsOf(findings);
    }

    @Test
    void writesOneRunPerToolWithRulesLevelsFingerprintsAndLocations() throws IOException {
        ScannerReportResult result = readAllSamples();
        List<SecurityFinding> findings = new ArrayList<>(result.getFindings());
        findings.add(dependency());
        Path out = workspace.resolve("out/lotabots.sarif");

        writerFor(result).write(findings, out);

        JsonNode runs = MAPPER.readTree(out.toFile()).path("runs");
        List<String> tools = new ArrayList<>();
        runs.forEach(run -> tools.add(run.path("tool").path("driver").path("name").asText()));
        assertThat(tools).containsExactly("lotabots-secrets", "lotabots-dependencies", "CodeQL", "Semgrep OSS",
                "Trivy", "Grype", "OSV-Scanner", "Dependency-Check", "Gitleaks");
        assertThat(runs.get(0).path("results")).isEmpty();

        JsonNode dependencies = runs.get(1);
        JsonNode rule = dependencies.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("id").asText()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
        assertThat(rule.path("helpUri").asText()).isEqualTo("https://github.com/advisories/GHSA-jfh8-c2jp-5v3q");
        assertThat(rule.path("properties").path("security-severity").asText()).isEqualTo("9.5");
        JsonNode dependencyResult = dependencies.path("results").get(0);
        assertThat(dependencyResult.path("level").asText()).isEqualTo("error");
        assertThat(dependencyResult.path("ruleIndex").asInt()).isZero();
        assertThat(dependencyResult.path("partialFingerprints").path("lotabots/v1").asText())
                .isEqualTo(dependency().fingerprint());
        JsonNode location = dependencyResult.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("my%20app/pom.xml");
        assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");

        JsonNode codeql = runs.get(2);
        assertThat(codeql.path("tool").path("driver").path("version").asText()).isEqualTo("2.17.2");
        JsonNode deserialization = findResult(codeql, "java/unsafe-deserialization");
        assertThat(deserialization.path("level").asText()).isEqualTo("error");
        assertThat(deserialization.path("locations").get(0).path("physicalLocation").path("region")
                .path("startLine").asInt()).isEqualTo(19);
        JsonNode trivy = runs.get(4);
        assertThat(trivy.path("tool").path("driver").path("informationUri").asText()).isEqualTo("https://trivy.dev");
        assertThat(findResult(trivy, "CVE-2020-28500").path("level").asText()).isEqualTo("warning");
        assertThat(findRule(trivy, "CVE-2020-28500").path("properties").path("security-severity").asText())
                .isEqualTo("5.5");
        assertThat(findRule(trivy, "CVE-2020-28500").path("helpUri").asText())
                .isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2020-28500");
    }

    @Test
    void writesNoSecretOfAGitleaksReportInClear() throws IOException {
        ReportSamples.copy(workspace, "gitleaks.json", "gitleaks.json");
        ScannerReportResult result = ScannerReports.read(List.of("gitleaks.json"), workspace, log);

        String sarif = write(writerFor(result), result.getFindings());

        assertThat(result.getFindings()).hasSize(3);
        assertThat(sarif).contains("AKIA************P2WN", "Secret matching rule github-pat")
                .doesNotContain("AKIAQ3EGUTL7ZXK4P2WN", "ghp_R8x2kQ7mVn4pL0sT9wYc3bZ6hJ1fD5gA2eNq",
                        "Zx81Lq0VdT4nW7sR2kP9mB6cY3hF5jG1", "jane.developer@example.com", "GITHUB_TOKEN=");
    }

    @Test
    void mapsSeveritiesToLevelsAndGitHubScores() {
        assertThat(SarifReport.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(SarifReport.level(Severity.HIGH)).isEqualTo("error");
        assertThat(SarifReport.level(Severity.MEDIUM)).isEqualTo("warning");
        assertThat(SarifReport.level(Severity.LOW)).isEqualTo("note");
        assertThat(SarifReport.level(Severity.NONE)).isEqualTo("none");
        assertThat(SarifReport.securitySeverity(Severity.CRITICAL)).isEqualTo("9.5");
        assertThat(SarifReport.securitySeverity(Severity.HIGH)).isEqualTo("8.0");
        assertThat(SarifReport.securitySeverity(Severity.UNKNOWN)).isNull();
        assertThat(SarifReport.helpUri("PYSEC-2021-19")).isEqualTo("https://osv.dev/vulnerability/PYSEC-2021-19");
        assertThat(SarifReport.helpUri("java/sql-injection")).isNull();
    }

    @Test
    void reportsAFileThatCannotBeWritten() throws IOException {
        Path blocker = Files.writeString(workspace.resolve("blocker"), "a file, not a folder");

        assertThatThrownBy(() -> SarifReport.create().write(List.of(secret()), blocker.resolve("out.sarif")))
                .isInstanceOfSatisfying(LotaBotsException.class, e ->
                        assertThat(e.getCode()).isEqualTo(SarifErrorCode.WRITE_FAILED))
                .hasMessageContaining("out.sarif");
    }

    private static JsonNode findResult(final JsonNode run, final String ruleId) {
        for (JsonNode result : run.path("results")) {
            if (ruleId.equals(result.path("ruleId").asText())) {
                return result;
            }
        }
        throw new AssertionError("no result of " + ruleId);
    }

    private static JsonNode findRule(final JsonNode run, final String ruleId) {
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            if (ruleId.equals(rule.path("id").asText())) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + ruleId);
    }
}
