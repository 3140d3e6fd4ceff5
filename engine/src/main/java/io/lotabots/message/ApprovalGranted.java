package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * An approval point was approved.
 * The payload of the message type {@value #TYPE}.
 *
 * @param gate the approval point.
 * @param approver who approved.
 * @param comment what the approver said.
 */
@MessageTypeInfo(name = ApprovalGranted.TYPE, version = 1)
@Doc("An approval point was approved.")
public record ApprovalGranted(
        @Doc(value = "The approval point.") String gate,
        @Doc(value = "Who approved.") String approver,
        @Doc(value = "What the approver said.", optional = true) @CheckForNull String comment) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "approval.granted";

    /**
     * Checks every field.
     */
    public ApprovalGranted {
        gate = PayloadChecks.requiredText(TYPE, "gate", gate);
        approver = PayloadChecks.requiredText(TYPE, "approver", approver);
        comment = PayloadChecks.optionalText(TYPE, "comment", comment);
    }
}
