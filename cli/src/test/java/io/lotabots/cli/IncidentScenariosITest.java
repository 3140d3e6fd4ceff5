package io.lotabots.cli;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.deploy.directory.DirectoryTarget;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.ApprovalOverridden;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.IncidentCreated;
import io.lotabots.message.IncidentPostmortemWritten;
import io.lotabots.message.IncidentResolved;
import io.lotabots.message.IncidentUpdated;
import io.lotabots.message.Message;
import io.lotabots.message.SecurityCveAlert;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident-response, hotfix and security-first scenarios end to end on one copy of examples/sample-app with the
 * embedded defaults: real releases of the sample app's jar in release folders on loopback ports, releases broken on
 * purpose (SAMPLE_APP_HEALTHY_CHECKS, through the start command), the incident store, the post-mortem files and the
 * notification log. The tests share the copy, its one Maven build and production, in order: incident-response
 * leaves 1.0.0 serving, the hotfix deploys over it, security-first deploys over the hotfix. The hotfix and
 * security-first runs reuse the jar of that build (their build command is {@code true}), so that the suite builds
 * the app once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentScenariosITest {
    @TempDir
    static Path copy;

    private static int bluePort;
    private static int greenPort;
    private static String buildId;

    @BeforeAll
    static void buildTheSampleAppOnceAndDeployAGoodRelease() throws Exception {
        SampleApp.copyTo(copy);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "sample app");
        bluePort = SampleApp.freePort();
        greenPort = SampleApp.freePort();
        CliRun build = cli("build", "--workdir", copy.toString(), "--artifacts", "target/*.jar");
        assertThat(build.exitCode()).as(build.err()).isEqualTo(ExitCode.SUCCESS);
        buildId = messages(BuildCompleted.TYPE).get(0).payloadAs(BuildCompleted.class).buildId();
        CliRun good = deploy("1.0.0", null);
        assertThat(good.exitCode()).as(good.err()).isEqualTo(ExitCode.SUCCESS);
    }

    @AfterAll
    static void stopProduction() {
        SampleApp.stopDeployed(copy, "production", bluePort, greenPort);
    }

    @Test
    @Order(1)
    void shouldRollProductionBackWhenAnAlertFollowsADeployThroughTheExampleReactionRules() throws Exception {
        // a release that passes its start and smoke checks, then breaks: /health answers 503 after 4 checks
        CliRun broken = deploy("1.0.1", "env SAMPLE_APP_HEALTHY_CHECKS=4 java -jar ${ARTIFACT}");
        assertThat(broken.exitCode()).as(broken.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(SampleApp.get(servingPort(), "/health")).startsWith("200 ").contains("1.0.1");
        // the watch of production raises the alert
        CliRun watch = cli("monitor", "--workdir", copy.toString(), "--environment", "production", "--duration",
                "2s", "--interval", "1s");
        assertThat(watch.exitCode()).as(watch.err()).isEqualTo(ExitCode.FAILURE);
        Message alert = messages(AlertTriggered.TYPE).get(0);
        assertThat(alert.payloadAs(AlertTriggered.class).severity()).isEqualTo("critical");

        CliRun react = cli("react", "--once", "--rules", examples().resolve("reactions.yaml").toString(),
                "--workdir", copy.toString());

        assertThat(react.exitCode()).as(react.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(react.err()).contains("rule incident-after-deploy: alert.triggered")
                .contains("starting scenario incident-response").contains("--caused-by " + alert.getId())
                .contains("==> Decide Rollback").contains("<== Roll Back: SUCCESS")
                .contains("done: 1 started, 0 failed");
        // recovery: production serves the release before the broken one
        assertThat(SampleApp.get(servingPort(), "/health")).startsWith("200 ").contains("1.0.0");
        DeployRolledBack rollback = messages(DeployRolledBack.TYPE).get(0).payloadAs(DeployRolledBack.class);
        assertThat(rollback.fromVersion()).isEqualTo("1.0.1");
        assertThat(rollback.toVersion()).isEqualTo("1.0.0");
        assertThat(rollback.url()).as("where the restored release answers, for the watch after it")
                .isEqualTo("http://127.0.0.1:" + servingPort() + "/");
        // the incident: a P1 from the alert, resolved, everything in the alert's run
        IncidentCreated created = messages(IncidentCreated.TYPE).get(0).payloadAs(IncidentCreated.class);
        assertThat(created.priority()).isEqualTo("P1");
        assertThat(created.alertName()).isEqualTo(alert.payloadAs(AlertTriggered.class).alertName());
        assertThat(created.environment()).isEqualTo("production");
        assertThat(messages(IncidentCreated.TYPE).get(0).getCausationId()).contains(alert.getId());
        assertThat(messages(IncidentResolved.TYPE)).singleElement().satisfies(resolved -> assertThat(
                resolved.payloadAs(IncidentResolved.class).resolution()).isEqualTo(
                        "production rolled back to 1.0.0; the watch after it passed"));
        // the timeline, from the journal: the broken deploy before T+0, the alert at T+0, the rollback after
        CliRun show = cli("incident", "show", created.incidentId(), "--workdir", copy.toString());
        assertThat(show.exitCode()).as(show.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(show.out()).containsSubsequence("deploy.completed", "alert.triggered", "opened",
                "approval.granted", "deploy.rolled_back", "resolved");
        assertThat(show.out()).containsPattern("T-\\d+s? .*deploy.completed .*version=1.0.1")
                .containsPattern("T\\+0 .*alert.triggered");
        // the post-mortem and its downtime: from the broken deploy to the rollback
        Message written = messages(IncidentPostmortemWritten.TYPE).get(0);
        IncidentPostmortemWritten postmortem = written.payloadAs(IncidentPostmortemWritten.class);
        long deployed = messages(DeployCompleted.TYPE).stream()
                .filter(m -> m.payloadAs(DeployCompleted.class).version().equals("1.0.1")).findFirst().orElseThrow()
                .getTime().getEpochSecond();
        long rolledBack = messages(DeployRolledBack.TYPE).get(0).getTime().getEpochSecond();
        assertThat(postmortem.totalDowntime()).isNotNull().isBetween((double) rolledBack - deployed - 1,
                (double) rolledBack - deployed + 1);
        String draft = Files.readString(copy.resolve(postmortem.path()), StandardCharsets.UTF_8);
        assertThat(draft).contains(created.incidentId()).contains("Total downtime").contains("1.0.1")
                .contains("rolled back");
        // the notifications: escalation, every stage, the post-mortem's downtime and the resolution
        String notifications = Files.readString(copy.resolve(".lotabots/notifications.log"), StandardCharsets.UTF_8);
        assertThat(notifications).contains("incident.created").contains("Escalate: SUCCESS")
                .contains("Roll Back: SUCCESS").contains("Post-mortem: SUCCESS").contains("total downtime")
                .contains("incident.resolved");
        // how long production was down once the health check failed: the figure of docs/performance.md
        System.out.printf("incident-response: from the alert to the previous release serving: %d ms%n",
                Duration.between(alert.getTime(), messages(DeployRolledBack.TYPE).get(0).getTime()).toMillis());
    }

    @Test
    @Order(2)
    void shouldStopAtTheRollbackDecisionWhenNobodyApprovedItAndLeaveTheIncidentOpen() throws Exception {
        int before = messages(DeployRolledBack.TYPE).size();
        Message alert = Message.builder(new AlertTriggered("CheckoutErrors", "critical", "error_rate", 0.3, 0.05,
                "production")).source("MonitorBot").correlationId("cli/elsewhere#1").build();
        try (Journal journal = Journal.at(copy.resolve(Journal.DEFAULT_PATH))) {
            journal.append(alert);
        }

        CliRun run = cli("scenario", "run", "incident-response", "--workdir", copy.toString(), "--caused-by",
                alert.getId(), "--param", "service=checkout");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("<== Open Incident: SUCCESS").contains("<== Escalate: SUCCESS")
                .contains("approve it up front with --approve rollback").contains("<== Roll Back: NOT_RUN");
        assertThat(messages(DeployRolledBack.TYPE)).hasSize(before);
        IncidentCreated created = messages(IncidentCreated.TYPE).stream().map(m -> m.payloadAs(IncidentCreated.class))
                .filter(incident -> incident.service().equals("checkout")).findFirst().orElseThrow();
        CliRun list = cli("incident", "list", "--workdir", copy.toString());
        assertThat(list.out()).contains(created.incidentId()).contains("CheckoutErrors");
    }

    @Test
    @Order(3)
    void shouldDeployAHotfixAsACanaryWithTheOverrideRecordedAndUndoABrokenOne() throws Exception {
        Path greeter = copy.resolve("src/main/java/io/lotabots/sample/Greeter.java");
        Files.writeString(greeter, Files.readString(greeter).replace("Builds greetings.", "Builds greetings (fixed)."));
        git("checkout", "-q", "-b", "hotfix/greeting");
        git("commit", "-q", "-am", "the fix");
        int servedBefore = servingPort();

        CliRun fix = hotfix();

        assertThat(fix.exitCode()).as(fix.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(fix.err()).contains("Critical Tests/Affected Modules: SUCCESS - 9 tests")
                .contains("Critical Tests/Smoke Tests: SUCCESS - 1 tests")
                .contains("<== Canary to Production: SUCCESS").contains("<== Full Test Suite: SUCCESS");
        BuildCompleted built = last(BuildCompleted.TYPE).payloadAs(BuildCompleted.class);
        assertThat(built.priority()).isEqualTo("critical");
        assertThat(built.branch()).isEqualTo("hotfix/greeting");
        IncidentCreated incident = last(IncidentCreated.TYPE).payloadAs(IncidentCreated.class);
        assertThat(incident.alertName()).isEqualTo("HotfixRequired");
        ApprovalOverridden override = last(ApprovalOverridden.TYPE).payloadAs(ApprovalOverridden.class);
        assertThat(override.reason()).isEqualTo("hotfix for " + incident.incidentId());
        assertThat(override.by()).isNotBlank();
        String hotfixVersion = last(DeployCompleted.TYPE).payloadAs(DeployCompleted.class).version();
        assertThat(last(DeployCompleted.TYPE).payloadAs(DeployCompleted.class).strategy()).isEqualTo("canary");
        assertThat(SampleApp.get(servingPort(), "/health")).startsWith("200 ").contains(hotfixVersion);
        // the canary ran on the port production did not serve on, watched while the release before kept serving
        int canaryPort = servedBefore == bluePort ? greenPort : bluePort;
        assertThat(servingPort()).isEqualTo(canaryPort);
        assertThat(fix.err()).contains("Watching the canary " + hotfixVersion + " in the ")
                .contains("slot on port " + canaryPort + " while 1.0.0 keeps serving on port " + servedBefore)
                .contains("The canary " + hotfixVersion + " passed its watch");
        assertThat(last(IncidentUpdated.TYPE).payloadAs(IncidentUpdated.class).status()).isEqualTo("mitigated");
        assertThat(copy.resolve(".lotabots/postmortems/" + incident.incidentId() + ".md")).isRegularFile();

        // a second hotfix that fails its canary's smoke test: the canary is undone, the first hotfix serves again,
        // and the attempt is added to the incident, which is still open
        CliRun broken = hotfix("--set", "deployProduction.smoke=/health 200 ~FIXED", "--set",
                "deployProduction.smokeRetries=1");

        assertThat(broken.exitCode()).as(broken.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(broken.err()).contains("<== Canary to Production: FAILURE").contains("<== Verify: NOT_RUN");
        assertThat(last(DeployFailed.TYPE).payloadAs(DeployFailed.class).environment()).isEqualTo("production");
        assertThat(SampleApp.get(servingPort(), "/health")).startsWith("200 ").contains(hotfixVersion);
        assertThat(last(IncidentUpdated.TYPE).payloadAs(IncidentUpdated.class).change()).isEqualTo("repeated");
    }

    @Test
    @Order(4)
    void shouldDeployASecurityFixBlueGreenWithTheOverrideAndRollBackWhenTheEnhancedWatchFails() throws Exception {
        String serving = SampleApp.get(servingPort(), "/health");
        Path advisories = Files.createDirectories(copy.resolve("advisories"));
        Files.writeString(advisories.resolve("GHSA-lota-bots-0016.json"), """
                {"schema_version": "1.6.0", "id": "GHSA-lota-bots-0016", "aliases": ["CVE-2099-0016"],
                 "summary": "A test advisory for JUnit", "modified": "2026-12-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "Maven", "name": "org.junit.jupiter:junit-jupiter"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]}],
                 "database_specific": {"severity": "CRITICAL"}}
                """);
        CliRun alert = cli("security", "cve-alert", "--workdir", copy.toString(), "--advisory",
                "GHSA-lota-bots-0016", "--advisories", advisories.toString());
        assertThat(alert.exitCode()).as(alert.err() + alert.out()).isNotEqualTo(ExitCode.BAD_INPUT);
        Message cve = last(SecurityCveAlert.TYPE);
        assertThat(cve.payloadAs(SecurityCveAlert.class).affected()).isTrue();

        // the fix breaks after its checks: the enhanced watch fails and production goes back
        CliRun run = cli("scenario", "run", "security-first", "--workdir", copy.toString(), "--caused-by",
                cve.getId(), "--set", "build.command=true", "--set", "deployProduction.bluePort=" + bluePort,
                "--set", "deployProduction.greenPort=" + greenPort, "--set", "deployProduction.startCommand=env"
                        + " SAMPLE_APP_HEALTHY_CHECKS=4 java -jar ${ARTIFACT}",
                "--set", "monitor.duration=3s", "--set", "monitor.interval=1s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("<== Check Advisory: SKIPPED").contains("Security Tests/Security Suite: SUCCESS - 1 tests")
                .contains("Security Tests/Smoke Tests: SUCCESS - 1 tests")
                .contains("<== Deploy to Production: SUCCESS").contains("Roll back Production: SUCCESS");
        IncidentCreated incident = last(IncidentCreated.TYPE).payloadAs(IncidentCreated.class);
        assertThat(incident.title()).isEqualTo("Security: GHSA-lota-bots-0016 in org.junit.jupiter:junit-jupiter");
        ApprovalOverridden override = last(ApprovalOverridden.TYPE).payloadAs(ApprovalOverridden.class);
        assertThat(override.reason()).isEqualTo("security fix for GHSA-lota-bots-0016 (" + incident.incidentId()
                + ")");
        assertThat(last(DeployCompleted.TYPE).payloadAs(DeployCompleted.class).strategy()).isEqualTo("blueGreen");
        assertThat(SampleApp.get(servingPort(), "/health")).isEqualTo(serving).startsWith("200 ");
    }

    private static CliRun hotfix(final String... extra) {
        List<String> args = new ArrayList<>(List.of("scenario", "run", "hotfix", "--workdir", copy.toString(),
                "--param", "since=main", "--param", "branch=hotfix/greeting", "--set", "build.command=true",
                "--set", "deployProduction.bluePort=" + bluePort, "--set", "deployProduction.greenPort=" + greenPort,
                "--set", "deployProduction.canaryWindow=2s", "--set", "deployProduction.canaryInterval=1s",
                "--set", "monitor.duration=2s", "--set", "monitor.interval=1s"));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    private static CliRun deploy(final String version, final String startCommand) {
        List<String> args = new ArrayList<>(List.of("deploy", "--workdir", copy.toString(), "--environment",
                "production", "--build", buildId, "--app-version", version, "--approve", "--strategy", "blueGreen",
                "--blue-port", Integer.toString(bluePort), "--green-port", Integer.toString(greenPort), "--smoke",
                "/health 200 ~UP"));
        if (startCommand != null) {
            args.addAll(List.of("--start-command", startCommand));
        }
        return cli(args.toArray(String[]::new));
    }

    private static CliRun cli(final String... args) {
        return CliRun.of(BotRegistry.standard(), args);
    }

    /** Returns the port of the release production serves, as its state records it. */
    private static int servingPort() {
        return DirectoryTarget.existing(copy.resolve(".lotabots/releases"), "production",
                BotContext.builder(copy).build()).status().getServing().orElseThrow().port();
    }

    private static List<Message> messages(final String type) {
        try (Journal journal = Journal.at(copy.resolve(Journal.DEFAULT_PATH))) {
            return journal.read(MessageFilter.ofTypes(type));
        }
    }

    private static Message last(final String type) {
        List<Message> all = messages(type);
        assertThat(all).as("messages of type " + type).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static Path examples() {
        return Path.of(System.getProperty("user.dir")).resolve("../examples").normalize();
    }

    private static void git(final String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=LotaBots Test", "-c",
                "user.email=test@lotabots.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
