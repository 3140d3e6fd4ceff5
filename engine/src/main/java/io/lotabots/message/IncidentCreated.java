package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * An incident was opened.
 * The payload of the message type {@value #TYPE}.
 *
 * @param incidentId identifier of the incident.
 * @param title short title of the incident.
 * @param severity severity of the incident.
 * @param service affected service.
 * @param alertName alert that caused the incident.
 */
@MessageTypeInfo(name = IncidentCreated.TYPE, version = 1, cdEventsType = "dev.cdevents.incident.detected.0.2.0")
@Doc("An incident was opened.")
public record IncidentCreated(
        @Doc(value = "Identifier of the incident.") String incidentId,
        @Doc(value = "Short title of the incident.") String title,
        @Doc(value = "Severity of the incident.") String severity,
        @Doc(value = "Affected service.", optional = true) @CheckForNull String service,
        @Doc(value = "Alert that caused the incident.", optional = true) @CheckForNull String alertName) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "incident.created";
    private static final Set<String> SEVERITY_VALUES = Set.of("critical", "high", "medium", "low");

    /**
     * Checks every field.
     */
    public IncidentCreated {
        incidentId = PayloadChecks.requiredText(TYPE, "incident_id", incidentId);
        title = PayloadChecks.requiredText(TYPE, "title", title);
        severity = PayloadChecks.requiredOneOf(TYPE, "severity", severity, SEVERITY_VALUES);
        service = PayloadChecks.optionalText(TYPE, "service", service);
        alertName = PayloadChecks.optionalText(TYPE, "alert_name", alertName);
    }
}
