package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.Set;

/**
 * A trend predicts that a metric will cross a threshold.
 * The payload of the message type {@value #TYPE}.
 *
 * @param metric the metric, for example memory_usage.
 * @param currentValue current value.
 * @param baseline baseline value.
 * @param trend direction of the trend.
 * @param prediction what is predicted, for example will_exceed_threshold_in_2_hours.
 * @param threshold threshold the prediction is about.
 * @param predictedAt when the threshold will be crossed.
 */
@MessageTypeInfo(name = PredictionMade.TYPE, version = 1)
@Doc("A trend predicts that a metric will cross a threshold.")
public record PredictionMade(
        @Doc(value = "The metric, for example memory_usage.") String metric,
        @Doc(value = "Current value.") Double currentValue,
        @Doc(value = "Baseline value.", optional = true) @CheckForNull Double baseline,
        @Doc(value = "Direction of the trend.") String trend,
        @Doc(value = "What is predicted, for example will_exceed_threshold_in_2_hours.") String prediction,
        @Doc(value = "Threshold the prediction is about.", optional = true) @CheckForNull Double threshold,
        @Doc(value = "When the threshold will be crossed.", optional = true) @CheckForNull Instant predictedAt) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "prediction.made";
    private static final Set<String> TREND_VALUES = Set.of("increasing", "decreasing", "stable");

    /**
     * Checks every field.
     */
    public PredictionMade {
        metric = PayloadChecks.requiredText(TYPE, "metric", metric);
        currentValue = PayloadChecks.requiredFinite(TYPE, "current_value", currentValue);
        baseline = PayloadChecks.finite(TYPE, "baseline", baseline);
        trend = PayloadChecks.requiredOneOf(TYPE, "trend", trend, TREND_VALUES);
        prediction = PayloadChecks.requiredText(TYPE, "prediction", prediction);
        threshold = PayloadChecks.finite(TYPE, "threshold", threshold);
    }
}
