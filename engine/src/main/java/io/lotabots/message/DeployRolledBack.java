package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * An environment was rolled back to an earlier version.
 * The payload of the message type {@value #TYPE}.
 *
 * @param environment target environment.
 * @param fromVersion version that was replaced.
 * @param toVersion version serving after the rollback.
 * @param reason why the rollback happened.
 */
@MessageTypeInfo(name = DeployRolledBack.TYPE, version = 1, cdEventsType = "dev.cdevents.service.rolledback.0.2.0")
@Doc("An environment was rolled back to an earlier version.")
public record DeployRolledBack(
        @Doc(value = "Target environment.") String environment,
        @Doc(value = "Version that was replaced.", optional = true) @CheckForNull String fromVersion,
        @Doc(value = "Version serving after the rollback.") String toVersion,
        @Doc(value = "Why the rollback happened.") String reason) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "deploy.rolled_back";

    /**
     * Checks every field.
     */
    public DeployRolledBack {
        environment = PayloadChecks.requiredText(TYPE, "environment", environment);
        fromVersion = PayloadChecks.optionalText(TYPE, "from_version", fromVersion);
        toVersion = PayloadChecks.requiredText(TYPE, "to_version", toVersion);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
    }
}
