package io.lotabots.bot;

/**
 * What a failed gate does to the result, with the words of the Jenkins coverage and warnings plugins' quality
 * gates.
 */
public enum Criticality {
    /** The run goes on, marked UNSTABLE. */
    UNSTABLE,
    /** The run fails. */
    FAILURE;

    /**
     * Returns the status a failed gate of this criticality gives.
     *
     * @return the status
     */
    public BotStatus toStatus() {
        return this == UNSTABLE ? BotStatus.UNSTABLE : BotStatus.FAILURE;
    }
}
