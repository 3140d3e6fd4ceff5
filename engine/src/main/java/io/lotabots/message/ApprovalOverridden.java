package io.lotabots.message;


/**
 * An approval point was skipped by an explicit override.
 * The payload of the message type {@value #TYPE}.
 *
 * @param gate the approval point.
 * @param by who overrode it.
 * @param reason why, for example a hotfix for an incident.
 */
@MessageTypeInfo(name = ApprovalOverridden.TYPE, version = 1)
@Doc("An approval point was skipped by an explicit override.")
public record ApprovalOverridden(
        @Doc(value = "The approval point.") String gate,
        @Doc(value = "Who overrode it.") String by,
        @Doc(value = "Why, for example a hotfix for an incident.") String reason) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "approval.overridden";

    /**
     * Checks every field.
     */
    public ApprovalOverridden {
        gate = PayloadChecks.requiredText(TYPE, "gate", gate);
        by = PayloadChecks.requiredText(TYPE, "by", by);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
    }
}
