package io.lotabots.cli;

import io.lotabots.reaction.ReactionLedger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 16: {@code lotabots react --rules f &} in a script. A shell without job control starts a background job with
 * SIGINT ignored, and a JVM keeps a signal ignored at its start ignored; through the {@code lotabots} launcher react
 * still stops cleanly on SIGINT, and started without it, it says that only SIGTERM stops it, which does.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReactSignalITest {
    private static final long START_LIMIT_MILLIS = 90_000;

    @TempDir
    private Path workdir;
    @TempDir
    private Path logs;

    private Process shell;

    @AfterEach
    void killWhatTheTestStarted() {
        if (shell != null) {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    @Test
    void shouldStopCleanlyOnSigintWhenStartedInTheBackgroundOfAScriptThroughTheLauncher() throws Exception {
        Path launcher = Path.of("..", "lotabots").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(launcher), "the launcher " + launcher + " is where the tests run from");
        assumeTrue(new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0,
                "resetting an ignored SIGINT needs GNU env 8.31 or later");

        String err = runInTheBackground("\"$LAUNCHER\" react", "INT");

        assertThat(read("exit")).isEqualTo("130");
        assertThat(err).doesNotContain("was ignored").contains("lotabots: interrupted by SIGINT")
                .contains("lotabots react: stopped (interrupted by SIGINT)");
        try (ReactionLedger ledger = ReactionLedger.open(workdir.resolve(".lotabots/reactions.jsonl"))) {
            assertThat(ledger.getWarnings()).isEmpty();
            assertThat(ledger.unfinished()).isEmpty();
        }
    }

    @Test
    void shouldSayThatOnlySigtermStopsItWhenStartedInTheBackgroundWithoutTheLauncher() throws Exception {
        String err = runInTheBackground("\"$JAVA\" -XX:TieredStopAtLevel=1 -cp \"$LOTABOTS_CLASSPATH\" "
                + LotaBotsCommand.class.getName() + " react", "TERM");

        assertThat(read("exit")).isEqualTo("130");
        assertThat(err).contains("warning: SIGINT was ignored when this process started")
                .contains("lotabots react: stopped (interrupted by SIGTERM)");
    }

    /**
     * Starts react as a background job of {@code sh -c}, waits until it follows, sends the signal to it and waits
     * for the script, which records react's exit status.
     */
    private String runInTheBackground(final String command, final String signal) throws Exception {
        Path rules = logs.resolve("rules.yaml");
        Files.writeString(rules, ReactEscalationITest.RULES);
        String script = command + " --rules \"$RULES\" --workdir \"$WORKDIR\" --poll 100ms --escalate-every off"
                + " >\"$LOGS/out\" 2>\"$LOGS/err\" & echo $! >\"$LOGS/pid\"; wait $!; echo $? >\"$LOGS/exit\"";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(logs.resolve("sh").toFile());
        builder.environment().putAll(java.util.Map.of("LAUNCHER", Path.of("..", "lotabots").toAbsolutePath()
                .normalize().toString(), "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "LOTABOTS_CLASSPATH", System.getProperty("java.class.path"), "RULES", rules.toString(), "WORKDIR",
                workdir.toString(), "LOGS", logs.toString()));
        shell = builder.start();
        long deadline = System.currentTimeMillis() + START_LIMIT_MILLIS;
        while (!read("err").contains("lotabots react: 1 rule") && shell.isAlive()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(read("err")).as(read("sh")).contains("lotabots react: 1 rule");
        String pid = read("pid");
        assertThat(new ProcessBuilder(List.of("kill", "-" + signal, pid)).start().waitFor()).isZero();
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).as(read("err")).isTrue();
        return read("err");
    }

    private String read(final String name) throws IOException {
        Path file = logs.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
    }
}
