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
}
