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
 * @param priority priority P1 to P4.
 * @param environment affected environment.
 * @param dedupKey key that makes a repeat of the alert update this incident.
 */
@MessageTypeInfo(name = IncidentCreated.TYPE, version = 1, cdEventsType = "dev.cdevents.incident.detected.0.2.0")
@Doc("An incident was opened.")
public record IncidentCreated(
        @Doc(value = "Identifier of the incident.") String incidentId,
        @Doc(value = "Short title of the incident.") String title,
        @Doc(value = "Severity of the incident.") String severity,
        @Doc(value = "Affected service.", optional = true) @CheckForNull String service,
        @Doc(value = "Alert that caused the incident.", optional = true) @CheckForNull String alertName,
        @Doc(value = "Priority of the incident, P1 (worst) to P4; P1 is critical, P2 high, P3 medium, P4 low.",
                optional = true) @CheckForNull String priority,
        @Doc(value = "Affected environment.", optional = true) @CheckForNull String environment,
        @Doc(value = "Key that makes a repeat of the alert update this incident while it is open, by default"
                + " <service>/<alert name>.", optional = true) @CheckForNull String dedupKey) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "incident.created";
    private static final Set<String> SEVERITY_VALUES = Set.of("critical", "high", "medium", "low");
    private static final Set<String> PRIORITY_VALUES = Set.of("P1", "P2", "P3", "P4");

    /**
     * Checks every field.
     */
    public IncidentCreated {
        incidentId = PayloadChecks.requiredText(TYPE, "incident_id", incidentId);
        title = PayloadChecks.requiredText(TYPE, "title", title);
        severity = PayloadChecks.requiredOneOf(TYPE, "severity", severity, SEVERITY_VALUES);
        service = PayloadChecks.optionalText(TYPE, "service", service);
        alertName = PayloadChecks.optionalText(TYPE, "alert_name", alertName);
        priority = PayloadChecks.oneOf(TYPE, "priority", priority, PRIORITY_VALUES);
        environment = PayloadChecks.optionalText(TYPE, "environment", environment);
        dedupKey = PayloadChecks.optionalText(TYPE, "dedup_key", dedupKey);
    }

    /**
     * Creates the payload with the fields of its first version.
     *
     * @param incidentId identifier of the incident
     * @param title short title
     * @param severity critical, high, medium or low
     * @param service affected service, or {@code null}
     * @param alertName alert that caused it, or {@code null}
     */
    public IncidentCreated(final String incidentId, final String title, final String severity,
            @CheckForNull final String service, @CheckForNull final String alertName) {
        this(incidentId, title, severity, service, alertName, null, null, null);
    }
}
