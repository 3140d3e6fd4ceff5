package io.lotabots.bot.monitor.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against a local fake, for what a real Prometheus cannot be made to do: answer slowly, trickle, send
 * garbage or too much, or break its own format. What a real Prometheus does (bad PromQL, NaN, strings) is tested in
 * {@code PrometheusITest}; the parsing of the same answers is checked here too, so that it runs without one.
 */
class PrometheusClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofSeconds(1);

    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>("");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> lastForm = new AtomicReference<>("");
    private final CountDownLatch release = new CountDownLatch(1);
    private PrometheusClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/v1/", exchange -> {
            lastForm.set(exchange.getRequestURI().getPath() + "?" + URLDecoder.decode(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            respond(exchange, status.get(), answer.get());
        });
        server.createContext("/slow/api/v1/", exchange -> {
            await();
            respond(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        });
        server.createContext("/trickle/api/v1/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"status\":\"success\",".getBytes(StandardCharsets.UTF_8));
                out.flush();
                await();
            }
            catch (IOException e) {
                // the client gave up
            }
        });
        server.createContext("/huge/api/v1/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[1 << 20];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i < 80; i++) {
                    out.write(chunk);
                }
            }
            catch (IOException e) {
                // the client stopped reading
            }
        });
        server.start();
        client = PrometheusClient.of(HttpClient.newHttpClient(), base(""), TIMEOUT);
    }

    private void await() {
        try {
            release.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private URI base(final String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void respond(final HttpExchange exchange, final int code, final String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void readsAVectorWithLabelsAndSendsTheQueryAsAForm() {
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"pod\":\"a\"},\"value\":[1800000000.5,\"0.25\"]},"
                + "{\"metric\":{\"pod\":\"b\"},\"value\":[1800000000.5,\"1e-3\"]}]}}");

        QueryResult result = client.instant("sum by (pod) (rate(x{job=\"a&b\"}[1m]))",
                Instant.ofEpochSecond(1_800_000_000, 500_000_000));

        assertThat(result.resultType()).isEqualTo("vector");
        assertThat(result.series()).hasSize(2);
        assertThat(result.series().get(0).getLabels()).containsEntry("pod", "a");
        assertThat(result.series().get(0).lastValue()).isEqualTo(0.25);
        assertThat(result.series().get(1).lastValue()).isEqualTo(0.001);
        assertThat(result.series().get(0).describeLabels()).isEqualTo("{pod=\"a\"}");
        assertThat(lastForm.get()).startsWith("/api/v1/query?").contains("query=sum by (pod) (rate(x{job=\"a&b\"}[1m]))")
                .contains("time=1800000000.500").contains("timeout=5000ms");
    }

    @Test
    void readsAMatrixAndLeavesOutNaNAndInfinitySamples() {
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                + "\"values\":[[1,\"1\"],[2,\"NaN\"],[3,\"+Inf\"],[4,\"-Inf\"],[5,\"2\"]]}]},"
                + "\"warnings\":[\"too many samples\"]}");

        QueryResult result = client.range("up", Instant.ofEpochSecond(1), Instant.ofEpochSecond(5),
                Duration.ofSeconds(1));

        assertThat(result.series()).singleElement().satisfies(series -> {
            assertThat(series.values()).containsExactly(1, 2);
            assertThat(series.time(1)).isEqualTo(5);
        });
        assertThat(result.nonNumeric()).isEqualTo(3);
        assertThat(result.warnings()).containsExactly("too many samples");
        assertThat(lastForm.get()).startsWith("/api/v1/query_range?").contains("start=1.000").contains("end=5.000")
                .contains("step=1.000");
    }

    @Test
    void readsAScalarAsOneSeriesWithoutLabels() {
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"42\"]}}");

        assertThat(client.instant("42", Instant.EPOCH).series()).singleElement()
                .satisfies(series -> assertThat(series.lastValue()).isEqualTo(42));
    }

    @Test
    void refusesAStringResult() {
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"abc\"]}}");

        assertThatThrownBy(() -> client.instant("\"abc\"", Instant.EPOCH))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.NON_NUMERIC_RESULT))
                .hasMessageContaining("returned the string 'abc', not a number");
    }

    @Test
    void refusesASampleThatIsNoNumberAtAll() {
        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{},\"value\":[1,\"lots\"]}]}}");

        assertThatThrownBy(() -> client.instant("x", Instant.EPOCH)).hasMessageContaining("'lots'")
                .hasMessageContaining("not a number");
    }

    @Test
    void passesOnPrometheusErrorTypeAndText() {
        status.set(400);
        answer.set("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:15: parse error: unclosed left"
                + " parenthesis\"}");

        assertThatThrownBy(() -> client.instant("sum(rate(x[5m]", Instant.EPOCH))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.INVALID_QUERY))
                .hasMessageContaining("rejected query 'sum(rate(x[5m]'")
                .hasMessageContaining("bad_data: 1:15: parse error: unclosed left parenthesis");
    }

    @Test
    void reportsAServerSideTimeoutAsUnavailable() {
        status.set(503);
        answer.set("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}");

        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).isInstanceOfSatisfying(
                LotaBotsException.class, e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.UNAVAILABLE))
                .hasMessageContaining("timeout: query timed out");
    }

    @Test
    void refusesGarbageAndForeignJson() {
        answer.set("<html>Welcome to nginx</html>");
        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).isInstanceOfSatisfying(
                LotaBotsException.class, e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.BAD_RESPONSE))
                .hasMessageContaining("not JSON: '<html>Welcome to nginx</html>'")
                .hasMessageContaining("Is this the URL of a Prometheus server?");

        answer.set("[1,2,3]");
        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).hasMessageContaining("not a Prometheus API");

        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}}");
        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).hasMessageContaining("is not an array");

        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1]}]}}");
        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).hasMessageContaining("not [time, \"value\"]");

        answer.set("{\"status\":\"success\",\"data\":{\"resultType\":\"histogram\",\"result\":[]}}");
        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).hasMessageContaining("unknown resultType");

        answer.set("[".repeat(10_000));
        assertThatThrownBy(() -> client.instant("up", Instant.EPOCH)).hasMessageContaining("not JSON");
    }

    @Test
    void givesUpOnASlowServerAfterTheTimeout() {
        PrometheusClient slow = PrometheusClient.of(HttpClient.newHttpClient(), base("/slow/"), SHORT);

        assertThatThrownBy(() -> slow.instant("up", Instant.EPOCH)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.UNAVAILABLE))
                .hasMessageContaining("no answer within 1s");
    }

    @Test
    void givesUpOnABodyThatTricklesAfterTheHeaders() {
        PrometheusClient trickle = PrometheusClient.of(HttpClient.newHttpClient(), base("/trickle"), SHORT);

        assertThatThrownBy(() -> trickle.instant("up", Instant.EPOCH)).isInstanceOfSatisfying(
                LotaBotsException.class, e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.UNAVAILABLE))
                .hasMessageContaining("no answer within");
    }

    @Test
    void refusesAHugeAnswerWithoutReadingItAll() {
        PrometheusClient huge = PrometheusClient.of(HttpClient.newHttpClient(), base("/huge"),
                Duration.ofSeconds(20)).withMaxBodyBytes(4 << 20);

        assertThatThrownBy(() -> huge.instant("up", Instant.EPOCH)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.BAD_RESPONSE))
                .hasMessageContaining("more than 4 MB");
    }

    @Test
    void reportsARefusedConnectionAsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrometheusClient down = PrometheusClient.of(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + port), TIMEOUT);

        assertThatThrownBy(() -> down.instant("up", Instant.EPOCH)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.UNAVAILABLE))
                .hasMessageContaining("Prometheus at http://127.0.0.1:" + port + " did not answer query 'up'")
                .hasMessageContaining("Is it running");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> PrometheusClient.of(HttpClient.newHttpClient(), URI.create("file:///etc/passwd"),
                TIMEOUT)).hasMessageContaining("not an http or https URL");
    }

    @Test
    void keepsAPathPrefixAndDropsATrailingSlash() {
        PrometheusClient prefixed = PrometheusClient.of(HttpClient.newHttpClient(), base("/prom/"), TIMEOUT);

        assertThat(prefixed.getBase().toString()).endsWith("/prom");
    }

    @Test
    void buildsPresetsWithTheSelectorAndRateWindow() {
        assertThat(QueryPresets.query("error_rate", "job=\"app\"", "30s")).hasValue(
                "sum(rate(http_server_requests_seconds_count{status=~\"5..\",job=\"app\"}[30s]))"
                        + " / sum(rate(http_server_requests_seconds_count{job=\"app\"}[30s]))");
        assertThat(QueryPresets.query("p95", "{job=\"app\"}", "1m")).hasValue("histogram_quantile(0.95, sum by (le)"
                + " (rate(http_server_requests_seconds_bucket{job=\"app\"}[1m])))");
        assertThat(QueryPresets.query("memory", null, "1m")).hasValue("sum(process_resident_memory_bytes{})");
        assertThat(QueryPresets.query("nonsense", null, "1m")).isEmpty();
        assertThat(QueryPresets.names()).containsExactly("error_rate", "latency_p50", "latency_p95", "latency_p99",
                "request_rate", "cpu", "memory", "db_query_time");
    }
}
