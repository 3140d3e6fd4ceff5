package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * An incident was resolved.
 * The payload of the message type {@value #TYPE}.
 *
 * @param incidentId identifier of the incident.
 * @param resolution how it was resolved.
 * @param duration time from creation to resolution, in seconds.
 */
@MessageTypeInfo(name = IncidentResolved.TYPE, version = 1, cdEventsType = "dev.cdevents.incident.resolved.0.2.0")
@Doc("An incident was resolved.")
public record IncidentResolved(
        @Doc(value = "Identifier of the incident.") String incidentId,
        @Doc(value = "How it was resolved.", optional = true) @CheckForNull String resolution,
        @Doc(value = "Time from creation to resolution, in seconds.", optional = true) @CheckForNull Double duration) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "incident.resolved";

    /**
     * Checks every field.
     */
    public IncidentResolved {
        incidentId = PayloadChecks.requiredText(TYPE, "incident_id", incidentId);
        resolution = PayloadChecks.optionalText(TYPE, "resolution", resolution);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
    }
}
