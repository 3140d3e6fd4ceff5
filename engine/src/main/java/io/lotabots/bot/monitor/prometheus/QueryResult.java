package io.lotabots.bot.monitor.prometheus;

import java.util.List;

/**
 * What one query answered: the series (one per label set; a scalar is one series without labels), Prometheus'
 * warnings, and how many samples were dropped because they were {@code NaN} or infinite.
 *
 * @param query the PromQL
 * @param resultType {@code vector}, {@code matrix} or {@code scalar}
 * @param series the series with their finite samples
 * @param nonNumeric the samples dropped as {@code NaN}, {@code +Inf} or {@code -Inf}
 * @param warnings the warnings Prometheus returned
 */
public record QueryResult(String query, String resultType, List<TimeSeries> series, int nonNumeric,
        List<String> warnings) {
    /**
     * Copies the lists.
     */
    public QueryResult {
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns whether no series has a sample.
     *
     * @return {@code true} if there is no finite value at all
     */
    public boolean isEmpty() {
        return series.stream().allMatch(TimeSeries::isEmpty);
    }
}
