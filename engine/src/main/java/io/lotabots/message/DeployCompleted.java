package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * A version is deployed and serving in an environment.
 * The payload of the message type {@value #TYPE}.
 *
 * @param environment target environment.
 * @param version version deployed.
 * @param deploymentTime how long the deployment took, in seconds.
 * @param strategy deployment strategy.
 * @param revision revision of the deployment (Kubernetes revision or release directory).
 * @param backupRef where the backup of the previous state is stored.
 * @param url where the deployed version answers.
 */
@MessageTypeInfo(name = DeployCompleted.TYPE, version = 1, cdEventsType = "dev.cdevents.service.deployed.0.2.0")
@Doc("A version is deployed and serving in an environment.")
public record DeployCompleted(
        @Doc(value = "Target environment.") String environment,
        @Doc(value = "Version deployed.") String version,
        @Doc(value = "How long the deployment took, in seconds.") Double deploymentTime,
        @Doc(value = "Deployment strategy.", optional = true) @CheckForNull String strategy,
        @Doc(value = "Revision of the deployment (Kubernetes revision or release directory).", optional = true) @CheckForNull String revision,
        @Doc(value = "Where the backup of the previous state is stored.", optional = true) @CheckForNull String backupRef,
        @Doc(value = "Where the deployed version answers.", optional = true) @CheckForNull String url) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "deploy.completed";
    private static final Set<String> STRATEGY_VALUES = Set.of("rolling", "blueGreen", "canary");

    /**
     * Checks every field.
     */
    public DeployCompleted {
        environment = PayloadChecks.requiredText(TYPE, "environment", environment);
        version = PayloadChecks.requiredText(TYPE, "version", version);
        deploymentTime = PayloadChecks.requiredNonNegative(TYPE, "deployment_time", deploymentTime);
        strategy = PayloadChecks.oneOf(TYPE, "strategy", strategy, STRATEGY_VALUES);
        revision = PayloadChecks.optionalText(TYPE, "revision", revision);
        backupRef = PayloadChecks.optionalText(TYPE, "backup_ref", backupRef);
        url = PayloadChecks.optionalText(TYPE, "url", url);
    }
}
