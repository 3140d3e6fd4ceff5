package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The post-mortem draft of an incident was written.
 * The payload of the message type {@value #TYPE}.
 *
 * @param incidentId identifier of the incident.
 * @param path where the draft is.
 * @param timeToDetect seconds from the start of the impact to the first alert.
 * @param timeToMitigate seconds from the first alert to the mitigation.
 * @param totalDowntime seconds from the start of the impact to the mitigation.
 */
@MessageTypeInfo(name = IncidentPostmortemWritten.TYPE, version = 1)
@Doc("The post-mortem draft of an incident was written.")
public record IncidentPostmortemWritten(
        @Doc(value = "Identifier of the incident.") String incidentId,
        @Doc(value = "Where the Markdown draft is, relative to the workspace when inside it.") String path,
        @Doc(value = "Time to detect: seconds from the start of the impact to the first alert.", optional = true)
        @CheckForNull Double timeToDetect,
        @Doc(value = "Time to mitigate: seconds from the first alert to the mitigation.", optional = true)
        @CheckForNull Double timeToMitigate,
        @Doc(value = "Total downtime: seconds from the start of the impact to the mitigation.", optional = true)
        @CheckForNull Double totalDowntime) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "incident.postmortem_written";

    /**
     * Checks every field.
     */
    public IncidentPostmortemWritten {
        incidentId = PayloadChecks.requiredText(TYPE, "incident_id", incidentId);
        path = PayloadChecks.requiredText(TYPE, "path", path);
        timeToDetect = PayloadChecks.nonNegative(TYPE, "time_to_detect", timeToDetect);
        timeToMitigate = PayloadChecks.nonNegative(TYPE, "time_to_mitigate", timeToMitigate);
        totalDowntime = PayloadChecks.nonNegative(TYPE, "total_downtime", totalDowntime);
    }
}
