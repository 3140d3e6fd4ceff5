package io.lotabots.bot.monitor;

import io.lotabots.bot.BotStatus;

import java.util.Locale;

/**
 * The outcome of a watch, or of one criterion, as Keptn names them.
 */
public enum Verdict {
    /** Healthy: the release may stay. */
    PASS,
    /** Not clearly healthy: look at it. */
    WARNING,
    /** Unhealthy: roll back. */
    FAIL;

    /**
     * Returns the name in messages: {@code pass}, {@code warning} or {@code fail}.
     *
     * @return the lower-case name
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the bot status it maps to: SUCCESS, UNSTABLE or FAILURE.
     *
     * @return the status
     */
    public BotStatus toStatus() {
        return switch (this) {
            case PASS -> BotStatus.SUCCESS;
            case WARNING -> BotStatus.UNSTABLE;
            case FAIL -> BotStatus.FAILURE;
        };
    }

    /**
     * Returns the worse of this verdict and the other.
     *
     * @param other the other verdict
     * @return the worse one
     */
    public Verdict worse(final Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
