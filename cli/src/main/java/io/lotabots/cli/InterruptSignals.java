package io.lotabots.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM (what a CI timeout sends) into an orderly stop of a run, while it is installed:
 * the first signal prints the interrupted line and hands the reason to the run (which stops its work and its
 * processes, then records, prints and reports as usual); this class then waits, at most {@link #FINISH_LIMIT}, for
 * the command to {@linkplain #close() finish}, and ends the JVM with {@link ExitCode#INTERRUPTED} if it does not. A
 * second signal ends the JVM at once with that code.
 *
 * <p>It replaces the JVM's own handlers with {@code sun.misc.Signal} (module {@code jdk.unsupported}) rather than
 * using a shutdown hook: a hook runs once the JVM is already exiting, cannot choose the exit status and must not
 * call {@code System.exit}, whereas here the command returns its exit code normally. Where a signal cannot be
 * handled (a JVM started with {@code -Xrs}), the JVM's default applies.</p>
 */
final class InterruptSignals implements AutoCloseable {
    /** How long an interrupted run may take to stop, record and report before the JVM ends without it. */
    static final Duration FINISH_LIMIT = Duration.ofSeconds(60);

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final PrintWriter err;
    private final Consumer<String> onInterrupt;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>();
    private final AtomicReference<String> received = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private InterruptSignals(final PrintWriter err, final Consumer<String> onInterrupt) {
        this.err = err;
        this.onInterrupt = onInterrupt;
    }

    /**
     * Handles SIGINT and SIGTERM until closed.
     *
     * @param err standard error, for the interrupted line
     * @param onInterrupt receives the reason, for example {@code interrupted by SIGINT}, once, on the signal's
     *        thread; it stops the run
     * @return the handlers, to close when the command has recorded and reported the run
     */
    static InterruptSignals install(final PrintWriter err, final Consumer<String> onInterrupt) {
        InterruptSignals signals = new InterruptSignals(err, onInterrupt);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, signals::handle);
                signals.previous.put(signal, before);
                if (before == SignalHandler.SIG_IGN) {
                    // ignored when the JVM started (a background job of a script): the JVM never installs a handler
                    signals.ignored.add(name);
                }
            }
            catch (IllegalArgumentException e) {
                // this JVM keeps the signal to itself (-Xrs) or the system has none: its default handling applies
            }
        }
        return signals;
    }

    /**
     * Returns the signals that were ignored when this process started and so cannot be handled: a shell without job
     * control starts a background job ({@code lotabots react ... &} in a script) with SIGINT ignored, and the JVM
     * keeps a signal ignored at its start ignored. The {@code lotabots} launcher gives them their default back first
     * where the system's {@code env} can ({@code --default-signal}, GNU coreutils 8.31 and later).
     *
     * @return for example {@code [INT]}, or empty
     */
    List<String> getIgnored() {
        return List.copyOf(ignored);
    }

    /**
     * Returns the reason of the first signal received.
     *
     * @return for example {@code interrupted by SIGTERM}, or empty if no signal came
     */
    Optional<String> getReason() {
        return Optional.ofNullable(received.get());
    }

    private void handle(final Signal signal) {
        String reason = "interrupted by SIG" + signal.getName().toUpperCase(Locale.ROOT);
        if (!received.compareAndSet(null, reason)) {
            err.println("lotabots: " + reason + " again; exiting at once, processes of the run may be left");
            err.flush();
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            return;
        }
        err.println("lotabots: " + reason + "; stopping the run and its processes (again to exit at once)");
        err.flush();
        onInterrupt.accept(reason);
        try {
            if (!finished.await(FINISH_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("lotabots: the run did not stop within " + FINISH_LIMIT.toSeconds()
                        + " s after it was " + reason + "; exiting without its report");
                err.flush();
                Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives the signals back to the JVM's handlers; a run that was interrupted has finished recording.
     */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
        finished.countDown();
    }
}
