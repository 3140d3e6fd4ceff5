package io.lotabots.bot.monitor.prometheus;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.http.NetworkErrors;
import io.lotabots.util.Durations;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls the Prometheus HTTP API: instant queries ({@code /api/v1/query}) and range queries
 * ({@code /api/v1/query_range}), sent as form posts so that long PromQL fits. Every call is bounded by the timeout
 * for the whole exchange, and Prometheus is asked to stop evaluating after the same time. A failure throws a
 * {@link LotaBotsException} whose {@link PrometheusErrorCode} tells a query to fix ({@code INVALID_QUERY}, with
 * Prometheus' {@code errorType} and {@code error}) from a server that is down or slow ({@code UNAVAILABLE}) or not
 * Prometheus ({@code BAD_RESPONSE}).
 */
public final class PrometheusClient {
    /** The most bytes of an answer read; a longer one is refused. */
    public static final int MAX_BODY_BYTES = 64 << 20;
    /** The most points Prometheus returns per series of a range query. */
    public static final int MAX_POINTS = 11_000;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(MAX_BODY_BYTES).build()).build());
    private static final int MAX_SHOWN = 200;

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    @CheckForNull
    private final String authorization;
    private final int maxBodyBytes;

    private PrometheusClient(final HttpClient http, final URI base, final Duration timeout,
            @CheckForNull final String authorization, final int maxBodyBytes) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
        this.authorization = authorization;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Creates a client.
     *
     * @param http the HTTP client
     * @param base the Prometheus URL, for example {@code http://localhost:9090} or
     *         {@code https://example.com/prometheus}
     * @param timeout the time allowed for one call
     * @return the client
     * @throws LotaBotsException if the URL is not http or https with a host, or the timeout is not positive
     */
    public static PrometheusClient of(final HttpClient http, final URI base, final Duration timeout) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || base.getHost() == null) {
            throw LotaBotsException.of(PrometheusErrorCode.UNAVAILABLE, "The Prometheus URL '" + base
                    + "' is not an http or https URL with a host; give one like http://localhost:9090");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, was " + Durations.format(timeout));
        }
        String text = base.toString();
        URI trimmed = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        return new PrometheusClient(http, trimmed, timeout, null, MAX_BODY_BYTES);
    }

    /**
     * Returns this client sending a bearer token with every call, for a Prometheus behind an authenticating proxy.
     *
     * @param token the token; the caller registers it with the secret masker
     * @return the client
     */
    public PrometheusClient withBearerToken(final String token) {
        return new PrometheusClient(http, base, timeout, "Bearer " + token, maxBodyBytes);
    }

    /**
     * Returns this client with another limit of the answer size; tests use a small one.
     *
     * @param limit the most bytes read
     * @return the client
     */
    PrometheusClient withMaxBodyBytes(final int limit) {
        return new PrometheusClient(http, base, timeout, authorization, limit);
    }

    /**
     * Returns the Prometheus URL.
     *
     * @return the URL without a trailing slash
     */
    public URI getBase() {
        return base;
    }

    /**
     * Evaluates a query at one instant.
     *
     * @param query the PromQL
     * @param time the evaluation time
     * @return the answer: a vector or a scalar
     * @throws LotaBotsException with a {@link PrometheusErrorCode}
     */
    public QueryResult instant(final String query, final Instant time) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        form.put("time", seconds(time));
        form.put("timeout", timeout.toMillis() + "ms");
        return call("/api/v1/query", query, form);
    }

    /**
     * Evaluates a query over a range.
     *
     * @param query the PromQL
     * @param start the first evaluation time
     * @param end the last evaluation time
     * @param step the time between evaluations, at least one millisecond
     * @return the answer: a matrix
     * @throws LotaBotsException with a {@link PrometheusErrorCode}
     */
    public QueryResult range(final String query, final Instant start, final Instant end, final Duration step) {
        if (step.toMillis() < 1 || end.isBefore(start)) {
            throw new IllegalArgumentException("A range needs start <= end and a step of at least 1 ms; was " + start
                    + " to " + end + " every " + Durations.format(step));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        form.put("start", seconds(start));
        form.put("end", seconds(end));
        form.put("step", String.format(Locale.ROOT, "%.3f", step.toMillis() / 1000.0));
        form.put("timeout", timeout.toMillis() + "ms");
        return call("/api/v1/query_range", query, form);
    }

    private QueryResult call(final String path, final String query, final Map<String, String> form) {
        URI uri = URI.create(base + path);
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").header("User-Agent", "LotaBots-MonitorBot")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(builder.build(),
                info -> new LimitedBody(maxBodyBytes));
        HttpResponse<byte[]> response;
        try {
            // the future completes when the whole body has arrived, so the timeout bounds a trickling body too
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(query, "no answer within " + Durations.format(timeout), e);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof LimitedBody.TooLarge) {
                throw LotaBotsException.of(PrometheusErrorCode.BAD_RESPONSE, "Prometheus at " + base
                        + " answered query '" + abbreviate(query) + "' with more than " + (maxBodyBytes >> 20)
                        + " MB; narrow the query (fewer series, a larger step)");
            }
            String reason = cause instanceof HttpTimeoutException ? "no answer within " + Durations.format(timeout)
                    : NetworkErrors.describe(cause, base);
            throw unavailable(query, reason, cause);
        }
        catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(query, "interrupted while waiting for the answer", e);
        }
        return parse(query, response.statusCode(), response.body());
    }

    private QueryResult parse(final String query, final int status, final byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        }
        catch (IOException e) {
            if (status >= 500) {
                throw unavailable(query, "HTTP " + status + ": " + snippet(bytes), e);
            }
            throw badResponse(query, "HTTP " + status + " with a body that is not JSON: " + snippet(bytes), e);
        }
        if (root == null || !root.isObject() || !root.path("status").isTextual()) {
            throw badResponse(query, "HTTP " + status + " with JSON that is not a Prometheus API answer: "
                    + snippet(bytes), null);
        }
        if (!"success".equals(root.path("status").asText())) {
            String errorType = root.path("errorType").asText("unknown");
            String error = root.path("error").asText("");
            String message = "Prometheus at " + base + " rejected query '" + abbreviate(query) + "': " + errorType
                    + ": " + abbreviate(error);
            if ("bad_data".equals(errorType) || "execution".equals(errorType) || status == 400 || status == 422) {
                throw LotaBotsException.of(PrometheusErrorCode.INVALID_QUERY, message + ". Fix the PromQL.");
            }
            throw LotaBotsException.of(PrometheusErrorCode.UNAVAILABLE, message);
        }
        if (status != 200) {
            throw badResponse(query, "HTTP " + status + " with status success", null);
        }
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(warning -> warnings.add(warning.asText()));
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        Counter nonNumeric = new Counter();
        List<TimeSeries> series = new ArrayList<>();
        switch (resultType) {
            case "vector" -> {
                requireArray(query, result, "data.result");
                for (JsonNode element : result) {
                    series.add(toSeries(query, labels(element.path("metric")), List.of(element.path("value")),
                            nonNumeric));
                }
            }
            case "matrix" -> {
                requireArray(query, result, "data.result");
                for (JsonNode element : result) {
                    JsonNode values = element.path("values");
                    requireArray(query, values, "data.result[].values");
                    List<JsonNode> points = new ArrayList<>(values.size());
                    values.forEach(points::add);
                    series.add(toSeries(query, labels(element.path("metric")), points, nonNumeric));
                }
            }
            case "scalar" -> series.add(toSeries(query, Map.of(), List.of(result), nonNumeric));
            case "string" -> throw LotaBotsException.of(PrometheusErrorCode.NON_NUMERIC_RESULT, "Query '"
                    + abbreviate(query) + "' returned the string '" + abbreviate(result.path(1).asText())
                    + "', not a number. Give a query that returns a number or a vector.");
            default -> throw badResponse(query, "an unknown resultType '" + abbreviate(resultType) + "'", null);
        }
        return new QueryResult(query, resultType, series, nonNumeric.count, warnings);
    }

    private TimeSeries toSeries(final String query, final Map<String, String> labels, final List<JsonNode> points,
            final Counter nonNumeric) {
        double[] times = new double[points.size()];
        double[] values = new double[points.size()];
        int kept = 0;
        for (JsonNode point : points) {
            if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isTextual()) {
                throw badResponse(query, "a sample that is not [time, \"value\"]: " + abbreviate(point.toString()),
                        null);
            }
            double value = sampleValue(query, point.get(1).asText());
            if (!Double.isFinite(value)) {
                nonNumeric.count++;
                continue;
            }
            times[kept] = point.get(0).asDouble();
            values[kept] = value;
            kept++;
        }
        return TimeSeries.of(labels, java.util.Arrays.copyOf(times, kept), java.util.Arrays.copyOf(values, kept));
    }

    private double sampleValue(final String query, final String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                }
                catch (NumberFormatException e) {
                    throw LotaBotsException.of(PrometheusErrorCode.NON_NUMERIC_RESULT, "Query '" + abbreviate(query)
                            + "' returned the sample value '" + abbreviate(text) + "', which is not a number", e);
                }
        }
    }

    private static Map<String, String> labels(final JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = metric.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return labels;
    }

    private void requireArray(final String query, final JsonNode node, final String field) {
        if (!node.isArray()) {
            throw badResponse(query, field + " is not an array", null);
        }
    }

    private LotaBotsException unavailable(final String query, final String reason, final Throwable cause) {
        return LotaBotsException.of(PrometheusErrorCode.UNAVAILABLE, "Prometheus at " + base
                + " did not answer query '" + abbreviate(query) + "': " + reason
                + ". Is it running, and is the URL right?", cause);
    }

    private LotaBotsException badResponse(final String query, final String problem,
            @CheckForNull final Throwable cause) {
        String message = "The server at " + base + " answered query '" + abbreviate(query) + "' with " + problem
                + ". Is this the URL of a Prometheus server?";
        return cause == null ? LotaBotsException.of(PrometheusErrorCode.BAD_RESPONSE, message)
                : LotaBotsException.of(PrometheusErrorCode.BAD_RESPONSE, message, cause);
    }

    private static String snippet(final byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_SHOWN), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return "'" + text + (bytes.length > MAX_SHOWN ? "...'" : "'");
    }

    private static String abbreviate(final String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    private static String seconds(final Instant time) {
        return String.format(Locale.ROOT, "%d.%03d", time.getEpochSecond(), time.getNano() / 1_000_000);
    }

    /**
     * Counts dropped samples.
     */
    private static final class Counter {
        private int count;
    }

    @Override
    public String toString() {
        return "Prometheus at " + base;
    }
}
