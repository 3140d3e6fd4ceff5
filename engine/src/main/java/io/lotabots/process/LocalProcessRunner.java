package io.lotabots.process;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.Durations;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecretMasker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine. Standard error is merged into standard output; each line goes to the sink as it
 * arrives, and the last {@value #TAIL_LINES} lines are kept for the outcome.
 *
 * <p>Every process it starts carries two {@link ProcessCookie cookies} in its environment: one for the runner (a
 * run: {@value ProcessCookie#RUN_VARIABLE}) and one for the command ({@value ProcessCookie#COMMAND_VARIABLE}). At
 * the timeout, every process that carries the command's cookie, wherever it was re-parented, is asked to stop
 * (SIGTERM); what still runs after the {@linkplain #GRACE grace period} is killed (SIGKILL). The outcome is returned
 * within about a second of the timeout plus the grace period, and sooner when the processes end on SIGTERM: output
 * that a process without the cookie still writes to the pipe is not waited for. {@link #stopAll()} does the same for
 * every process of the runner, for a run that is interrupted.</p>
 */
public final class LocalProcessRunner implements ProcessRunner {
    /** How many of the last output lines the outcome keeps. */
    public static final int TAIL_LINES = 30;

    /**
     * How long processes get between SIGTERM and SIGKILL, at a timeout and when a run is interrupted; as long as
     * Jenkins' process tree killer gives them.
     */
    public static final Duration GRACE = Duration.ofSeconds(5);

    /** How long the output of a command that ended by itself is still read, for children that hold the pipe. */
    /** How often a running command reports how long it has been running. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** How long the output is still read after the command's processes were stopped. */
    private static final Duration DRAIN_AFTER_STOP = Duration.ofMillis(500);
    private static final int MAX_LINE_LENGTH = 8 * 1024;
    /** Colour and cursor codes that build tools print even in batch mode; logs and messages get plain text. */
    private static final java.util.regex.Pattern ANSI_ESCAPES = java.util.regex.Pattern.compile(
            "\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final SecretMasker masker;
    private final ProcessCookie runCookie;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    /** Guards starting a process against {@link #stopAll()}: none starts after it. */
    private final Object startLock = new Object();
    private volatile boolean stopped;

    /**
     * Creates a runner that masks the given secrets in every output line, in the sink and in the tail alike. The
     * runner has its own run cookie: one runner per run.
     *
     * @param masker the secrets to mask
     */
    public LocalProcessRunner(final SecretMasker masker) {
        this(masker, ProcessCookie.random(ProcessCookie.RUN_VARIABLE));
    }

    /**
     * Creates a runner whose processes carry a given run cookie, for a front-end that stops them itself, from
     * another thread or JVM, with {@link ProcessCookie#stop(Duration, List)}.
     *
     * @param masker the secrets to mask
     * @param runCookie the cookie of the run
     */
    public LocalProcessRunner(final SecretMasker masker, final ProcessCookie runCookie) {
        this.masker = masker;
        this.runCookie = runCookie;
    }

    /**
     * Returns the cookie every process this runner starts carries.
     *
     * @return the run cookie
     */
    public ProcessCookie getRunCookie() {
        return runCookie;
    }

    @Override
    public ProcessOutcome run(final ProcessSpec spec, final LogSink output) {
        if (stopped) {
            throw interrupted(spec);
        }
        ProcessCookie commandCookie = ProcessCookie.random(ProcessCookie.COMMAND_VARIABLE);
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.putAll(spec.environment());
        environment.put(runCookie.getVariable(), runCookie.valueFor(environment));
        environment.put(commandCookie.getVariable(), commandCookie.getValue());
        long start = System.nanoTime();
        Process process;
        synchronized (startLock) {
            if (stopped) {
                throw interrupted(spec);
            }
            try {
                process = builder.start();
            }
            catch (IOException e) {
                throw LotaBotsException.of(ProcessErrorCode.CANNOT_START, "Cannot run '" + spec.command().get(0)
                        + "' in '" + spec.workingDirectory() + "': " + e.getMessage()
                        + ". Is it installed and on the PATH?", e);
            }
            running.add(process);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> pump(process, output, tail), "lotabots-process-output");
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        boolean interrupted = false;
        try {
            try {
                timedOut = !waitReporting(process, spec, start, output);
            }
            catch (InterruptedException e) {
                interrupted = true;
            }
            if (timedOut || interrupted) {
                commandCookie.stop(GRACE, descendantsAndSelf(process));
                output.error((interrupted ? "Interrupted" : "Timed out after " + Durations.format(spec.timeout()))
                        + ": the command and its processes were stopped");
            }
            drain(reader, timedOut || interrupted ? DRAIN_AFTER_STOP : DRAIN);
        }
        finally {
            running.remove(process);
        }
        interrupted = interrupted || stopped;
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        synchronized (tail) {
            return new ProcessOutcome(timedOut || interrupted ? -1 : exitCode(process), timedOut, interrupted,
                    duration, new ArrayList<>(tail));
        }
    }

    /**
     * Stops every process this runner started and every process they started, including those re-parented to
     * init, and refuses to start any more: SIGTERM, then SIGKILL after the grace period. Commands that are running
     * return an outcome that is {@linkplain ProcessOutcome#interrupted() interrupted}.
     *
     * @return how many processes were stopped
     */
    @Override
    public int stopAll() {
        List<ProcessHandle> started = new ArrayList<>();
        synchronized (startLock) {
            stopped = true;
            running.forEach(process -> started.addAll(descendantsAndSelf(process)));
        }
        return runCookie.stop(GRACE, started);
    }

    private static List<ProcessHandle> descendantsAndSelf(final Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private static int exitCode(final Process process) {
        try {
            return process.isAlive() ? -1 : process.exitValue();
        }
        catch (IllegalThreadStateException e) {
            return -1;
        }
    }

    private static void drain(final Thread reader, final Duration atMost) {
        try {
            reader.join(atMost.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process within its timeout, reporting every second how long it has been running. */
    private static boolean waitReporting(final Process process, final ProcessSpec spec, final long start,
            final LogSink output) throws InterruptedException {
        long deadline = start + spec.timeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (process.waitFor(Math.min(left, PROGRESS_EVERY.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
            String command = String.join(" ", spec.command());
            String shown = command.length() > 60 ? command.substring(0, 57) + "..." : command;
            output.progress("Running " + shown + ": " + Durations.format(Duration.ofSeconds(Duration.ofNanos(System.nanoTime() - start).toSeconds()))
                    + " of at most " + Durations.format(spec.timeout()));
        }
    }

    private static LotaBotsException interrupted(final ProcessSpec spec) {
        return LotaBotsException.of(ProcessErrorCode.INTERRUPTED, "Not running '" + spec.command().get(0)
                + "': the run was interrupted and its processes were stopped.");
    }

    private void pump(final Process process, final LogSink output, final Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String masked = masker.mask(ANSI_ESCAPES.matcher(line).replaceAll(""));
                String shown = masked.length() > MAX_LINE_LENGTH
                        ? masked.substring(0, MAX_LINE_LENGTH) + "..." : masked;
                output.info(shown);
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(shown);
                }
            }
        }
        catch (IOException e) {
            output.error("Output of the command could not be read to the end: " + e.getMessage());
        }
    }
}
