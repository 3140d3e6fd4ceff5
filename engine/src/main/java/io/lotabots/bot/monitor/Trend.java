package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Instant;

/**
 * The least-squares line through one series of the window, as Prometheus' {@code predict_linear} draws it, and when
 * it crosses the limit of a criterion on the metric.
 *
 * @param metric the metric, with the series' labels
 * @param direction {@code increasing}, {@code decreasing} or {@code stable}
 * @param slopePerHour the change per hour, in base units
 * @param currentValue the last sample
 * @param baseline the baseline of the metric, or {@code null}
 * @param threshold the limit the prediction is about, or {@code null}
 * @param crossesAt when the line crosses it, or {@code null} if it does not within the horizon
 * @param prediction {@code will_exceed_threshold_in_2_hours} or {@code will_drop_below_threshold_in_...}, or
 *         {@code null}
 */
public record Trend(String metric, String direction, double slopePerHour, double currentValue,
        @CheckForNull Double baseline, @CheckForNull Double threshold, @CheckForNull Instant crossesAt,
        @CheckForNull String prediction) {
}
