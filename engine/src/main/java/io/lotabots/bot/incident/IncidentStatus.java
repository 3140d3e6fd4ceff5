package io.lotabots.bot.incident;

/**
 * Where an incident is in its lifecycle.
 */
public enum IncidentStatus {
    /** Opened; nobody has acknowledged it. */
    TRIGGERED,
    /** Someone owns it. */
    ACKNOWLEDGED,
    /** The impact is over; the cause may not be fixed yet. */
    MITIGATED,
    /** Closed. */
    RESOLVED;

    /**
     * Returns whether the incident is still open: an alert with its dedup key updates it instead of opening another.
     *
     * @return {@code true} unless resolved
     */
    public boolean isOpen() {
        return this != RESOLVED;
    }
}
