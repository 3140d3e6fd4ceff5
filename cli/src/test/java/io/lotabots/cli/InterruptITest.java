package io.lotabots.cli;

import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.BuildFailed;
import io.lotabots.message.Message;
import io.lotabots.message.RunAborted;
import io.lotabots.process.ProcessCookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14: the real command line in a child JVM runs a build whose command double-forks a sleeper; a signal sent to
 * the CLI's process only (as a CI timeout does) must stop every process of the run, record the run as aborted in the
 * journal, print the timeline, write the report and exit with 130.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InterruptITest {
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final String BUILD = "sh -c '(setsid sleep 300 &) ; echo build-started; sleep 300'";

    @TempDir
    private Path workspace;
    @TempDir
    private Path logs;

    private Process cli;
    private final List<ProcessCookie> cookies = new ArrayList<>();

    @BeforeAll
    static void needsProc() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "finding the processes of a run reads /proc (Linux)");
    }

    @AfterEach
    void killEverythingTheTestStarted() {
        cookies.forEach(cookie -> cookie.stop(Duration.ZERO, List.of()));
        if (cli != null) {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void shouldStopEveryProcessRecordTheAbortReportAndExit130WhenOnlyTheCliIsSignalled(final String signal)
            throws Exception {
        Path out = logs.resolve("out.txt");
        Path err = logs.resolve("err.txt");
        List<String> command = new ArrayList<>();
        if (resetsSignals()) {
            // a JVM keeps SIGINT ignored when it was ignored at start, as in a background job of a script
            command.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LotaBotsCommand.class.getName(), "run", "--workdir", workspace.toString(), "--bots", "build,test",
                "--set", "build.command=" + BUILD));
        cli = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        awaitTrue(() -> read(err).contains("[BuildBot] build-started"), START_LIMIT, err);
        ProcessCookie cookie = runCookie();
        cookies.add(cookie);
        awaitTrue(() -> cookie.findProcesses().size() >= 3, START_LIMIT, err);
        assertThat(cookie.findProcesses()).as("the CLI's JVM does not carry its own run's cookie")
                .noneMatch(handle -> handle.pid() == cli.pid());

        new ProcessBuilder("kill", "-" + signal, String.valueOf(cli.pid())).inheritIO().start().waitFor();

        assertThat(cli.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the CLI ended; its errors: %s",
                read(err)).isTrue();
        String errors = read(err);
        String output = read(out);
        String reason = "interrupted by SIG" + signal;
        assertThat(cli.exitValue()).as(errors).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(errors).contains("lotabots: " + reason + "; stopping the run and its processes")
                .contains("<== BuildBot: ABORTED - " + reason)
                .contains("<== TestBot: NOT_RUN - not run: the run was " + reason)
                .contains("lotabots: ABORTED in ").contains("(" + reason + ")");
        assertThat(output).contains("Message timeline of cli/").contains("build.failed").contains("run.aborted")
                .contains("Report: ");
        Path report = Path.of(output.substring(output.indexOf("Report: ") + 8).trim());
        assertThat(report).exists();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("ABORTED")
                .contains("The run was " + reason);
        List<Message> journal = Journal.at(workspace.resolve(Journal.DEFAULT_PATH)).read(MessageFilter.ALL);
        assertThat(journal).extracting(Message::getType).containsExactly(BuildFailed.TYPE, RunAborted.TYPE);
        assertThat(journal.get(0).payloadAs(BuildFailed.class).reason()).contains("was interrupted");
        RunAborted aborted = journal.get(1).payloadAs(RunAborted.class);
        assertThat(aborted.reason()).isEqualTo(reason);
        assertThat(aborted.steps()).containsExactly("BuildBot");
        assertThat(aborted.processesStopped()).isGreaterThanOrEqualTo(3);
        assertThat(cookie.findProcesses()).as("processes carrying the run's cookie").isEmpty();
    }

    /** Reads the run cookie from the environment of the build's shell, the CLI's child. */
    private ProcessCookie runCookie() throws IOException {
        for (ProcessHandle child : cli.descendants().toList()) {
            Optional<String> value = variable(child.pid(), ProcessCookie.RUN_VARIABLE);
            if (value.isPresent()) {
                String[] cookies = value.get().trim().split(" +");
                return ProcessCookie.of(ProcessCookie.RUN_VARIABLE, cookies[cookies.length - 1]);
            }
        }
        throw new AssertionError("no child of the CLI carries " + ProcessCookie.RUN_VARIABLE);
    }

    private static Optional<String> variable(final long pid, final String name) throws IOException {
        byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ"));
        for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            if (entry.startsWith(name + "=")) {
                return Optional.of(entry.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static boolean resetsSignals() throws InterruptedException {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        }
        catch (IOException e) {
            return false;
        }
    }

    private void awaitTrue(final BooleanSupplier condition, final Duration limit, final Path err)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(cli.isAlive()).as("the CLI still runs; its errors: %s", read(err)).isTrue();
            assertThat(System.nanoTime()).as("waited %s; the CLI's errors: %s", limit, read(err))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return "(" + file + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
