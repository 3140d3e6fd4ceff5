package io.lotabots.bot.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard NotificationBot tries a channel: a timeout for every call, a number of retries with exponential backoff
 * (or the wait a {@code Retry-After} header asks for), and a bound on the total time spent on one notification.
 *
 * @param timeout the longest one call may take
 * @param retries how many times a failed call is tried again
 * @param maxTime the longest all tries of one notification may take, waits included
 * @param initialBackoff the wait before the first retry; each further wait doubles, up to {@link #MAX_BACKOFF}
 */
public record RetryPolicy(Duration timeout, int retries, Duration maxTime, Duration initialBackoff) {
    /** The longest wait between two tries, unless the vendor asks for longer with {@code Retry-After}. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The most retries allowed. */
    public static final int MAX_RETRIES = 20;

    /**
     * Checks the values.
     */
    public RetryPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + io.lotabots.util.Durations.format(timeout));
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be between 0 and " + MAX_RETRIES + ", was " + retries);
        }
        if (maxTime.isNegative()) {
            throw new IllegalArgumentException("the retry time may not be negative, was " + maxTime);
        }
    }

    /**
     * Returns the wait before a retry.
     *
     * @param retry the retry, 1 for the first
     * @return the wait
     */
    public Duration backoff(final int retry) {
        Duration wait = initialBackoff;
        for (int i = 1; i < retry && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
