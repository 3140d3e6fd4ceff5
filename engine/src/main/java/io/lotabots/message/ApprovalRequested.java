package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A person must approve before the run goes on.
 * The payload of the message type {@value #TYPE}.
 *
 * @param gate the approval point, for example deploy.production.
 * @param environment environment the approval is for.
 * @param reason what will happen once approved.
 */
@MessageTypeInfo(name = ApprovalRequested.TYPE, version = 1)
@Doc("A person must approve before the run goes on.")
public record ApprovalRequested(
        @Doc(value = "The approval point, for example deploy.production.") String gate,
        @Doc(value = "Environment the approval is for.", optional = true) @CheckForNull String environment,
        @Doc(value = "What will happen once approved.", optional = true) @CheckForNull String reason) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "approval.requested";

    /**
     * Checks every field.
     */
    public ApprovalRequested {
        gate = PayloadChecks.requiredText(TYPE, "gate", gate);
        environment = PayloadChecks.optionalText(TYPE, "environment", environment);
        reason = PayloadChecks.optionalText(TYPE, "reason", reason);
    }
}
