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
 * @param priority priority after the change.
 * @param change what kind of change.
 * @param by who changed it.
 */
@MessageTypeInfo(name = IncidentUpdated.TYPE, version = 1)
@Doc("The status of an incident changed.")
public record IncidentUpdated(
        @Doc(value = "Identifier of the incident.") String incidentId,
        @Doc(value = "New status.") String status,
        @Doc(value = "What changed.", optional = true) @CheckForNull String note,
        @Doc(value = "Priority after the change, P1 (worst) to P4.", optional = true) @CheckForNull String priority,
        @Doc(value = "What kind of change: acknowledged, note, update, repeated (the alert came again) or"
                + " escalated.", optional = true) @CheckForNull String change,
        @Doc(value = "Who changed it, a person or a bot.", optional = true) @CheckForNull String by)
        implements BusMessage {
    /** The message type. */
    public static final String TYPE = "incident.updated";
    private static final Set<String> STATUS_VALUES = Set.of("triggered", "acknowledged", "investigating", "mitigated");
    private static final Set<String> PRIORITY_VALUES = Set.of("P1", "P2", "P3", "P4");
    private static final Set<String> CHANGE_VALUES = Set.of("acknowledged", "note", "update", "repeated",
            "escalated");

    /**
     * Checks every field.
     */
    public IncidentUpdated {
        incidentId = PayloadChecks.requiredText(TYPE, "incident_id", incidentId);
        status = PayloadChecks.requiredOneOf(TYPE, "status", status, STATUS_VALUES);
        note = PayloadChecks.optionalText(TYPE, "note", note);
        priority = PayloadChecks.oneOf(TYPE, "priority", priority, PRIORITY_VALUES);
        change = PayloadChecks.oneOf(TYPE, "change", change, CHANGE_VALUES);
        by = PayloadChecks.optionalText(TYPE, "by", by);
    }

    /**
     * Creates the payload with the fields of its first version.
     *
     * @param incidentId identifier of the incident
     * @param status new status
     * @param note what changed, or {@code null}
     */
    public IncidentUpdated(final String incidentId, final String status, @CheckForNull final String note) {
        this(incidentId, status, note, null, null, null);
    }
}
