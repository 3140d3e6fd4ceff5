package io.lotabots.process;

import java.time.Duration;
import java.util.List;

/**
 * How a command ended.
 *
 * @param exitCode the exit code; -1 if it was stopped for its timeout or because the run was interrupted
 * @param timedOut whether it was stopped for its timeout
 * @param interrupted whether it was stopped because the run was interrupted (a signal, an aborted build)
 * @param duration how long it ran
 * @param tail the last lines of its output (standard output and error, interleaved), already masked
 */
public record ProcessOutcome(int exitCode, boolean timedOut, boolean interrupted, Duration duration,
        List<String> tail) {
    /**
     * Copies the tail.
     */
    public ProcessOutcome {
        tail = List.copyOf(tail);
    }

    /**
     * Creates the outcome of a command that was not interrupted.
     *
     * @param exitCode the exit code; -1 if it was stopped for its timeout
     * @param timedOut whether it was stopped for its timeout
     * @param duration how long it ran
     * @param tail the last lines of its output, already masked
     */
    public ProcessOutcome(final int exitCode, final boolean timedOut, final Duration duration,
            final List<String> tail) {
        this(exitCode, timedOut, false, duration, tail);
    }

    /**
     * Returns whether the command ended by itself with exit code 0.
     *
     * @return {@code true} on success
     */
    public boolean isSuccess() {
        return !timedOut && !interrupted && exitCode == 0;
    }
}
