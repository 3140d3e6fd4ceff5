package io.lotabots.bot.monitor.prometheus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named PromQL queries MonitorBot offers, over the metric names Micrometer (Spring Boot) and the Prometheus
 * client libraries export: {@code http_server_requests_seconds_count}/{@code _bucket} with a {@code status} label,
 * {@code process_cpu_seconds_total}, {@code process_resident_memory_bytes}, and OpenTelemetry's
 * {@code db_client_operation_duration_seconds_bucket}. Every value is in base units: ratios (0.05 is 5 %), seconds,
 * bytes, requests per second, CPU cores. Each query takes a label selector (for example {@code job="app"}) that is
 * added to every metric it reads, and the window of its {@code rate()}.
 */
public final class QueryPresets {
    /** The error ratio: 5xx responses per response. */
    public static final String ERROR_RATE = "error_rate";
    /** The median latency. */
    public static final String LATENCY_P50 = "latency_p50";
    /** The 95th percentile latency. */
    public static final String LATENCY_P95 = "latency_p95";
    /** The 99th percentile latency. */
    public static final String LATENCY_P99 = "latency_p99";
    /** Requests per second. */
    public static final String REQUEST_RATE = "request_rate";
    /** CPU in cores. */
    public static final String CPU = "cpu";
    /** Resident memory in bytes. */
    public static final String MEMORY = "memory";
    /** The 95th percentile of database operation time. */
    public static final String DB_QUERY_TIME = "db_query_time";

    private static final String REQUESTS = "http_server_requests_seconds";
    private static final Map<String, String> TEMPLATES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("p50", LATENCY_P50, "p95", LATENCY_P95, "p99",
            LATENCY_P99, "errors", ERROR_RATE, "rps", REQUEST_RATE);

    static {
        TEMPLATES.put(ERROR_RATE, "sum(rate(" + REQUESTS + "_count{status=~\"5..\"%2$s}[%1$s])) / sum(rate("
                + REQUESTS + "_count{%3$s}[%1$s]))");
        TEMPLATES.put(LATENCY_P50, quantile("0.5", REQUESTS));
        TEMPLATES.put(LATENCY_P95, quantile("0.95", REQUESTS));
        TEMPLATES.put(LATENCY_P99, quantile("0.99", REQUESTS));
        TEMPLATES.put(REQUEST_RATE, "sum(rate(" + REQUESTS + "_count{%3$s}[%1$s]))");
        TEMPLATES.put(CPU, "sum(rate(process_cpu_seconds_total{%3$s}[%1$s]))");
        TEMPLATES.put(MEMORY, "sum(process_resident_memory_bytes{%3$s})");
        TEMPLATES.put(DB_QUERY_TIME, quantile("0.95", "db_client_operation_duration_seconds"));
    }

    private QueryPresets() {
    }

    private static String quantile(final String quantile, final String histogram) {
        return "histogram_quantile(" + quantile + ", sum by (le) (rate(" + histogram + "_bucket{%3$s}[%1$s])))";
    }

    /**
     * Returns the names of the presets.
     *
     * @return the names, in documentation order
     */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(TEMPLATES.keySet());
    }

    /**
     * Returns the preset a name or alias ({@code p95}, {@code errors}, {@code rps}) stands for.
     *
     * @param name the name, case-insensitive
     * @return the preset's name, or empty if there is none
     */
    public static Optional<String> resolve(final String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (TEMPLATES.containsKey(lower)) {
            return Optional.of(lower);
        }
        return Optional.ofNullable(ALIASES.get(lower));
    }

    /**
     * Returns the PromQL of a preset.
     *
     * @param name the preset or an alias
     * @param selector label matchers added to every metric the query reads, for example
     *         {@code job="app",namespace="prod"}; empty or {@code null} for none
     * @param rateWindow the window of {@code rate()}, in PromQL form, for example {@code 1m} or {@code 30s}
     * @return the PromQL, or empty if the name is no preset
     */
    public static Optional<String> query(final String name, @CheckForNull final String selector,
            final String rateWindow) {
        String matchers = selector == null ? "" : selector.strip();
        if (matchers.startsWith("{") && matchers.endsWith("}")) {
            matchers = matchers.substring(1, matchers.length() - 1).strip();
        }
        String extra = matchers.isEmpty() ? "" : "," + matchers;
        String only = matchers;
        return resolve(name).map(TEMPLATES::get).map(template -> String.format(Locale.ROOT, template, rateWindow,
                extra, only));
    }
}
