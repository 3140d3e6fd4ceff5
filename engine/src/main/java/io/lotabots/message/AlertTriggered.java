package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * A metric crossed its threshold.
 * The payload of the message type {@value #TYPE}.
 *
 * @param alertName name of the alert, for example HighErrorRate.
 * @param severity severity of the alert.
 * @param metric metric that crossed the threshold.
 * @param value measured value.
 * @param threshold threshold that was crossed.
 * @param environment environment the metric belongs to.
 */
@MessageTypeInfo(name = AlertTriggered.TYPE, version = 1)
@Doc("A metric crossed its threshold.")
public record AlertTriggered(
        @Doc(value = "Name of the alert, for example HighErrorRate.") String alertName,
        @Doc(value = "Severity of the alert.") String severity,
        @Doc(value = "Metric that crossed the threshold.") String metric,
        @Doc(value = "Measured value.") Double value,
        @Doc(value = "Threshold that was crossed.") Double threshold,
        @Doc(value = "Environment the metric belongs to.", optional = true) @CheckForNull String environment) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "alert.triggered";
    private static final Set<String> SEVERITY_VALUES = Set.of("critical", "high", "medium", "low", "warning", "info");

    /**
     * Checks every field.
     */
    public AlertTriggered {
        alertName = PayloadChecks.requiredText(TYPE, "alert_name", alertName);
        severity = PayloadChecks.requiredOneOf(TYPE, "severity", severity, SEVERITY_VALUES);
        metric = PayloadChecks.requiredText(TYPE, "metric", metric);
        value = PayloadChecks.requiredFinite(TYPE, "value", value);
        threshold = PayloadChecks.requiredFinite(TYPE, "threshold", threshold);
        environment = PayloadChecks.optionalText(TYPE, "environment", environment);
    }
}
