package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * An approval point was denied or not answered; the run stops there.
 * The payload of the message type {@value #TYPE}.
 *
 * @param gate the approval point.
 * @param reason why it was denied.
 * @param approver who denied it, if a person did.
 */
@MessageTypeInfo(name = ApprovalDenied.TYPE, version = 1)
@Doc("An approval point was denied or not answered; the run stops there.")
public record ApprovalDenied(
        @Doc(value = "The approval point.") String gate,
        @Doc(value = "Why it was denied.") String reason,
        @Doc(value = "Who denied it, if a person did.", optional = true) @CheckForNull String approver) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "approval.denied";

    /**
     * Checks every field.
     */
    public ApprovalDenied {
        gate = PayloadChecks.requiredText(TYPE, "gate", gate);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
        approver = PayloadChecks.optionalText(TYPE, "approver", approver);
    }
}
