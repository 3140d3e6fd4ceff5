package io.lotabots.bot.monitor;

/**
 * The value a relative criterion is compared with.
 *
 * @param target the aggregate and metric, as {@code avg(latency_p95)}
 * @param value the value in base units
 * @param runs how many earlier runs the value is the median of; 0 for a value from a baseline file
 * @param source where it came from: the baseline file, or {@code journal}
 */
public record Baseline(String target, double value, int runs, String source) {
}
