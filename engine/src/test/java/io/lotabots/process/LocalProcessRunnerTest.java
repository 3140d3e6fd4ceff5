package io.lotabots.process;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecretMasker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalProcessRunnerTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    private Path workspace;

    private final SecretMasker masker = new SecretMasker();
    private final LocalProcessRunner runner = new LocalProcessRunner(masker);
    private final EngineLog sink = new EngineLog("Errors:", 10_000, 100);
    private final List<Long> startedPids = new ArrayList<>();

    @AfterEach
    void killWhatTheTestStarted() {
        runner.getRunCookie().stop(Duration.ZERO, List.of());
        for (long pid : startedPids) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            });
        }
    }

    private ProcessOutcome sh(final String script) {
        return sh(script, GENEROUS);
    }

    private ProcessOutcome sh(final String script, final Duration timeout) {
        return runner.run(ProcessSpec.of(workspace, timeout, "sh", "-c", script), sink);
    }

    @Test
    void shouldReportExitCodeZeroAsSuccess() {
        ProcessOutcome outcome = sh("exit 0");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.isSuccess()).isTrue();
        assertThat(outcome.duration()).isPositive();
    }

    @Test
    void shouldStripColourCodesFromTheOutput() {
        ProcessOutcome outcome = sh("printf '\\033[1;34mINFO\\033[m Building\\n\\033[0m\\033[0m\\n'");

        assertThat(sink.getInfoLines()).containsExactly("INFO Building", "");
        assertThat(outcome.tail()).containsExactly("INFO Building", "");
    }

    @Test
    void shouldReportNonZeroExitCode() {
        ProcessOutcome outcome = sh("echo about to fail; exit 3");

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.tail()).containsExactly("about to fail");
    }

    @Test
    void shouldStreamOutputLinesInOrderToSink() {
        ProcessOutcome outcome = sh("for i in 1 2 3 4 5; do echo line$i; done");

        assertThat(sink.getInfoLines()).containsExactly("line1", "line2", "line3", "line4", "line5");
        assertThat(outcome.tail()).containsExactly("line1", "line2", "line3", "line4", "line5");
        assertThat(sink.hasErrors()).isFalse();
    }

    @Test
    void shouldMergeStandardErrorIntoOutput() {
        ProcessOutcome outcome = sh("echo out1; echo err1 >&2; echo out2; echo err2 1>&2");

        assertThat(sink.getInfoLines()).containsExactly("out1", "err1", "out2", "err2");
        assertThat(outcome.tail()).containsExactly("out1", "err1", "out2", "err2");
    }

    @Test
    void shouldKeepOnlyLastThirtyLinesInTailButStreamAll() {
        ProcessOutcome outcome = sh("i=1; while [ $i -le 100 ]; do echo $i; i=$((i+1)); done");

        assertThat(sink.getInfoLines()).hasSize(100).startsWith("1", "2").endsWith("99", "100");
        assertThat(outcome.tail()).hasSize(LocalProcessRunner.TAIL_LINES)
                .containsExactlyElementsOf(IntStream.rangeClosed(71, 100).mapToObj(String::valueOf).toList());
    }

    @Test
    void shouldNeverShowRegisteredSecretInSinkOrTail() {
        masker.add("s3cr3t-token-value");
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c",
                "echo token=s3cr3t-token-value; echo \"from env $API_TOKEN\" >&2; echo done"),
                workspace, Map.of("API_TOKEN", "s3cr3t-token-value"), GENEROUS);

        ProcessOutcome outcome = runner.run(spec, sink);

        assertThat(sink.getInfoLines()).containsExactly("token=****", "from env ****", "done")
                .noneMatch(line -> line.contains("s3cr3t"));
        assertThat(outcome.tail()).containsExactly("token=****", "from env ****", "done")
                .noneMatch(line -> line.contains("s3cr3t"));
    }

    @Test
    void shouldRunInWorkingDirectoryWithAddedEnvironment() throws IOException {
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c", "pwd; echo \"$GREETING\""), workspace,
                Map.of("GREETING", "hello"), GENEROUS);

        ProcessOutcome outcome = runner.run(spec, sink);

        assertThat(outcome.tail()).containsExactly(workspace.toRealPath().toString(), "hello");
    }

    @Test
    void shouldCutVeryLongLines() {
        ProcessOutcome outcome = sh("head -c 20000 /dev/zero | tr '\\0' x; echo");

        assertThat(outcome.tail()).hasSize(1);
        assertThat(outcome.tail().get(0)).hasSize(8 * 1024 + 3).endsWith("x...");
    }

    @Test
    @Timeout(60)
    void shouldStopCommandAndItsChildAfterTimeout() throws IOException {
        Path pidFile = workspace.resolve("child.pid");

        ProcessOutcome outcome = sh("sleep 60 & echo $! > child.pid; echo started; wait", Duration.ofSeconds(1));

        long childPid = readPid(pidFile);
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                .isLessThan(Duration.ofSeconds(20));
        assertThat(outcome.tail()).first().isEqualTo("started");
        assertThat(isRunning(childPid)).as("child process %d still running", childPid).isFalse();
    }

    @Test
    @Timeout(60)
    void shouldKillChildThatIgnoresStopRequestAfterGracePeriod() throws IOException {
        Path pidFile = workspace.resolve("child.pid");

        ProcessOutcome outcome = sh("sh -c 'trap \"\" TERM; sleep 60; echo never' & echo $! > child.pid; wait",
                Duration.ofSeconds(1));

        long childPid = readPid(pidFile);
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(isRunning(childPid))
                .as("child process %d ignored SIGTERM and must be killed after the grace period", childPid)
                .isFalse();
    }

    /** Issue 14: a double-forked grandchild survived the timeout, which was reported after 18 s instead of 5. */
    @Test
    @Timeout(60)
    void shouldStopDoubleForkedGrandchildAtTimeoutWithoutWaitingForItsPipe() throws IOException {
        Path pidFile = workspace.resolve("grandchild.pid");
        Duration timeout = Duration.ofSeconds(2);

        ProcessOutcome outcome = sh("(setsid sh -c 'echo $$ > grandchild.pid; exec sleep 300' &); echo started;"
                + " sleep 300", timeout);

        long grandchild = readPid(pidFile);
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.interrupted()).isFalse();
        assertThat(outcome.duration()).as("the grandchild holds the pipe; the outcome must not wait for it")
                .isLessThan(timeout.plus(LocalProcessRunner.GRACE).plusSeconds(1));
        assertThat(outcome.tail()).first().as("a shell may still report its child 'Terminated'").isEqualTo("started");
        assertThat(sink.getErrorLines()).anyMatch(line -> line.startsWith("Timed out after 2"));
        assertThat(isRunning(grandchild)).as("double-forked grandchild %d, re-parented to init", grandchild)
                .isFalse();
        assertThat(runner.getRunCookie().findProcesses()).isEmpty();
    }

    @Test
    void shouldMarkEveryProcessWithTheRunCookieAndACookieOfItsOwn() {
        ProcessOutcome first = sh("echo \"$LOTABOTS_RUN_COOKIE\"; echo \"$LOTABOTS_COMMAND_COOKIE\"");
        ProcessOutcome second = sh("echo \"$LOTABOTS_RUN_COOKIE\"; echo \"$LOTABOTS_COMMAND_COOKIE\"");

        String run = runner.getRunCookie().getValue();
        assertThat(first.tail().get(0)).endsWith(run);
        assertThat(second.tail().get(0)).endsWith(run);
        assertThat(first.tail().get(1)).isNotBlank().isNotEqualTo(second.tail().get(1)).isNotEqualTo(run);
        assertThat(new LocalProcessRunner(masker).getRunCookie().getValue()).isNotEqualTo(run);
    }

    @Test
    void shouldMarkProcessesWithARunCookieTheFrontEndGives() {
        ProcessCookie given = ProcessCookie.of(ProcessCookie.RUN_VARIABLE, "build-42-step-7");
        LocalProcessRunner withCookie = new LocalProcessRunner(masker, given);

        ProcessOutcome outcome = withCookie.run(ProcessSpec.of(workspace, GENEROUS, "sh", "-c",
                "echo \"$LOTABOTS_RUN_COOKIE\""), sink);

        assertThat(outcome.tail().get(0).split(" ")).endsWith("build-42-step-7");
        assertThat(withCookie.getRunCookie()).isSameAs(given);
    }

    /** Issue 14: an interrupted run stops every process it started, wherever they were re-parented. */
    @Test
    @Timeout(60)
    void shouldStopEveryProcessOfTheRunAndRefuseNewOnesWhenStopped() throws Exception {
        Path pidFile = workspace.resolve("grandchild.pid");
        CountDownLatch started = new CountDownLatch(1);
        LogSink output = new LogSink() {
            @Override
            public void info(final String line) {
                started.countDown();
            }

            @Override
            public void error(final String line) {
                // not expected
            }
        };
        CompletableFuture<ProcessOutcome> running = CompletableFuture.supplyAsync(() -> runner.run(ProcessSpec.of(
                workspace, GENEROUS, "sh", "-c", "(setsid sh -c 'echo $$ > grandchild.pid; exec sleep 300' &);"
                        + " while [ ! -s grandchild.pid ]; do sleep 0.1; done; echo started; sleep 300"), output));
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the command started").isTrue();
        long grandchild = readPid(pidFile);

        int stopped = runner.stopAll();

        ProcessOutcome outcome = running.get(30, TimeUnit.SECONDS);
        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.isSuccess()).isFalse();
        assertThat(stopped).as("sh, its sleep and the re-parented grandchild").isGreaterThanOrEqualTo(3);
        assertThat(isRunning(grandchild)).as("double-forked grandchild %d", grandchild).isFalse();
        assertThat(runner.getRunCookie().findProcesses()).isEmpty();
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> sh("echo too late"))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(ProcessErrorCode.INTERRUPTED));
    }

    @Test
    @Timeout(60)
    void shouldStopTheCommandWhenTheCallingThreadIsInterrupted() throws Exception {
        Path pidFile = workspace.resolve("child.pid");
        CompletableFuture<Thread> caller = new CompletableFuture<>();
        CompletableFuture<ProcessOutcome> running = CompletableFuture.supplyAsync(() -> {
            caller.complete(Thread.currentThread());
            return sh("sleep 300 & echo $! > child.pid; wait");
        });
        Thread thread = caller.get(30, TimeUnit.SECONDS);
        while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
            Thread.sleep(50);
        }
        long child = readPid(pidFile);

        thread.interrupt();

        ProcessOutcome outcome = running.get(30, TimeUnit.SECONDS);
        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(isRunning(child)).as("child %d", child).isFalse();
    }

    @Test
    void shouldRefuseProgramThatDoesNotExistNamingIt() {
        ProcessSpec spec = ProcessSpec.of(workspace, GENEROUS, "lotabots-no-such-program", "--version");

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> runner.run(spec, sink))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(ProcessErrorCode.CANNOT_START))
                .withMessageStartingWith("Cannot run 'lotabots-no-such-program' in '" + workspace + "'")
                .withMessageEndingWith("Is it installed and on the PATH?");
    }

    @Test
    void shouldRefuseEmptyCommand() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ProcessSpec(List.of(), workspace, Map.of(), GENEROUS))
                .withMessageContaining("empty");
    }

    @Test
    void shouldRefuseTimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProcessSpec.of(workspace, Duration.ZERO, "true"))
                .withMessageContaining("positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProcessSpec.of(workspace, Duration.ofSeconds(-1), "true"));
    }

    private long readPid(final Path pidFile) throws IOException {
        assertThat(pidFile).as("the script writes its child's pid").exists();
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        startedPids.add(pid);
        return pid;
    }

    /**
     * Whether the process runs: a zombie, which waits to be reaped by a parent that is not ours, counts as gone. A
     * process that was killed may take a moment to vanish, so this waits up to two seconds.
     */
    private static boolean isRunning(final long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
            if (!running || System.nanoTime() > deadline) {
                return running;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running;
            }
        }
    }

    private static boolean isZombie(final long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        }
        catch (IOException e) {
            return false;
        }
    }
}
