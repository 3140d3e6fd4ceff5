package io.lotabots.message;


/**
 * A service was scaled down.
 * The payload of the message type {@value #TYPE}.
 *
 * @param service the service.
 * @param fromReplicas replicas before.
 * @param toReplicas replicas after; fewer than before.
 * @param reason why.
 */
@MessageTypeInfo(name = ScalingDown.TYPE, version = 1)
@Doc("A service was scaled down.")
public record ScalingDown(
        @Doc(value = "The service.") String service,
        @Doc(value = "Replicas before.") Integer fromReplicas,
        @Doc(value = "Replicas after; fewer than before.") Integer toReplicas,
        @Doc(value = "Why.") String reason) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "scaling.down";

    /**
     * Checks every field.
     */
    public ScalingDown {
        service = PayloadChecks.requiredText(TYPE, "service", service);
        fromReplicas = PayloadChecks.requiredNonNegative(TYPE, "from_replicas", fromReplicas);
        toReplicas = PayloadChecks.requiredNonNegative(TYPE, "to_replicas", toReplicas);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
        PayloadChecks.check(toReplicas < fromReplicas, TYPE, "to_replicas",
                "must be fewer than from_replicas (" + fromReplicas + "), was " + toReplicas);
    }
}
