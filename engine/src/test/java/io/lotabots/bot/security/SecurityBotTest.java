package io.lotabots.bot.security;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.ProcessingMode;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityBotTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String RESOURCES = "/io/lotabots/bot/security/";

    @TempDir
    Path workspace;

    private Journal journal;
    private final EngineLog log = new EngineLog("Errors:");

    @BeforeEach
    void createWorkspace() throws IOException {
        journal = Journal.at(workspace.resolve(".lotabots/messages.jsonl"));
        Files.writeString(workspace.resolve("package-lock.json"), """
                {"name": "shop", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
                 "packages": {
                   "": {"name": "shop", "version": "1.0.0", "dependencies": {"lodash": "^4.17.0"}},
                   "node_modules/lodash": {"version": "4.17.20", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz"}
                 }}
                """, StandardCharsets.UTF_8);
        Path advisories = Files.createDirectories(workspace.resolve("osv"));
        for (String id : List.of("GHSA-35jh-r3h4-6jhm", "GHSA-jfh8-c2jp-5v3q")) {
            copy(RESOURCES + "deps/osv/" + id + ".json", advisories.resolve(id + ".json"));
        }
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    private static void copy(final String resource, final Path target) throws IOException {
        try (InputStream in = SecurityBotTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target);
        }
    }

    private void plantAwsKeys() throws IOException {
        Files.createDirectories(workspace.resolve("config"));
        Files.writeString(workspace.resolve("config/aws.properties"), "aws_access_key_id = " + KEY_ID
                + "\naws_secret_access_key = " + SECRET_KEY + "\n", StandardCharsets.UTF_8);
    }

    private SecurityResult run(final Map<String, Object> options) {
        return run(options, ProcessingMode.LENIENT);
    }

    private SecurityResult run(final Map<String, Object> given, final ProcessingMode mode) {
        Map<String, Object> options = new HashMap<>(Map.of("resolveMaven", false, "advisories", "osv"));
        options.putAll(given);
        BotContext context = BotContext.builder(workspace).log(log).mode(mode)
                .bus(MessageBus.builder().journal(journal).build()).build();
        return new SecurityBot().run(options, context);
    }

    @Test
    void findsSecretsAndVulnerableDependenciesAndFailsTheGate() throws IOException {
        plantAwsKeys();

        SecurityResult result = run(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(result.getOutputs()).containsEntry("secretsFound", 1).containsEntry("gatePassed", false);
        assertThat(result.getCountingFindings()).extracting(f -> f.finding().ruleId())
                .contains("GHSA-35jh-r3h4-6jhm", "aws-access-key-pair");
        Message message = result.getMessages().get(0);
        assertThat(message.getType()).isEqualTo("security.scan_completed");
        assertThat(message.getPayloadField("status").orElseThrow().asText()).isEqualTo("fail");
        assertThat(message.getPayloadField("vulnerabilities").orElseThrow().get("high").asInt()).isEqualTo(1);
        assertThat(workspace.resolve(".lotabots/security/security.sarif")).exists();
    }

    @Test
    void neverWritesTheClearSecretIntoTheLogTheMessageOrTheSarifReport() throws IOException {
        plantAwsKeys();

        run(Map.of());

        String everything = String.join("\n", log.getInfoLines()) + String.join("\n", log.getErrorLines()) + Files.readString(journal.getFile())
                + Files.readString(workspace.resolve(".lotabots/security/security.sarif"));
        assertThat(everything).doesNotContain(KEY_ID).doesNotContain(SECRET_KEY).contains("AKIA");
    }

    @Test
    void leavesBuildOutputOutOfTheSecretScan() throws IOException {
        Files.createDirectories(workspace.resolve("target/classes"));
        Files.writeString(workspace.resolve("target/classes/aws.properties"), "aws_access_key_id = " + KEY_ID + "\n",
                StandardCharsets.UTF_8);

        assertThat(run(Map.of("failOn", "none")).getOutputs()).containsEntry("secretsFound", 0);
        assertThat(run(Map.of("failOn", "none", "secretExcludes", List.of())).getOutputs()).containsEntry("secretsFound", 1);
    }

    @Test
    void passesACleanWorkspaceAndSaysSo() throws IOException {
        Files.delete(workspace.resolve("package-lock.json"));

        SecurityResult result = run(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getSummary()).startsWith("0 vulnerabilities, 0 secrets; gate passed => SUCCESS");
        assertThat(result.getMessages().get(0).getPayloadField("status").orElseThrow().asText()).isEqualTo("pass");
    }

    @Test
    void marksTheRunUnstableWhenTheGateHasThatCriticality() {
        assertThat(run(Map.of("criticality", "UNSTABLE")).getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(run(Map.of("failOn", "critical")).getStatus()).isEqualTo(BotStatus.SUCCESS);
    }

    @Test
    void comparesWithTheNamedBaselineAndCountsOnlyNewFindingsWhenAsked() throws IOException {
        run(Map.of());
        Files.copy(workspace.resolve(".lotabots/security/security.sarif"), workspace.resolve("main.sarif"));
        plantAwsKeys();

        SecurityResult second = run(Map.of("newOnly", true, "failOn", "critical", "baseline", "main.sarif"));
        SecurityResult third = run(Map.of("newOnly", true, "baseline", "main.sarif"));

        assertThat(second.getOutputs()).containsEntry("newFindings", 1).containsEntry("outstandingFindings", 1);
        assertThat(third.getOutputs()).containsEntry("newFindings", 1).containsEntry("outstandingFindings", 1);
        List<Message> scans = journal.read(MessageFilter.ofTypes("security.scan_completed"));
        assertThat(scans.get(1).getPayloadField("new_findings").orElseThrow().asInt()).isEqualTo(1);
        assertThat(scans.get(2).getPayloadField("new_findings").orElseThrow().asInt()).isEqualTo(1);
    }

    @Test
    void listsWhatWasFixedSinceTheBaseline() throws IOException {
        plantAwsKeys();
        run(Map.of());
        Files.copy(workspace.resolve(".lotabots/security/security.sarif"), workspace.resolve("main.sarif"));
        Files.delete(workspace.resolve("config/aws.properties"));

        SecurityResult result = run(Map.of("baseline", "main.sarif"));

        assertThat(result.getOutputs()).containsEntry("fixedFindings", 1).containsEntry("newFindings", 0);
    }

    @Test
    void callsNothingNewWithoutANamedBaseline() throws IOException {
        plantAwsKeys();

        SecurityResult first = run(Map.of());
        SecurityResult second = run(Map.of());

        assertThat(second.getOutputs()).doesNotContainKeys("newFindings", "fixedFindings");
        assertThat(second.getSummary()).isEqualTo(first.getSummary()).doesNotContain("new");
        assertThat(log.getInfoLines()).noneMatch(line -> line.contains(" new)") || line.endsWith("[new]")
                || line.endsWith("[known]"));
        List<Message> scans = journal.read(MessageFilter.ofTypes("security.scan_completed"));
        assertThat(scans).hasSize(2).allSatisfy(scan -> assertThat(scan.getPayloadField("new_findings")
                .filter(node -> !node.isNull())).isEmpty());
    }

    @Test
    void givesTheSameFindingsAndNewCountForTwoIdenticalScansWhereverItsSarifIsWritten() throws IOException {
        plantAwsKeys();
        Files.createDirectories(workspace.resolve("reports"));
        copy(RESOURCES + "reports/semgrep.sarif", workspace.resolve("reports/semgrep.sarif"));
        Files.writeString(workspace.resolve("baseline.txt"), "", StandardCharsets.UTF_8);
        // the SARIF lands beside the scanner reports, matched by the report pattern and not excluded from secrets
        Map<String, Object> options = Map.of("sarifOut", "reports/security.sarif", "report", List.of("**/*.sarif"),
                "secretExcludes", List.of(), "baseline", "baseline.txt");

        SecurityResult first = run(options);
        SecurityResult second = run(options);

        assertThat(second.getCountingFindings()).hasSameSizeAs(first.getCountingFindings()).isNotEmpty();
        assertThat(second.getOutputs()).containsEntry("newFindings", first.getOutputs().get("newFindings"))
                .containsEntry("findings", first.getOutputs().get("findings"))
                .containsEntry("secretsFound", first.getOutputs().get("secretsFound"));
        assertThat(second.getSummary()).isEqualTo(first.getSummary());
        assertThat(log.getInfoLines()).anyMatch(line -> line.startsWith("'reports/security.sarif' is left out"));
        assertThat(log.getInfoLines()).noneMatch(line -> line.contains("Read") && line.contains("security.sarif"));
    }

    @Test
    void neverReadsWhatLotaBotsWritesAsAScannerReport() throws IOException {
        run(Map.of());

        SecurityResult result = run(Map.of("report", List.of(".lotabots/**/*.sarif")));

        assertThat(result.getProblems()).singleElement().asString().contains("besides what LotaBots writes");
        assertThat(result.getCountingFindings()).hasSameSizeAs(run(Map.of()).getCountingFindings());
    }

    @Test
    void refusesNewOnlyWithoutABaselineAndABaselineThatIsItsOwnReport() {
        assertThatThrownBy(() -> run(Map.of("newOnly", true))).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("no baseline is given").hasMessageContaining("option baseline");
        assertThatThrownBy(() -> run(Map.of("baseline", ".lotabots/security/security.sarif")))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("is the SARIF report this scan writes");
    }

    @Test
    void honoursSuppressionsUntilTheyExpire() throws IOException {
        Files.writeString(workspace.resolve("suppressions.yaml"), """
                suppressions:
                  - id: GHSA-35jh-r3h4-6jhm
                    reason: lodash template() is not used
                    expires: 2999-12-31
                """, StandardCharsets.UTF_8);
        Files.writeString(workspace.resolve("expired.yaml"), """
                - id: CVE-2021-23337
                  reason: lodash template() is not used
                  expires: 2020-01-31
                """, StandardCharsets.UTF_8);

        SecurityResult suppressed = run(Map.of("suppressions", "suppressions.yaml"));
        SecurityResult expired = run(Map.of("suppressions", "expired.yaml"));

        assertThat(suppressed.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(suppressed.getOutputs()).containsEntry("suppressed", 1);
        assertThat(expired.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(expired.getOutputs()).containsEntry("expiredSuppressions", 1);
        assertThat(log.getErrorLines()).anyMatch(line -> line.contains("expired on 2020-01-31; the finding counts again"));
    }

    @Test
    void ingestsScannerReportsBesideItsOwnFindings() throws IOException {
        copy(RESOURCES + "reports/trivy-image.json", workspace.resolve("trivy-image.json"));

        SecurityResult result = run(Map.of("report", List.of("trivy-image.json")));

        assertThat(result.getCountingFindings()).extracting(f -> f.finding().tool()).contains("Trivy");
        assertThat(Files.readString(workspace.resolve(".lotabots/security/security.sarif"))).contains("\"Trivy\"");
    }

    @Test
    void keepsTheOtherInputsWhenOneIsMalformedAndMarksTheRunUnstable() throws IOException {
        Files.createDirectories(workspace.resolve("web"));
        Files.writeString(workspace.resolve("web/package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {", StandardCharsets.UTF_8);

        SecurityResult result = run(Map.of("failOn", "none"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getProblems()).singleElement().asString().contains("web/package-lock.json");
        assertThat(result.getCountingFindings()).extracting(f -> f.finding().ruleId()).contains("GHSA-35jh-r3h4-6jhm");
    }

    @Test
    void failsOnTheFirstMalformedInputInStrictMode() throws IOException {
        Files.writeString(workspace.resolve("requirements.txt"), "", StandardCharsets.UTF_8);
        Files.createDirectories(workspace.resolve("web"));
        Files.writeString(workspace.resolve("web/package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> run(Map.of(), ProcessingMode.STRICT)).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("web/package-lock.json");
    }

    @Test
    void refusesOptionsThatPointOutsideTheWorkspace() {
        assertThatThrownBy(() -> run(Map.of("suppressions", "../elsewhere.yaml")))
                .hasMessageContaining("The path '../elsewhere.yaml' of the option 'suppressions' is outside the workspace");
    }

    @Test
    void answersACveAlertWithTheVerdictAndWhere() {
        SecurityResult affected = run(Map.of("advisory", "CVE-2021-23337"));
        SecurityResult unused = run(Map.of("advisory", "GHSA-jfh8-c2jp-5v3q"));

        assertThat(affected.getOutputs()).containsEntry("verdict", "AFFECTED").containsEntry("affected", true);
        assertThat(affected.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        Message alert = affected.getMessages().get(0);
        assertThat(alert.getType()).isEqualTo("security.cve_alert");
        assertThat(alert.getPayloadField("affected").orElseThrow().asBoolean()).isTrue();
        assertThat(alert.getPayloadField("locations").orElseThrow().toString()).contains("package-lock.json");
        assertThat(unused.getOutputs()).containsEntry("verdict", "NOT_USED");
        assertThat(unused.getStatus()).isEqualTo(BotStatus.SUCCESS);
    }

    @Test
    void shouldRefuseASarifReportBehindALinkOutOfTheWorkspaceBeforeScanning(@TempDir final Path elsewhere)
            throws IOException {
        Files.createDirectories(workspace.resolve(".lotabots"));
        Files.createSymbolicLink(workspace.resolve(".lotabots/security"), elsewhere);

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of("secrets", ".")))
                .withMessageContaining("Refusing to write the SARIF report (option 'sarifOut') to"
                        + " '.lotabots/security/security.sarif': '.lotabots/security' is a symbolic link to '"
                        + elsewhere + "'");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(log.getInfoLines()).noneMatch(line -> line.startsWith("Secrets:"));
    }

    @Test
    void shouldWriteASarifReportTheUserNamedExplicitlyOutsideTheWorkspace(@TempDir final Path elsewhere) {
        Path sarif = elsewhere.resolve("reports/scan.sarif");
        BotContext context = BotContext.builder(workspace).log(log)
                .outputs(io.lotabots.util.OutputPaths.confinedTo(workspace).allowing(sarif))
                .bus(MessageBus.builder().journal(journal).build()).build();

        SecurityResult result = new SecurityBot().run(Map.of("resolveMaven", false, "advisories", "osv",
                "sarifOut", sarif.toString()), context);

        assertThat(sarif).isRegularFile();
        assertThat(result.getOutputs()).containsEntry("sarif", sarif.toString());
    }
}
