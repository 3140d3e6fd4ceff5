package io.lotabots.bot;

/**
 * The outcome of a bot, in the order of the Jenkins build results it maps to.
 */
public enum BotStatus {
    /** Everything passed. */
    SUCCESS,
    /** The bot ran, but a gate with criticality UNSTABLE failed, or an optional part degraded. */
    UNSTABLE,
    /** The bot failed, or a gate with criticality FAILURE failed. */
    FAILURE;

    /**
     * Returns the worse of this status and the other.
     *
     * @param other the other status
     * @return the worse one
     */
    public BotStatus worse(final BotStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
