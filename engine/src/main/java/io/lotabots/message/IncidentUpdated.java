package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * The status of an incident changed.
 * The payload of the message type {@value #TYPE}.
 *
 * @param incidentId identifier of the incident.
 * @param status new status.
 * @param note what changed.
 */
@MessageTypeInfo(name = IncidentUpdated.TYPE, version = 1)
@Doc("The status of an incident changed.")
public record IncidentUpdated(
        @Doc(value = "Identifier of the incident.") String incidentId,
        @Doc(value = "New status.") String status,
        @Doc(value = "What changed.", optional = true) @CheckForNull String note) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "incident.updated";
    private static final Set<String> STATUS_VALUES = Set.of("triggered", "acknowledged", "investigating", "mitigated");

    /**
     * Checks every field.
     */
    public IncidentUpdated {
        incidentId = PayloadChecks.requiredText(TYPE, "incident_id", incidentId);
        status = PayloadChecks.requiredOneOf(TYPE, "status", status, STATUS_VALUES);
        note = PayloadChecks.optionalText(TYPE, "note", note);
    }
}
