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
}
