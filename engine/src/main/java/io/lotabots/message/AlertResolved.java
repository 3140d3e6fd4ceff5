package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A triggered alert recovered.
 * The payload of the message type {@value #TYPE}.
 *
 * @param alertName name of the alert.
 * @param metric metric of the alert.
 * @param value value when the alert resolved.
 * @param duration how long the alert was active, in seconds.
 */
@MessageTypeInfo(name = AlertResolved.TYPE, version = 1)
@Doc("A triggered alert recovered.")
public record AlertResolved(
        @Doc(value = "Name of the alert.") String alertName,
        @Doc(value = "Metric of the alert.", optional = true) @CheckForNull String metric,
        @Doc(value = "Value when the alert resolved.", optional = true) @CheckForNull Double value,
        @Doc(value = "How long the alert was active, in seconds.", optional = true) @CheckForNull Double duration) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "alert.resolved";

    /**
     * Checks every field.
     */
    public AlertResolved {
        alertName = PayloadChecks.requiredText(TYPE, "alert_name", alertName);
        metric = PayloadChecks.optionalText(TYPE, "metric", metric);
        value = PayloadChecks.finite(TYPE, "value", value);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
    }
}
