package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line says, in the words its user typed (issue 15): flags rather than option ids, durations as
 * people write them, secrets named by their variables.
 */
class CommandLineWordsTest {
    private static final BotRegistry BOTS = BotRegistry.standard();

    @TempDir
    private Path dir;

    @Test
    void shouldNameTheFlagsTheUserTypedInOptionErrors() {
        CliRun retries = CliRun.of(BOTS, "deploy", "--workdir", dir.toString(), "--environment", "staging",
                "--smoke-retries", "1001");
        CliRun missing = CliRun.of(BOTS, "deploy", "--workdir", dir.toString(), "--blue-port", "8181");
        CliRun empty = CliRun.of(BOTS, "test", "--workdir", dir.toString());

        assertThat(retries.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(retries.err()).contains("Option '--smoke-retries' must be between 0 and")
                .doesNotContain("smokeRetries");
        assertThat(missing.err()).contains("Option '--environment' of DeployBot is required")
                .contains("--environments staging,production").contains("with --blue-port 8181")
                .doesNotContain("bluePort");
        assertThat(empty.err()).contains("set --allow-empty to accept that").doesNotContain("allowEmpty");
    }

    @Test
    void shouldShowDurationsAsPeopleWriteThemInHelpAndListings() {
        CliRun help = CliRun.of(BOTS, "monitor", "--help");
        CliRun bots = CliRun.of(BOTS, "bots");
        CliRun docs = CliRun.of(BOTS, "bots", "--format", "markdown");

        assertThat(help.out()).contains("Default: 30m.").contains("Default: 24h.").contains("Default: 0s.")
                .doesNotContain("PT30M").doesNotContain("PT");
        assertThat(bots.out()).contains("default: 30m").doesNotContain("PT30M");
        assertThat(docs.out()).contains("| `timeout` | `--timeout` | duration | `30m` |").doesNotContain("`PT");
    }

    @Test
    void shouldNameTheOptionsAndDurationsOfAScenarioOverride() {
        CliRun badValue = CliRun.of(BOTS, "build", "--workdir", dir.toString(), "--timeout", "0s");

        assertThat(badValue.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(badValue.err()).contains("must be positive, was 0s").doesNotContain("PT0S");
    }

    @Test
    void shouldSayWhichVariableHoldsASecretTheUserGaveAsAnOption() {
        CliRun webhook = CliRun.of(BOTS, "notify", "--workdir", dir.toString(), "--channel", "webhook", "--url",
                "https://hooks.example.com/x");
        CliRun routingKey = CliRun.of(BOTS, "notify", "--workdir", dir.toString(), "--routing-key=abc");
        CliRun token = CliRun.of(BOTS, "monitor", "--workdir", dir.toString(), "--prometheus-token", "t");
        CliRun help = CliRun.of(BOTS, "notify", "--help");

        assertThat(webhook.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(webhook.err()).contains("Unknown option").contains("The webhook URL")
                .contains("is a secret: it is read from NOTIFY_WEBHOOK_URL");
        assertThat(routingKey.err()).contains("is a secret: it is read from PAGERDUTY_ROUTING_KEY");
        assertThat(token.err()).contains("is a secret: it is read from PROMETHEUS_TOKEN");
        assertThat(help.out()).contains("Secrets, read from environment variables")
                .contains("NOTIFY_WEBHOOK_URL: the webhook URL").contains("TWILIO_AUTH_TOKEN");
    }

    @Test
    void shouldPrintTheSummaryOfNotifyOnceAndItsWarningsAsWarnings() {
        CliRun.of(BOTS, "test", "--workdir", dir.toString(), "--allow-empty");

        CliRun run = CliRun.of(BOTS, "notify", "--workdir", dir.toString(), "--channel", "console,email",
                "--smtp-host", "127.0.0.1", "--smtp-port", "1", "--email-from", "lotabots@example.com", "--email-to",
                "team@example.com", "--retries", "0");

        String everything = run.out() + run.err();
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNSTABLE);
        assertThat(everything.lines().filter(line -> line.contains("Notified console, email about"))).hasSize(1);
        assertThat(run.out()).contains("Notified console, email about");
        assertThat(run.err()).contains("[NotificationBot] [WARNING] email: could not deliver")
                .contains("connection refused (nothing listens on 127.0.0.1:1)").doesNotContain("ConnectException")
                .contains("[NotificationBot] Finished in ").contains("with --channel console,email")
                .doesNotContain("[ERROR] Warning").doesNotContain("Warning:");
    }

    @Test
    void shouldShowEveryProblemOfAMessageNotOnlyTheFirst() throws java.io.IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("test.json"), """
                {"type": "test.completed", "source": {"bot_name": "TestBot"},
                 "payload": {"total_tests": 3, "passed_tests": "x", "coverage": 120, "duration": -1}}
                """);
        Path noSource = java.nio.file.Files.writeString(dir.resolve("no-source.json"), """
                {"type": "test.completed", "payload": {"total_tests": -3, "passed_tests": 0, "duration": 1}}
                """);

        CliRun run = CliRun.of("message", "validate", file.toString(), noSource.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("field 'passed_tests' must be a whole number, was text")
                .contains("field 'coverage' must be between 0 and 100, was 120.0")
                .contains("field 'duration' must not be negative, was -1.0")
                .contains("no-source.json: attribute 'source.bot_name' must be set")
                .contains("no-source.json: message type 'test.completed': field 'total_tests' must not be negative")
                .contains("5 problems found, 0 messages valid");
    }

    @Test
    void shouldRejectAMistypedMessageTypeWithoutStrictAndSuggestTheKnownOnes() throws java.io.IOException {
        Path typo = java.nio.file.Files.writeString(dir.resolve("typo.json"), """
                {"type": "test.complete", "source": {"bot_name": "TestBot"}, "payload": {}}
                """);
        Path area = java.nio.file.Files.writeString(dir.resolve("area.json"), """
                {"type": "deploy.finished", "source": {"bot_name": "DeployBot"}, "payload": {}}
                """);

        CliRun run = CliRun.of("message", "validate", typo.toString(), area.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("typo.json: message type 'test.complete' is not in the catalogue; did you mean"
                + " 'test.completed'?").contains("area.json: message type 'deploy.finished' is not in the catalogue;"
                + " did you mean 'deploy.").contains("'lotabots message types' lists the catalogue");
    }

    @Test
    void shouldWordATruncatedFileByItsLineWithoutTheParsersInternals() throws java.io.IOException {
        Path truncated = java.nio.file.Files.writeString(dir.resolve("truncated.json"),
                "{\"type\": \"build.completed\",\n \"source\": {\"bot_name\": \"BuildBot\"},\n \"payload\": {\"build_id\"");
        Path quotes = java.nio.file.Files.writeString(dir.resolve("quotes.json"), "{'type': 'build.completed'}");
        Path journal = dir.resolve("messages.jsonl");
        java.nio.file.Files.writeString(journal, "{\"id\": \"1\", \"type\": \"build.comp");

        CliRun run = CliRun.of("message", "validate", truncated.toString(), quotes.toString(), journal.toString());
        CliRun read = CliRun.of("messages", "--journal", journal.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("truncated.json:3: the JSON ends before the value is complete")
                .contains("quotes.json:1: is not valid JSON: unexpected single quote (JSON text takes double quotes)")
                .contains("messages.jsonl:1: line is a torn last line").contains("the JSON ends before the value is"
                        + " complete").doesNotContain("Source").doesNotContain("StreamReadFeature")
                .doesNotContain("marker").doesNotContain("end-of-input");
        assertThat(read.err()).contains("messages.jsonl:1: line is a torn last line")
                .contains("the JSON ends before the value is complete").doesNotContain("Source");
    }

    @Test
    void shouldRecogniseTheLotaBotsCheckoutAndNothingElse() throws java.io.IOException {
        Path checkout = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();

        assertThat(WorkflowSession.isLotaBotsCheckout(checkout)).isTrue();
        assertThat(WorkflowSession.isLotaBotsCheckout(checkout.resolve("examples/sample-app"))).isFalse();
        assertThat(WorkflowSession.isLotaBotsCheckout(fakeCheckout("my-engine"))).isFalse();
        assertThat(WorkflowSession.isLotaBotsCheckout(dir)).isFalse();
    }

    @Test
    void shouldRefuseAScenarioWithoutWorkdirInTheLotaBotsCheckoutBeforeAnyWork() throws java.io.IOException {
        Path checkout = fakeCheckout("lotabots-engine");

        CliRun run = inCurrentDirectory(checkout, () -> CliRun.of(BOTS, "scenario", "run", "build-test-deploy"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("No --workdir was given").contains("is the LotaBots source checkout itself")
                .contains("--workdir examples/sample-app");
        assertThat(checkout.resolve(".lotabots")).doesNotExist();
    }

    @Test
    void shouldPrintTheFolderARunUsesWhenNoWorkdirIsGiven() {
        CliRun run = inCurrentDirectory(dir, () -> CliRun.of(BotRegistry.of(java.util.List.of(new CountingBot())),
                "run", "--bots", "count"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.err()).contains("lotabots: working in " + dir.toAbsolutePath().normalize()
                + " (the current directory; --workdir DIR chooses another)");
        assertThat(dir.resolve(".lotabots/messages.jsonl")).exists();
    }

    private Path fakeCheckout(final String engineArtifact) throws java.io.IOException {
        Path root = java.nio.file.Files.createTempDirectory(dir, "checkout");
        java.nio.file.Files.writeString(root.resolve("lotabots"), "#!/usr/bin/env bash\n");
        java.nio.file.Files.createDirectories(root.resolve("engine"));
        java.nio.file.Files.writeString(root.resolve("engine/pom.xml"), "<project><artifactId>" + engineArtifact
                + "</artifactId></project>");
        return root;
    }

    /** The command line reads the current directory from user.dir; the tests of this JVM run one at a time. */
    private static CliRun inCurrentDirectory(final Path folder, final java.util.function.Supplier<CliRun> run) {
        String before = System.getProperty("user.dir");
        System.setProperty("user.dir", folder.toString());
        try {
            return run.get();
        }
        finally {
            System.setProperty("user.dir", before);
        }
    }
}
