package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;

/**
 * The outcome of one try to deliver: delivered, worth retrying (the channel is down, slow or rate-limited), or
 * refused for good (bad credentials, a payload the vendor rejects).
 *
 * @param kind which of the three
 * @param reason why it was not delivered, or {@code null} when it was
 * @param notificationId the id the channel returned, or {@code null}
 * @param recipient who received it, never a secret, or {@code null}
 * @param retryAfter how long the vendor asked to wait ({@code Retry-After}), or {@code null}
 */
record Attempt(Kind kind, @CheckForNull String reason, @CheckForNull String notificationId,
        @CheckForNull String recipient, @CheckForNull Duration retryAfter) {
    /**
     * The three outcomes.
     */
    enum Kind {
        /** Delivered. */
        DELIVERED,
        /** Not delivered; try again. */
        RETRY,
        /** Not delivered; trying again will not help. */
        REFUSED
    }

    static Attempt delivered(@CheckForNull final String notificationId, @CheckForNull final String recipient) {
        return new Attempt(Kind.DELIVERED, null, notificationId, recipient, null);
    }

    static Attempt retry(final String reason, @CheckForNull final Duration retryAfter) {
        return new Attempt(Kind.RETRY, reason, null, null, retryAfter);
    }

    static Attempt refused(final String reason) {
        return new Attempt(Kind.REFUSED, reason, null, null, null);
    }

    boolean isDelivered() {
        return kind == Kind.DELIVERED;
    }
}
