package io.lotabots.process;

import io.lotabots.error.LotaBotsException;
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
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine. Standard error is merged into standard output; each line goes to the sink as it
 * arrives, and the last {@value #TAIL_LINES} lines are kept for the outcome. On timeout the process and all its
 * descendants are asked to stop, then killed after a grace period.
 */
public final class LocalProcessRunner implements ProcessRunner {
    /** How many of the last output lines the outcome keeps. */
    public static final int TAIL_LINES = 30;

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int MAX_LINE_LENGTH = 8 * 1024;
    /** Colour and cursor codes that build tools print even in batch mode; logs and messages get plain text. */
    private static final java.util.regex.Pattern ANSI_ESCAPES = java.util.regex.Pattern.compile(
            "\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final SecretMasker masker;

    /**
     * Creates a runner that masks the given secrets in every output line, in the sink and in the tail alike.
     *
     * @param masker the secrets to mask
     */
    public LocalProcessRunner(final SecretMasker masker) {
        this.masker = masker;
    }

    @Override
    public ProcessOutcome run(final ProcessSpec spec, final LogSink output) {
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException e) {
            throw LotaBotsException.of(ProcessErrorCode.CANNOT_START, "Cannot run '" + spec.command().get(0)
                    + "' in '" + spec.workingDirectory() + "': " + e.getMessage()
                    + ". Is it installed and on the PATH?", e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> pump(process, output, tail), "lotabots-process-output");
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        try {
            if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                stop(process);
            }
            reader.join(GRACE.toMillis());
        }
        catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        synchronized (tail) {
            return new ProcessOutcome(timedOut ? -1 : process.exitValue(), timedOut, duration,
                    new ArrayList<>(tail));
        }
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

    private static void stop(final Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            for (ProcessHandle handle : tree) {
                if (handle.isAlive()) {
                    handle.destroyForcibly();
                }
            }
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
