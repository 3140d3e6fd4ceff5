package io.lotabots.process;

import java.time.Duration;
import java.util.List;

/**
 * How a command ended.
 *
 * @param exitCode the exit code; -1 if it was stopped for its timeout
 * @param timedOut whether it was stopped for its timeout
 * @param duration how long it ran
 * @param tail the last lines of its output (standard output and error, interleaved), already masked
 */
public record ProcessOutcome(int exitCode, boolean timedOut, Duration duration, List<String> tail) {
    /**
     * Copies the tail.
     */
    public ProcessOutcome {
        tail = List.copyOf(tail);
    }

    /**
     * Returns whether the command ended by itself with exit code 0.
     *
     * @return {@code true} on success
     */
    public boolean isSuccess() {
        return !timedOut && exitCode == 0;
    }
}
