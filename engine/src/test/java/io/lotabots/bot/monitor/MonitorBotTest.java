package io.lotabots.bot.monitor;

import io.lotabots.util.ManualClock;
import com.sun.net.httpserver.HttpServer;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.AlertResolved;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Watches of health checks against a local application server, with a clock that the watch's sleeper advances: a
 * 30-minute watch runs in milliseconds. The metrics side runs against a real Prometheus in {@code PrometheusITest}.
 */
class MonitorBotTest {
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    private Path workspace;

    private HttpServer app;
    private final AtomicInteger healthCalls = new AtomicInteger();
    private volatile List<Integer> statuses = List.of(200);
    private final ManualClock clock = new ManualClock(START);
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private BotContext context;

    @BeforeEach
    void startApp() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", exchange -> {
            int call = healthCalls.getAndIncrement();
            int status = statuses.get(Math.min(call, statuses.size() - 1));
            byte[] body = (status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        app.start();
        context = BotContext.builder(workspace).clock(clock).log(new LogSink() {
            @Override
            public void info(final String line) {
                lines.add(line);
            }

            @Override
            public void error(final String line) {
                lines.add("ERROR " + line);
            }

            @Override
            public void progress(final String line) {
                lines.add("PROGRESS " + line);
            }
        }).build();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
    }

    private String health() {
        return "http://127.0.0.1:" + app.getAddress().getPort() + "/health";
    }

