package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A deployment failed; the previous version keeps serving.
 * The payload of the message type {@value #TYPE}.
 *
 * @param environment target environment.
 * @param version version that failed to deploy.
 * @param reason what failed, in one sentence.
 * @param rolledBack whether the previous state was restored.
 */
@MessageTypeInfo(name = DeployFailed.TYPE, version = 1)
@Doc("A deployment failed; the previous version keeps serving.")
public record DeployFailed(
        @Doc(value = "Target environment.") String environment,
        @Doc(value = "Version that failed to deploy.") String version,
        @Doc(value = "What failed, in one sentence.") String reason,
        @Doc(value = "Whether the previous state was restored.", optional = true) @CheckForNull Boolean rolledBack) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "deploy.failed";

    /**
     * Checks every field.
     */
    public DeployFailed {
        environment = PayloadChecks.requiredText(TYPE, "environment", environment);
        version = PayloadChecks.requiredText(TYPE, "version", version);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
    }
}
