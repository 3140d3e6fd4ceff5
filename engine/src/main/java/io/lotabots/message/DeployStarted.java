package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * A deployment to an environment started.
 * The payload of the message type {@value #TYPE}.
 *
 * @param environment target environment, for example staging or production.
 * @param version version being deployed.
 * @param strategy deployment strategy.
 * @param target kind of deploy target.
 */
@MessageTypeInfo(name = DeployStarted.TYPE, version = 1)
@Doc("A deployment to an environment started.")
public record DeployStarted(
        @Doc(value = "Target environment, for example staging or production.") String environment,
        @Doc(value = "Version being deployed.") String version,
        @Doc(value = "Deployment strategy.", optional = true) @CheckForNull String strategy,
        @Doc(value = "Kind of deploy target.", optional = true) @CheckForNull String target) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "deploy.started";
    private static final Set<String> STRATEGY_VALUES = Set.of("rolling", "blueGreen", "canary");
    private static final Set<String> TARGET_VALUES = Set.of("kubernetes", "directory");

    /**
     * Checks every field.
     */
    public DeployStarted {
        environment = PayloadChecks.requiredText(TYPE, "environment", environment);
        version = PayloadChecks.requiredText(TYPE, "version", version);
        strategy = PayloadChecks.oneOf(TYPE, "strategy", strategy, STRATEGY_VALUES);
        target = PayloadChecks.oneOf(TYPE, "target", target, TARGET_VALUES);
    }
}
