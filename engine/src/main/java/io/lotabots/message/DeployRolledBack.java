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
 * @param url where the version serving after the rollback answers.
 */
@MessageTypeInfo(name = DeployRolledBack.TYPE, version = 1, cdEventsType = "dev.cdevents.service.rolledback.0.2.0")
@Doc("An environment was rolled back to an earlier version.")
public record DeployRolledBack(
        @Doc(value = "Target environment.") String environment,
        @Doc(value = "Version that was replaced.", optional = true) @CheckForNull String fromVersion,
        @Doc(value = "Version serving after the rollback.") String toVersion,
        @Doc(value = "Why the rollback happened.") String reason,
        @Doc(value = "Where the version serving after the rollback answers, when the target knows it.",
                optional = true) @CheckForNull String url) implements BusMessage {
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
        url = PayloadChecks.optionalText(TYPE, "url", url);
    }

    /**
     * Creates the message of a rollback whose target does not say where the restored version answers.
     *
     * @param environment target environment
     * @param fromVersion version that was replaced, or {@code null}
     * @param toVersion version serving after the rollback
     * @param reason why the rollback happened
     */
    public DeployRolledBack(final String environment, @CheckForNull final String fromVersion, final String toVersion,
            final String reason) {
        this(environment, fromVersion, toVersion, reason, null);
    }
}
