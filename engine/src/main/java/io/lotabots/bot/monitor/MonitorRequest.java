package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpCheck;
import io.lotabots.util.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to watch, how long, and how to judge it.
 *
 * @param health the health checks, run at every tick
 * @param prometheus the Prometheus URL, or {@code null} to watch health checks only
 * @param queries the metrics: name to PromQL, in order (presets already expanded)
 * @param criteria the criteria, as written
 * @param interval the time between ticks
 * @param duration how long to watch; 0 for one tick
 * @param lookback how far before the watch the evaluation window starts
 * @param step the resolution of the range queries, or {@code null} for the interval
 * @param baselineFile the baseline file, or {@code null}
 * @param baselineRuns how many passing runs of the journal the baselines are the median of
 * @param environment the environment watched, or {@code null}
 * @param passScore the lowest score that passes
 * @param warningScore the lowest score that gives a warning
 * @param timeout the time allowed for one health check or Prometheus call
 * @param horizon how far ahead trends predict
 * @param anomalyLimit the robust z-score above which a sample is an anomaly
 * @param healthPath the path checked on the deployed release's URL when nothing else is given to watch
 * @param deployedHealth whether that path is checked alongside the health checks and metrics given, too
 */
public record MonitorRequest(List<HttpCheck> health, @CheckForNull URI prometheus, Map<String, String> queries,
        List<Criterion> criteria, Duration interval, Duration duration, Duration lookback, @CheckForNull Duration step,
        @CheckForNull String baselineFile, int baselineRuns, @CheckForNull String environment, double passScore,
        double warningScore, Duration timeout, Duration horizon, double anomalyLimit, String healthPath,
        boolean deployedHealth) {
    /** The most runs a baseline is taken over. */
    public static final int MAX_BASELINE_RUNS = 1000;
    /** The longest watch. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_:]*");

    /**
     * Checks and copies every field.
     */
    public MonitorRequest {
        health = List.copyOf(health);
        queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
        criteria = List.copyOf(criteria);
        queries.forEach((name, query) -> {
            if (!QUERY_NAME.matcher(name).matches()) {
                throw invalid("The query name '" + name + "' must be a metric-like name such as error_rate");
            }
            if (query.isBlank()) {
                throw invalid("The query '" + name + "' has no PromQL; write NAME=PROMQL");
            }
        });
        if (interval.isNegative() || interval.isZero()) {
            throw invalid("The interval must be positive, was " + Durations.format(interval));
        }
        if (duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            throw invalid("The duration must be between 0 and 7 days, was " + Durations.format(duration));
        }
        if (lookback.isNegative()) {
            throw invalid("The lookback must not be negative");
        }
        if (step != null && step.toMillis() < 1) {
            throw invalid("The step must be at least 1 ms");
        }
        if (baselineRuns < 1 || baselineRuns > MAX_BASELINE_RUNS) {
            throw invalid("The baseline runs must be between 1 and " + MAX_BASELINE_RUNS + ", were " + baselineRuns);
        }
        if (!(warningScore >= 0 && warningScore <= passScore && passScore <= 100)) {
            throw invalid("The scores must satisfy 0 <= warningScore <= passScore <= 100; were warningScore "
                    + warningScore + ", passScore " + passScore);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw invalid("The timeout must be positive, was " + Durations.format(timeout));
        }
        if (!(anomalyLimit > 0) || Double.isInfinite(anomalyLimit)) {
            throw invalid("The anomaly limit must be a positive number, was " + anomalyLimit);
        }
        if (!queries.isEmpty() && prometheus == null) {
            throw invalid("Queries " + queries.keySet() + " need a Prometheus URL; give --prometheus"
                    + " http://localhost:9090");
        }
    }

    /**
     * Returns this request with other health checks.
     *
     * @param checks the health checks
     * @return the request
     */
    public MonitorRequest withHealth(final List<HttpCheck> checks) {
        return new MonitorRequest(checks, prometheus, queries, criteria, interval, duration, lookback, step,
                baselineFile, baselineRuns, environment, passScore, warningScore, timeout, horizon, anomalyLimit,
                healthPath, deployedHealth);
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(MonitorErrorCode.INVALID_REQUEST, message + ".");
    }
}
