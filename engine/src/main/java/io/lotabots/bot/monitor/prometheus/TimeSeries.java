package io.lotabots.bot.monitor.prometheus;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One series of samples: its labels, and times (epoch seconds) with values, in time order. Only finite values are
 * kept; Prometheus' {@code NaN} and {@code ±Inf} samples are counted in {@link QueryResult#nonNumeric()} instead.
 */
public final class TimeSeries {
    private final Map<String, String> labels;
    private final double[] times;
    private final double[] values;

    private TimeSeries(final Map<String, String> labels, final double[] times, final double[] values) {
        this.labels = labels;
        this.times = times;
        this.values = values;
    }

    /**
     * Creates a series.
     *
     * @param labels the labels, for example {@code instance} and {@code job}
     * @param times the sample times in epoch seconds, ascending
     * @param values the values, as many as times, all finite
     * @return the series
     */
    public static TimeSeries of(final Map<String, String> labels, final double[] times, final double[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("A series needs as many times as values: " + times.length + " times, "
                    + values.length + " values");
        }
        return new TimeSeries(Map.copyOf(labels), times.clone(), values.clone());
    }

    /**
     * Returns the labels.
     *
     * @return the labels
     */
    public Map<String, String> getLabels() {
        return labels;
    }

    /**
     * Returns the labels as PromQL writes them: {@code {instance="a:80",job="app"}}, or empty text for none.
     *
     * @return the text
     */
    public String describeLabels() {
        if (labels.isEmpty()) {
            return "";
        }
        return new TreeMap<>(labels).entrySet().stream().map(entry -> entry.getKey() + "=\"" + entry.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * Returns the number of samples.
     *
     * @return the size
     */
    public int size() {
        return values.length;
    }

    /**
     * Returns whether the series has no samples.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return values.length == 0;
    }

    /**
     * Returns the time of a sample.
     *
     * @param index the index
     * @return epoch seconds
     */
    public double time(final int index) {
        return times[index];
    }

    /**
     * Returns the value of a sample.
     *
     * @param index the index
     * @return the value
     */
    public double value(final int index) {
        return values[index];
    }

    /**
     * Returns a copy of the values.
     *
     * @return the values
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Returns the last value.
     *
     * @return the value
     * @throws IllegalStateException if the series is empty
     */
    public double lastValue() {
        if (isEmpty()) {
            throw new IllegalStateException("The series " + describeLabels() + " is empty");
        }
        return values[values.length - 1];
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TimeSeries series && labels.equals(series.labels)
                && Arrays.equals(times, series.times) && Arrays.equals(values, series.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, Arrays.hashCode(times), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return describeLabels() + " " + values.length + " samples";
    }
}
