package io.lotabots.cli;

import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.StepStatus;
import io.lotabots.workflow.WorkflowRun;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {
    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");

    @TempDir
    Path dir;

    private static WorkflowRun run(final String summary) {
        StepRecord step = new StepRecord("Test", "task", StepStatus.UNSTABLE, START, Duration.ofSeconds(3), summary,
                List.of(), Map.of("coverage", 81.5, "gate", "minCoverage"), null);
        return new WorkflowRun("build-test-deploy", StepStatus.UNSTABLE, START, Duration.ofSeconds(5), List.of(step));
    }

    @Test
    void showsStepsResultsAndTheTimelineWithStages() {
        BotContext context = BotContext.builder(dir).bus(MessageBus.builder().build()).build();
        Message message = context.withStage("Test").publish("TestBot", new NotificationSent("console", null, null, null));

        String html = RunReport.render("Basic Build-Test-Deploy", "cli/app#20261125T101530Z", run("coverage 81.5% < 85%"),
                List.of(message));

        assertThat(html).contains("<h1>Basic Build-Test-Deploy</h1>")
                .contains("<strong class=\"UNSTABLE\">UNSTABLE</strong>")
                .contains("<td>coverage 81.5% &lt; 85%</td>")
                .contains("<tr><th>gate</th><td>minCoverage</td></tr>")
                .contains("<td>TestBot</td><td>notification.sent</td><td>-</td><td>Test</td>");
    }

    @Test
    void escapesEverythingThatComesFromBotsAndUsers() {
        String html = RunReport.render("<script>alert(1)</script>", "id\"'", run("<img src=x onerror=alert(1)>"), List.of());

        assertThat(html).doesNotContain("<script>").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("id&quot;&#39;");
    }

    @Test
    void writesTheReportUnderTheGivenPathAndNamesItByRun() {
        Path file = dir.resolve(".lotabots/reports").resolve(RunReport.fileName("build-test-deploy", "cli/app#20261125T101530Z"));

        RunReport.write(file, "Basic", "cli/app#20261125T101530Z", run("ok"), List.of());

        assertThat(file).exists().hasFileName("build-test-deploy-20261125t101530z.html");
        assertThat(dir.resolve(".lotabots/reports")).isDirectoryNotContaining("glob:**.tmp");
    }
}