    private MonitorResult watch(final Map<String, ?> options) {
        MonitorBot bot = new MonitorBot(duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        });
        return bot.run(options, context);
    }

    private static <T> List<T> payloads(final MonitorResult result, final Class<T> type) {
        return result.getMessages().stream().filter(message -> message.typedPayload().filter(type::isInstance)
                .isPresent()).map(message -> type.cast(message.typedPayload().orElseThrow())).toList();
    }

    private String base() {
        return "http://127.0.0.1:" + app.getAddress().getPort() + "/";
    }

    @Test
    void watchesTheHealthOfTheReleaseThatTheRunDeployedWhenGivenNothingElse() {
        context.getBus().publish("DeployBot", new DeployCompleted("staging", "build-1", 3.0, "rolling", null, null,
                "http://127.0.0.1:9/"));
        context.getBus().publish("DeployBot", new DeployCompleted("production", "build-1", 3.0, "blueGreen", null,
                null, base()));
        statuses = List.of(200, 200, 503);

        MonitorResult result = watch(Map.of("environment", "production", "interval", "10s", "duration", "30s"));

        assertThat(lines).contains("Watching the health of build-1 in production at " + health()
                + ", from its deploy.completed");
        assertThat(healthCalls).hasValue(4);
        assertThat(result.getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.isRollbackRecommended()).isTrue();
    }

    @Test
    void shouldWatchTheReleaseARollbackRestoredAndNotTheOneItReplaced() {
        context.getBus().publish("DeployBot", new DeployCompleted("production", "build-1", 3.0, "blueGreen", null,
                null, base()));
        context.getBus().publish("DeployBot", new DeployCompleted("production", "build-2", 3.0, "blueGreen", null,
                null, "http://127.0.0.1:9/"));
        context.getBus().publish("DeployBot", new io.lotabots.message.DeployRolledBack("production", "build-2",
                "build-1", "the alert"));

        MonitorResult result = watch(Map.of("environment", "production", "interval", "10s", "duration", "10s"));

        assertThat(lines).contains("production was rolled back from build-2 to build-1 after its deploy.completed;"
                + " watching build-1", "Watching the health of build-1 in production at " + health()
                + ", from its deploy.completed");
        assertThat(result.getVerdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldWatchTheReleaseARollbackRestoredInARunThatOnlyRolledBack() {
        context.getBus().publish("DeployBot", new io.lotabots.message.DeployRolledBack("staging", "build-2",
                "build-1", "the alert", "http://127.0.0.1:9/"));
        context.getBus().publish("DeployBot", new io.lotabots.message.DeployRolledBack("production", "build-2",
                "build-1", "the alert", base()));
        statuses = List.of(200, 503);

        MonitorResult result = watch(Map.of("environment", "production", "interval", "10s", "duration", "10s"));

        assertThat(lines).contains("Watching the health of build-1 in production at " + health()
                + ", from the deploy.rolled_back that restored it");
        assertThat(healthCalls).hasValue(2);
        assertThat(result.getVerdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void takesTheLatestDeploymentOfTheRunAndAnotherHealthPath() {
        context.getBus().publish("DeployBot", new DeployCompleted("staging", "build-1", 3.0, "rolling", null, null,
                "http://127.0.0.1:9/"));
        context.getBus().publish("DeployBot", new DeployCompleted("staging", "build-2", 3.0, "rolling", null, null,
                base() + "app"));

        MonitorResult result = watch(Map.of("healthPath", "/health", "interval", "10s", "duration", "10s"));

        assertThat(lines).contains("Watching the health of build-2 in staging at " + base() + "app/health"
                + ", from its deploy.completed");
        assertThat(result.getTicks()).isEqualTo(2);
    }

    @Test
    void shouldWatchTheDeployedReleaseAlongsideTheGivenChecksOnlyWithDeployedHealth() {
        context.getBus().publish("DeployBot", new DeployCompleted("production", "build-1", 3.0, "blueGreen", null,
                null, base()));
        Map<String, Object> options = new HashMap<>(Map.of("health", List.of(health() + " 200 ~UP"), "interval", "10s",
                "duration", "10s"));

        watch(options);
        assertThat(healthCalls).as("the given check only, at each of the two ticks").hasValue(2);
        assertThat(lines).noneMatch(line -> line.startsWith("Watching the health of build-1"));

        options.put("deployedHealth", true);
        MonitorResult result = watch(options);

        assertThat(healthCalls).as("the given check and the deployed release's, at each tick").hasValue(6);
        assertThat(lines).contains("Watching the health of build-1 in production at " + health()
                + ", from its deploy.completed");
        assertThat(result.getVerdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void refusesAHealthPathThatIsNotAPath() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> watch(Map.of("healthPath", "health now")))
                .withMessageContaining("Option 'healthPath' must be a path such as /health");
    }

    @Test
    void passesAHealthyReleaseAfterWatchingTheWholeWindow() {
        MonitorResult result = watch(Map.of("health", List.of(health() + " 200 ~UP"), "interval", "30s",
                "duration", "30m"));

        assertThat(result.getTicks()).isEqualTo(61);
        assertThat(healthCalls).hasValue(61);
        assertThat(sleeps).hasSize(60).containsOnly(Duration.ofSeconds(30));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        assertThat(result.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.isRollbackRecommended()).isFalse();
        assertThat(result.getScore()).isEqualTo(100.0);
        assertThat(result.getCriteria()).singleElement().satisfies(outcome -> {
            assertThat(outcome.criterion().text()).isEqualTo(MonitorBot.DEFAULT_AVAILABILITY_CRITERION);
            assertThat(outcome.value()).isEqualTo(1.0);
        });
        assertThat(payloads(result, AlertTriggered.class)).isEmpty();
        MonitorVerdict verdict = result.getVerdictPayload().orElseThrow();
        assertThat(verdict.verdict()).isEqualTo("pass");
        assertThat(verdict.score()).isEqualTo(100.0);
        assertThat(verdict.criteria()).singleElement().satisfies(criterion -> {
            assertThat(criterion.criterion()).isEqualTo("availability >= 95% key");
            assertThat(criterion.result()).isEqualTo("pass");
        });
        assertThat(result.getOutputs()).containsEntry("verdict", "pass").containsEntry("rollback", false)
                .containsEntry("ticks", 61);
        assertThat(lines).anyMatch(line -> line.equals("Watching the release for 30m every 30s: 1 health check, 0 metrics, 1 criterion"));
        assertThat(lines).contains("PROGRESS Watching: 0s of 30m, 1 tick(s), 0 alert(s) raised",
                "PROGRESS Watching: 15m of 30m, 31 tick(s), 0 alert(s) raised");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReturnTheWindowThinnedForChartsWithTheCriteriaItWasJudgedAgainst() {
        MonitorResult result = watch(Map.of("health", List.of(health() + " 200 ~UP"), "interval", "5s",
                "duration", "30m"));

        assertThat(result.getTicks()).isEqualTo(361);
        Map<String, Object> outputs = result.getOutputs();
        Map<String, List<Map<String, Object>>> window = (Map<String, List<Map<String, Object>>>) outputs.get("window");
        assertThat(window).containsKey("availability");
        List<List<Double>> points = (List<List<Double>>) window.get("availability").get(0).get("points");
        assertThat(points).hasSize(120);
        double first = START.getEpochSecond();
        assertThat(points.get(0)).containsExactly(first, 1.0);
        assertThat(points.get(119)).containsExactly(first + 1800, 1.0);
        assertThat(points).extracting(point -> point.get(0)).isSorted().doesNotHaveDuplicates();
        assertThat((List<Map<String, Object>>) outputs.get("criteria")).singleElement().satisfies(criterion -> {
            assertThat(criterion).containsEntry("metric", "availability").containsEntry("operator", ">=")
                    .containsEntry("limit", 0.95).containsEntry("value", 1.0).containsEntry("result", "pass");
        });
        assertThat((List<String>) outputs.get("problemTexts")).isEmpty();
    }

    @Test
    void raisesAnAlertWhenTheAppFailsAndResolvesItWhenItRecovers() {
        statuses = List.of(200, 503, 503, 200, 200);

        MonitorResult result = watch(Map.of("health", List.of(health()), "interval", "10s", "duration", "40s",
                "environment", "production"));

        List<AlertTriggered> triggered = payloads(result, AlertTriggered.class);
        assertThat(triggered).singleElement().satisfies(alert -> {
            assertThat(alert.alertName()).isEqualTo("AvailabilityLow");
            assertThat(alert.severity()).isEqualTo("critical");
            assertThat(alert.metric()).isEqualTo("availability");
            assertThat(alert.value()).isEqualTo(0.0);
            assertThat(alert.threshold()).isEqualTo(0.95);
            assertThat(alert.environment()).isEqualTo("production");
        });
        assertThat(payloads(result, AlertResolved.class)).singleElement().satisfies(resolved -> {
            assertThat(resolved.alertName()).isEqualTo("AvailabilityLow");
            assertThat(resolved.value()).isEqualTo(1.0);
            assertThat(resolved.duration()).isEqualTo(20.0);
        });
        assertThat(result.getMessages()).extracting(Message::getType).containsExactly("alert.triggered",
                "alert.resolved", "monitor.verdict");
        assertThat(result.getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.isRollbackRecommended()).isTrue();
        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(result.getFailedCriteria()).singleElement()
                .satisfies(outcome -> assertThat(outcome.value()).isEqualTo(0.6));
        assertThat(result.getAlertsTriggered()).isEqualTo(1);
        assertThat(result.getAlertsOpen()).isZero();
        assertThat(result.getVerdictPayload().orElseThrow().environment()).isEqualTo("production");
        assertThat(lines).contains("ERROR Health FAIL " + health() + ": expected status 200, got 503");
    }

    @Test
    void usesTheUsersAvailabilityCriterionAndWeights() {
        statuses = List.of(200, 503, 200, 200, 200);

        MonitorResult result = watch(Map.of("health", List.of(health()), "interval", "10s", "duration", "40s",
                "criterion", List.of("availability >= 75% severity=medium alert=AppDown",
                        "max(health_latency) < 1s weight=3")));

        assertThat(result.getCriteria()).hasSize(2);
        assertThat(result.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(payloads(result, AlertTriggered.class)).singleElement().satisfies(alert -> {
            assertThat(alert.alertName()).isEqualTo("AppDown");
            assertThat(alert.severity()).isEqualTo("medium");
        });
    }

    @Test
    void recordsAnUnreachableHealthUrlAndFailsTheRelease() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        MonitorResult result = watch(Map.of("health", List.of("http://127.0.0.1:" + port + "/health"),
                "interval", "10s", "duration", "20s", "timeout", "2s"));

        assertThat(result.getVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.getTicks()).isEqualTo(3);
        assertThat(result.getProblems()).singleElement().asString().contains("Health FAIL http://127.0.0.1:" + port)
                .contains("connection refused (nothing listens on 127.0.0.1:" + port + ")").doesNotContain("Exception");
        assertThat(payloads(result, AlertTriggered.class)).hasSize(1);
        assertThat(result.getAlertsOpen()).isEqualTo(1);
    }

    @Test
    void shouldShowTheProblemsInTheSummaryTheLogTheOutputsAndTheVerdict() throws IOException {
        String gone = closedUrl();
        String alsoGone = closedUrl();
        statuses = List.of(503, 200, 503, 200, 503, 200, 503);

        MonitorResult result = watch(Map.of("health", List.of(health(), gone, alsoGone, base() + "missing"),
                "interval", "10s", "duration", "60s", "timeout", "2s"));

        String flapping = "Health FAIL " + health() + ": expected status 200, got 503";
        String missing = "Health FAIL " + base() + "missing: expected status 200, got 404";
        assertThat(result.getProblems()).hasSize(7).startsWith(flapping).contains(missing)
                .filteredOn(flapping::equals).hasSize(4);
        assertThat(result.getSummary()).contains("; 7 problems: " + flapping + " (4 times); Health FAIL " + gone)
                .contains("; Health FAIL " + alsoGone).endsWith("; and 1 more").doesNotContain(missing);
        assertThat(lines).containsSubsequence("7 problems while watching:", "  " + flapping + " (4 times)",
                "  " + missing);
        assertThat(lines.indexOf("7 problems while watching:")).isGreaterThan(lines.indexOf("ERROR " + flapping));
        assertThat(result.getOutputs()).containsEntry("problems", 7)
                .containsEntry("problemTexts", result.getProblems());
        assertThat(result.getVerdictPayload().orElseThrow().problems()).hasSize(7).startsWith(flapping);
    }

    private static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/health";
        }
    }

    @Test
    void judgesTheWindowSoFarWhenInterrupted() {
        MonitorBot bot = new MonitorBot(duration -> {
            if (sleeps.size() == 2) {
                throw new InterruptedException("aborted");
            }
            sleeps.add(duration);
            clock.advance(duration);
        });

        MonitorResult result = bot.run(Map.of("health", List.of(health()), "interval", "10s", "duration", "5m"),
                context);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(result.getTicks()).isEqualTo(3);
        assertThat(result.getVerdictMessage()).isPresent();
        assertThat(result.getSummary()).contains("interrupted");
    }

    @Test
    void takesRelativeBaselinesFromAFile() throws IOException {
        Files.writeString(workspace.resolve("baseline.yaml"), "baselines:\n  max(health_latency): 100ms\n");

        MonitorResult result = watch(Map.of("health", List.of(health()), "duration", "0s",
                "criterion", List.of("max(health_latency) <= +10%"), "baseline", "baseline.yaml"));

        assertThat(result.getBaselines()).containsKey("max(health_latency)");
        assertThat(result.getCriteria().get(0).limit()).isEqualTo(0.11, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(lines).contains("Baseline of max(health_latency): 0.1 (from baseline.yaml)");
    }

    @Test
    void refusesABaselineFileOutsideTheWorkspace() {
        assertThatThrownBy(() -> watch(Map.of("health", List.of(health()), "criterion",
                List.of("health_latency <= +10%"), "baseline", "../../etc/passwd")))
                .hasMessageContaining("'../../etc/passwd' leaves the workspace");
    }

    @Test
    void refusesAMalformedCriterionBeforeWatching() {
        assertThatThrownBy(() -> watch(Map.of("health", List.of(health()), "criterion",
                List.of("availability >= 95 %%"))))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(MonitorErrorCode.INVALID_CRITERION))
                .hasMessageContaining("'availability >= 95 %%' is malformed at position 20");
        assertThat(healthCalls).hasValue(0);
    }

    @Test
    void refusesACriterionOnAMetricNothingMeasures() {
        assertThatThrownBy(() -> watch(Map.of("health", List.of(health()), "criterion",
                List.of("queue_depth < 100")))).hasMessageContaining("names the metric 'queue_depth', which nothing"
                        + " measures. Give --query queue_depth=PROMQL");
        assertThatThrownBy(() -> watch(Map.of("prometheus", "http://127.0.0.1:1", "criterion",
                List.of("availability > 90%")))).hasMessageContaining("comes from health checks");
    }

    @Test
    void judgesNothingWhenThereIsNothingToWatch() {
        MonitorResult result = watch(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getVerdictMessage()).isEmpty();
        assertThat(result.isRollbackRecommended()).isFalse();
        assertThat(lines).anyMatch(line -> line.startsWith("Nothing to watch: give health checks"));
    }

    @Test
    void refusesQueriesWithoutPrometheusAndBadOptions() {
        assertThatThrownBy(() -> watch(Map.of("criterion", List.of("error_rate < 5%"))))
                .hasMessageContaining("need a Prometheus URL");
        assertThatThrownBy(() -> watch(Map.of("health", List.of("ftp://example.com/"))))
                .hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> watch(Map.of("health", List.of(health()), "interval", "0s")))
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> watch(Map.of("query", List.of("nonsense")))).hasMessageContaining(
                "neither NAME=PROMQL nor a preset");
        assertThatThrownBy(() -> watch(Map.of("prometheus", "http://x:9090", "rateWindow", "5 minutes")))
                .hasMessageContaining("not a PromQL duration");
    }

    @Test
    void masksCredentialsOfAHealthUrl() {
        String withPassword = health().replace("http://", "http://ops:s3cr3tpass@");

        MonitorResult result = watch(Map.of("health", List.of(withPassword), "duration", "0s"));

        assertThat(result.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("s3cr3tpass"));
        assertThat(result.getLog().getInfoLines()).noneMatch(line -> line.contains("s3cr3tpass"));
    }

    @Test
    void keepsPromqlWholeThatTheCommandLineSplitAtCommas() {
        Map<String, Object> options = new HashMap<>();
        options.put("prometheus", "http://localhost:9090");
        options.put("query", List.of("slow=histogram_quantile(0.9", " sum by (le", " pod) (rate(x_bucket{a=\"1\"",
                "b=\"2\"}[1m])))", "p99", "ratio=sum(x)/sum(y)"));
        options.put("health", List.of(health() + " 200 ~a", "b", "http://localhost:1/"));
        options.put("selector", "job=\"app\"");

        MonitorRequest request = MonitorBotDescriptor.get().createRequest(options);

        assertThat(request.queries()).containsOnlyKeys("slow", "latency_p99", "ratio");
        assertThat(request.queries().get("slow")).isEqualTo("histogram_quantile(0.9, sum by (le, pod)"
                + " (rate(x_bucket{a=\"1\",b=\"2\"}[1m])))");
        assertThat(request.queries().get("latency_p99")).contains("{job=\"app\"}");
        assertThat(request.health()).hasSize(2);
        assertThat(request.health().get(0).bodyContains()).isEqualTo("a,b");
    }

    @Test
    void addsThePresetsTheCriteriaName() {
        MonitorRequest request = MonitorBotDescriptor.get().createRequest(Map.of("prometheus",
                "http://localhost:9090", "criterion", List.of("error_rate < 5%", "p95 <= +10%", "max(cpu) < 2")));

        assertThat(request.queries()).containsOnlyKeys("error_rate", "latency_p95", "cpu");
        assertThat(request.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(request.duration()).isEqualTo(Duration.ofMinutes(30));
    }
}
