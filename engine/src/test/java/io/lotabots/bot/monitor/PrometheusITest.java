package io.lotabots.bot.monitor;

import io.lotabots.util.ManualClock;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.monitor.prometheus.PrometheusClient;
import io.lotabots.bot.monitor.prometheus.PrometheusErrorCode;
import io.lotabots.bot.monitor.prometheus.QueryResult;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.AlertResolved;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.Message;
import io.lotabots.message.PredictionMade;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * MonitorBot against the real Prometheus that {@code scripts/services} starts (Debian's {@code prometheus}, on
 * 127.0.0.1:19090, scraping 127.0.0.1:19464 every second; {@code scripts/test-all} exports its URL as
 * {@code PROMETHEUS_URL}). The test starts the scraped application ({@link MetricsTarget}), waits until Prometheus
 * holds 16 seconds of its samples, and then judges the apps it serves.
 */
class PrometheusITest {
    private static final String RUN = UUID.randomUUID().toString();
    private static final Duration ENOUGH = Duration.ofSeconds(16);

    private static String prometheus;
    private static MetricsTarget target;

    @TempDir
    private Path workspace;

    @BeforeAll
    static void startTargetAndWaitForSamples() throws IOException, InterruptedException {
        prometheus = System.getenv("PROMETHEUS_URL");
        if (prometheus == null || prometheus.isBlank()) {
            fail("PROMETHEUS_URL is not set: these tests need the test Prometheus. Run scripts/test-all, or"
                    + " eval \"export $(scripts/services)\" before Maven.");
        }
        target = new MetricsTarget(RUN);
        PrometheusClient client = PrometheusClient.of(HttpClient.newHttpClient(), URI.create(prometheus),
                Duration.ofSeconds(5));
        String query = "count_over_time(http_server_requests_seconds_count{run=\"" + RUN
                + "\",app=\"healthy\",status=\"200\"}[1m])";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double samples = 0;
        while (System.nanoTime() < deadline) {
            QueryResult result = client.instant(query, Instant.now());
            samples = result.isEmpty() ? 0 : result.series().get(0).lastValue();
            if (samples >= ENOUGH.toSeconds()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("Prometheus at " + prometheus + " holds only " + samples + " samples of the test target on port "
                + MetricsTarget.PORT + " after 60 s; does it scrape 127.0.0.1:" + MetricsTarget.PORT
                + " (scripts/services)?");
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    private static String selector(final String app) {
        return "run=\"" + RUN + "\",app=\"" + app + "\"";
    }

    private Map<String, Object> options(final String app, final String... criteria) {
        Map<String, Object> options = new HashMap<>();
        options.put("prometheus", prometheus);
        options.put("selector", selector(app));
        options.put("rateWindow", "3s");
        options.put("criterion", List.of(criteria));
        options.put("duration", "0s");
        options.put("lookback", "12s");
        options.put("step", "1s");
        options.put("timeout", "5s");
        return options;
    }

    private MonitorResult run(final Map<String, ?> options) {
        return new MonitorBot().run(options, BotContext.builder(workspace).build());
    }

    private static <T> List<T> payloads(final MonitorResult result, final Class<T> type) {
        return result.getMessages().stream().map(Message::typedPayload).flatMap(java.util.Optional::stream)
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void passesAHealthyRelease() {
        Map<String, Object> options = options("healthy", "error_rate < 5%", "p95 < 200ms weight=2",
                "request_rate > 50", "max(health_latency) < 5s");
        options.put("health", List.of("http://127.0.0.1:" + MetricsTarget.PORT + "/metrics 200 ~app_memory_bytes"));

        MonitorResult result = run(options);

        assertThat(result.getVerdict()).as(result.getSummary()).isEqualTo(Verdict.PASS);
        assertThat(result.getScore()).isEqualTo(100.0);
        assertThat(result.getCriteria()).hasSize(5);
        assertThat(result.getCriteria().get(0).value()).isCloseTo(0.0, within(1e-9));
        assertThat(result.getCriteria().get(1).value()).isCloseTo(0.0975, within(1e-4));
        assertThat(result.getCriteria().get(2).value()).isCloseTo(100, within(1.0));
        assertThat(result.getAnomalies()).isEmpty();
        assertThat(payloads(result, AlertTriggered.class)).isEmpty();
        assertThat(result.getVerdictPayload().orElseThrow().verdict()).isEqualTo("pass");
    }

    @Test
    void failsAReleaseWithErrorsAndSlowResponses() {
        MonitorResult result = run(options("failing", "error_rate < 5%", "p95 < 200ms", "request_rate > 50"));

        assertThat(result.getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.isRollbackRecommended()).isTrue();
        assertThat(result.getScore()).isCloseTo(33.3, within(0.1));
        assertThat(result.getFailedCriteria()).extracting(outcome -> outcome.criterion().text())
                .containsExactly("error_rate < 5%", "p95 < 200ms");
        assertThat(result.getCriteria().get(0).value()).isCloseTo(0.2, within(1e-4));
        assertThat(result.getCriteria().get(1).value()).isCloseTo(0.975, within(1e-4));
        assertThat(payloads(result, AlertTriggered.class)).extracting(AlertTriggered::alertName)
                .containsExactly("ErrorRateHigh", "LatencyP95High");
        AlertTriggered errors = payloads(result, AlertTriggered.class).get(0);
        assertThat(errors.value()).isCloseTo(0.2, within(1e-4));
        assertThat(errors.threshold()).isEqualTo(0.05);
        assertThat(errors.severity()).isEqualTo("high");
        assertThat(result.getVerdictPayload().orElseThrow().criteria()).extracting(c -> c.result())
                .containsExactly("fail", "fail", "pass");
    }

    @Test
    void raisesAnAlertWhenErrorsStartAndResolvesItWhenTheyStop() {
        // replays the flapping app's first 16 seconds tick by tick: the clock starts when the target did
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(Math.round(target.startEpochSeconds() * 1000))
                .plusSeconds(3));
        Map<String, Object> options = options("flapping", "error_rate < 5%");
        options.put("interval", "1s");
        options.put("duration", "12s");
        options.put("lookback", "0s");
        MonitorBot bot = new MonitorBot(clock::advance);

        MonitorResult result = bot.run(options, BotContext.builder(workspace).clock(clock).build());

        assertThat(result.getTicks()).isEqualTo(13);
        assertThat(result.getMessages()).extracting(Message::getType).containsExactly("alert.triggered",
                "alert.resolved", "monitor.verdict");
        assertThat(payloads(result, AlertTriggered.class).get(0).value()).isGreaterThan(0.05);
        AlertResolved resolved = payloads(result, AlertResolved.class).get(0);
        assertThat(resolved.alertName()).isEqualTo("ErrorRateHigh");
        assertThat(resolved.value()).isLessThan(0.05);
        assertThat(resolved.duration()).isBetween(4.0, 9.0);
        assertThat(result.getAlertsOpen()).isZero();
    }

    @Test
    void predictsWhenAGrowingMetricWillCrossItsLimit() {
        Map<String, Object> options = options("leaky", "memory < 1GB");
        options.put("query", List.of("memory=app_memory_bytes{" + selector("leaky") + "}"));

        MonitorResult result = run(options);

        assertThat(result.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(payloads(result, PredictionMade.class)).singleElement().satisfies(prediction -> {
            assertThat(prediction.metric()).startsWith("memory{");
            assertThat(prediction.trend()).isEqualTo("increasing");
            assertThat(prediction.threshold()).isEqualTo(1e9);
            assertThat(prediction.currentValue()).isBetween(150e6, 1e9);
            assertThat(prediction.prediction()).matches("will_exceed_threshold_in_\\d+_(seconds|minutes)");
            assertThat(prediction.predictedAt()).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));
        });
        assertThat(result.getTrends()).singleElement().satisfies(trend -> assertThat(trend.slopePerHour())
                .isCloseTo(5e6 * 3600, within(5e6 * 3600 * 0.05)));
    }

    @Test
    void comparesWithTheMedianOfEarlierPassingRuns() {
        MessageBus bus = MessageBus.builder().journal(Journal.at(workspace.resolve(".lotabots/messages.jsonl")))
                .build();
        BotContext context = BotContext.builder(workspace).bus(bus).build();
        MonitorResult earlier = new MonitorBot().run(options("healthy", "p95 < 1s"), context);
        assertThat(earlier.getVerdict()).isEqualTo(Verdict.PASS);

        MonitorResult slower = new MonitorBot().run(options("failing", "p95 <= +10%"), context);

        assertThat(slower.getBaselines().get("avg(latency_p95)").value()).isCloseTo(0.0975, within(1e-4));
        assertThat(slower.getBaselines().get("avg(latency_p95)").runs()).isEqualTo(1);
        assertThat(slower.getCriteria().get(0).limit()).isCloseTo(0.10725, within(1e-4));
        assertThat(slower.getVerdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void failsACriterionOnASeriesThatIsNotANumber() {
        MonitorResult result = run(options("idle", "error_rate < 5%"));

        assertThat(result.getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.getCriteria().get(0).value()).isNull();
        assertThat(result.getCriteria().get(0).detail()).contains("no samples");
        assertThat(result.getProblems()).anyMatch(line -> line.contains("not numbers (NaN or ±Inf"));
    }

    @Test
    void refusesAQueryThatReturnsAString() {
        Map<String, Object> options = options("healthy");
        options.put("query", List.of("motto=\"all is well\""));

        assertThatThrownBy(() -> run(options)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.NON_NUMERIC_RESULT))
                .hasMessageContaining("Cannot watch the metric 'motto'")
                .hasMessageContaining("returned the string 'all is well', not a number");
    }

    @Test
    void reportsBadPromqlWithPrometheusOwnError() {
        Map<String, Object> options = options("healthy", "broken < 1");
        options.put("query", List.of("broken=sum(rate(http_server_requests_seconds_count[5m]"));

        assertThatThrownBy(() -> run(options)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.INVALID_QUERY))
                .hasMessageContaining("Cannot watch the metric 'broken'")
                .hasMessageContaining("bad_data")
                .hasMessageContaining("parse error")
                .hasMessageContaining("Fix the PromQL");
    }

    @Test
    void reportsAPrometheusThatIsDown() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, Object> options = options("healthy", "error_rate < 5%");
        options.put("prometheus", "http://127.0.0.1:" + port);

        assertThatThrownBy(() -> run(options)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(PrometheusErrorCode.UNAVAILABLE))
                .hasMessageContaining("Prometheus at http://127.0.0.1:" + port + " did not answer")
                .hasMessageContaining("Is it running");
    }
}
