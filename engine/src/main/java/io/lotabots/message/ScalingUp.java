package io.lotabots.message;


/**
 * A service was scaled up.
 * The payload of the message type {@value #TYPE}.
 *
 * @param service the service, for example a Kubernetes Deployment name.
 * @param fromReplicas replicas before.
 * @param toReplicas replicas after; more than before.
 * @param reason why, for example cpu 85% above target 70%.
 */
@MessageTypeInfo(name = ScalingUp.TYPE, version = 1)
@Doc("A service was scaled up.")
public record ScalingUp(
        @Doc(value = "The service, for example a Kubernetes Deployment name.") String service,
        @Doc(value = "Replicas before.") Integer fromReplicas,
        @Doc(value = "Replicas after; more than before.") Integer toReplicas,
        @Doc(value = "Why, for example cpu 85% above target 70%.") String reason) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "scaling.up";

    /**
     * Checks every field.
     */
    public ScalingUp {
        service = PayloadChecks.requiredText(TYPE, "service", service);
        fromReplicas = PayloadChecks.requiredNonNegative(TYPE, "from_replicas", fromReplicas);
        toReplicas = PayloadChecks.requiredNonNegative(TYPE, "to_replicas", toReplicas);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
        PayloadChecks.check(toReplicas > fromReplicas, TYPE, "to_replicas",
                "must be more than from_replicas (" + fromReplicas + "), was " + toReplicas);
    }
}
