package io.lotabots.bot.monitor;

import java.time.Instant;

/**
 * A sample far from the rest of its series: its robust z-score (the distance from the median in units of the
 * scaled median absolute deviation) is above the detector's limit. Of a run of neighbouring anomalous samples only
 * the farthest is reported.
 *
 * @param metric the metric, with the series' labels: {@code latency_p95{pod="a"}}
 * @param time when
 * @param value the sample
 * @param median the median of the series
 * @param deviation the robust z-score; positive above the median
 */
public record Anomaly(String metric, Instant time, double value, double median, double deviation) {
}
