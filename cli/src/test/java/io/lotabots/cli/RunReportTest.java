package io.lotabots.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.StepStatus;
import io.lotabots.workflow.WorkflowRun;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {
    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");
    private static final String ID = "cli/app#20261125T101530Z";

    @TempDir
    Path dir;

    private static StepRecord step(final String path, final String kind, final StepStatus status, final int seconds,
            final String summary, final Map<String, Object> outputs) {
        return new StepRecord(path, kind, status, START, Duration.ofSeconds(seconds), summary, List.of(), outputs,
                null);
    }

    private static WorkflowRun rolledBackRun() {
        double t0 = START.getEpochSecond();
        Map<String, Object> watch = Map.of("verdict", "fail", "score", 0.0, "ticks", 3, "alertsTriggered", 1,
                "anomalies", 0,
                "criteria", List.of(Map.of("criterion", "availability >= 95% key", "metric", "availability",
                        "operator", ">=", "limit", 0.95, "value", 0.0, "result", "fail", "detail", "0 < 0.95")),
                "problemTexts", List.of("GET http://127.0.0.1:8082/health: connection refused"),
                "window", Map.of("availability", List.of(Map.of("labels", Map.of(), "points",
                        List.of(List.of(t0, 1.0), List.of(t0 + 5, 0.0), List.of(t0 + 10, 0.0))))));
        List<StepRecord> steps = List.of(
                step("Test", "recover", StepStatus.SUCCESS, 3, "", Map.of()),
                step("Test/Test", "task", StepStatus.SUCCESS, 3, "7 tests, 6 passed, 1 failed", Map.of("total", 7,
                        "passed", 6, "failed", 1, "skipped", 0, "flaky", 0, "coverage", 81.5,
                        "byKind", Map.of("unit", Map.of("total", 7, "passed", 6, "failed", 1)),
                        "failures", List.of(Map.of("test", "io.acme.CartTest.adds", "status", "FAILED",
                                "message", "expected <4> but was <5>", "file", "target/TEST-x.xml")))),
                step("Test/Notify: Test failed", "task", StepStatus.SKIPPED, 0, "not needed", Map.of()),
                step("Notify: Test", "task", StepStatus.SUCCESS, 0, "Notified console", Map.of()),
                step("Monitor", "recover", StepStatus.FAILURE, 12, "", Map.of()),
                step("Monitor/Monitor", "recover", StepStatus.FAILURE, 12, "", Map.of()),
                step("Monitor/Monitor/Monitor", "task", StepStatus.FAILURE, 10, "Verdict fail, score 0", watch),
                step("Monitor/Monitor/On failure of Monitor", "sequence", StepStatus.SUCCESS, 2, "", Map.of()),
                step("Monitor/Monitor/On failure of Monitor/Roll back Production", "task", StepStatus.SUCCESS, 2,
                        "Rolled back production to build-1", Map.of("environments", List.of(), "rolledBack", true)),
                step("Monitor/Notify: Monitor failed", "task", StepStatus.SUCCESS, 0, "Notified console",
                        Map.of()));
        return new WorkflowRun("build-test-deploy", StepStatus.FAILURE, START, Duration.ofSeconds(15), steps);
    }

    private static List<Message> rolledBackMessages() {
        BotContext context = BotContext.builder(Path.of(".")).clock(Clock.fixed(START.plusSeconds(5), ZoneOffset.UTC))
                .bus(MessageBus.builder().clock(Clock.fixed(START.plusSeconds(5), ZoneOffset.UTC)).build()).build();
        List<Message> messages = new ArrayList<>();
        messages.add(context.withStage("Deploy to Production").publish("DeployBot", new DeployCompleted("production",
                "build-2", 1.0, "blueGreen", ".lotabots/releases/production/build-2", null,
                "http://127.0.0.1:8082/")));
        messages.add(context.withStage("Monitor").publish("MonitorBot", new AlertTriggered("AvailabilityLow",
                "critical", "availability", 0.0, 0.95, "production")));
        messages.add(context.withStage("Monitor").publish("DeployBot", new DeployRolledBack("production", "build-2",
                "build-1", "monitor verdict fail")));
        messages.add(context.withStage("Monitor").publish("NotificationBot", new NotificationSent("slack",
                "#releases", "monitor.verdict", null)));
        return messages;
    }

    private RunSummary summary() {
        return RunSummary.of("Basic Build-Test-Deploy", ID, rolledBackRun(), rolledBackMessages(), dir);
    }

    @Test
    void shouldHeadlineARollbackWithTheCriterionThatFailedTheWatch() {
        RunSummary summary = summary();

        assertThat(summary.headline())
                .isEqualTo("Production rolled back to build-1 after the watch failed: availability 0 % < 95 %");
        assertThat(summary.status()).isEqualTo(StepStatus.FAILURE);
    }

    @Test
    void shouldShowOneBoxPerStageWithTheBotsSummaryAndTheFailurePathThatRan() {
        List<RunSummary.Stage> stages = summary().stages();

        assertThat(stages).extracting(RunSummary.Stage::name).containsExactly("Test", "Monitor");
        assertThat(stages.get(0).summary()).isEqualTo("7 tests, 6 passed, 1 failed");
        assertThat(stages.get(0).failurePath()).isEmpty();
        assertThat(stages.get(1).status()).isEqualTo(StepStatus.FAILURE);
        assertThat(stages.get(1).summary()).isEqualTo("Verdict fail, score 0");
        assertThat(stages.get(1).failurePath()).extracting(RunSummary.PathStep::name)
                .containsExactly("Roll back Production", "Notify: Monitor failed");
    }

    @Test
    void shouldRenderHeadlineStagesCardsChartAndTimelineReadably() {
        String html = RunReport.render(summary(), "run.json");

        assertThat(html).contains("<h1 class=\"headline\">Production rolled back to build-1 after the watch failed:"
                        + " availability 0 % &lt; 95 %</h1>")
                .contains("<li class=\"stage FAILURE\"><div class=\"name\">Monitor</div>")
                .contains("on failure: Roll back Production &mdash; SUCCESS: Rolled back production to build-1")
                // tests by kind with the failure listed, and a coverage bar
                .contains("<td class=\"\">io.acme.CartTest.adds</td>").contains("expected &lt;4&gt; but was &lt;5&gt;")
                .contains("line coverage: 81.5 %").contains("style=\"width:81.5%\"")
                // the deploy and the rollback per environment
                .contains("<td class=\"\">build-2 → build-1</td>").contains("http://127.0.0.1:8082/")
                // the watch: criteria, the problem it recorded, and the chart with limit and alert
                .contains("GET http://127.0.0.1:8082/health: connection refused")
                .contains("<figure class=\"chart\" data-metric=\"availability\">")
                .contains("data-points=\"3\"").contains("<line class=\"limit\"").contains("<line class=\"alert\"")
                .contains("limit 0.95")
                // the timeline with relative times, destinations and the full summary
                .contains("<td>+5s</td>").contains("slack → #releases")
                .contains("environment=production from_version=build-2 to_version=build-1 reason=monitor verdict fail")
                // self-contained: nothing is loaded from anywhere
                .doesNotContain("<script").doesNotContain("src=\"http").contains("default-src 'none'")
                .contains("prefers-color-scheme:dark").contains("@media print");
    }

    @Test
    void escapesEverythingThatComesFromBotsAndUsers() {
        WorkflowRun run = new WorkflowRun("x", StepStatus.FAILURE, START, Duration.ofSeconds(1),
                List.of(step("<b>Build", "task", StepStatus.FAILURE, 1, "<img src=x onerror=alert(1)>",
                        Map.of())));

        String html = RunReport.render(RunSummary.of("<script>alert(1)</script>", "id\"'", run, List.of(), dir),
                "r.json");

        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("id&quot;&#39;")
                .contains("&lt;b&gt;Build failed: &lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldWriteTheReportAndItsJsonTwinNamedByRun() throws Exception {
        Path file = dir.resolve(".lotabots/reports").resolve(RunReport.fileName("build-test-deploy", ID));

        RunReport.write(file, summary());

        assertThat(file).exists().hasFileName("build-test-deploy-20261125t101530z.html");
        assertThat(dir.resolve(".lotabots/reports")).isDirectoryNotContaining("glob:**.tmp");
        JsonNode json = new ObjectMapper().readTree(Files.readString(
                dir.resolve(".lotabots/reports/build-test-deploy-20261125t101530z.json"), StandardCharsets.UTF_8));
        assertThat(json.path("headline").asText()).startsWith("Production rolled back to build-1");
        assertThat(json.path("stages")).hasSize(2);
        assertThat(json.path("start").asText()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(json.path("charts").path(0).path("series").path(0)).hasSize(3);
    }

    @Test
    void shouldEndTheConsoleWithTheHeadlineAndTheStages() {
        StringWriter text = new StringWriter();

        RunReport.printConsole(summary(), new PrintWriter(text, true));

        assertThat(text.toString()).contains("FAILURE  Production rolled back to build-1 after the watch failed")
                .contains("[SUCCESS ] Test           3s  7 tests, 6 passed, 1 failed")
                .contains("[FAILURE ] Monitor       12s  Verdict fail, score 0")
                .contains("on failure: Roll back Production -> SUCCESS: Rolled back production to build-1");
    }

    @Test
    void shouldSayWhatShippedWhenEverythingPassed() {
        BotContext context = BotContext.builder(dir).bus(MessageBus.builder().build()).build();
        Message staging = context.withStage("Deploy to Staging").publish("DeployBot", new DeployCompleted("staging",
                "build-7", 1.0, "rolling", null, null, "http://127.0.0.1:8181/"));
        Message production = context.withStage("Deploy to Production").publish("DeployBot", new DeployCompleted(
                "production", "build-7", 1.0, "blueGreen", null, null, "http://127.0.0.1:8081/"));
        WorkflowRun run = new WorkflowRun("x", StepStatus.SUCCESS, START, Duration.ofSeconds(30), List.of(
                step("Monitor", "task", StepStatus.SUCCESS, 10, "Verdict pass", Map.of("verdict", "pass", "score",
                        100.0))));

        assertThat(RunSummary.of("t", ID, run, List.of(staging, production), dir).headline())
                .isEqualTo("build-7 deployed to staging and production; the watch passed (score 100)");
    }

    @Test
    void shouldShowTheTimelineOfAnIncidentTheRunTouched() {
        MessageBus bus = MessageBus.builder().clock(java.time.Clock.fixed(START, java.time.ZoneOffset.UTC))
                .correlationId(ID).build();
        BotContext context = BotContext.builder(dir).bus(bus).clock(java.time.Clock.fixed(START,
                java.time.ZoneOffset.UTC)).build();
        Message alert = context.publish("MonitorBot", new io.lotabots.message.AlertTriggered("HighErrorRate",
                "critical", "error_rate", 7.5, 5.0, "production"));
        io.lotabots.bot.incident.IncidentResult opened = new io.lotabots.bot.incident.IncidentBot().run(Map.of(
                "action", "open", "service", "web", "cause", alert.getId(), "by", "<b>monitor</b>"), context);
        WorkflowRun run = new WorkflowRun("incident-response", StepStatus.SUCCESS, START, Duration.ofSeconds(5),
                List.of(step("Open incident", "task", StepStatus.SUCCESS, 1, opened.getSummary(), Map.of())));

        RunSummary summary = RunSummary.of("Incident response", ID, run, bus.getPublished(), dir);
        String html = RunReport.render(summary, "report.json");

        assertThat(summary.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo("INC-1");
            assertThat(incident.timeline()).extracting(row -> row.offset() + " " + row.what())
                    .containsExactly("T+0 alert.triggered", "T+0 opened");
        });
        assertThat(html).contains("<h2 id=\"INC-1\">Incident INC-1: HighErrorRate on web (production)</h2>")
                .contains("<td>T+0</td><td>2026-11-25 10:15:30</td><td>&lt;b&gt;monitor&lt;/b&gt;</td><td>opened</td>")
                .doesNotContain("<b>monitor</b>");
    }
}
