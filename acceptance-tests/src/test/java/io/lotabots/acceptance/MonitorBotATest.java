package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code monitorBot} step in a real Pipeline, watching a health check for a few seconds: an answering URL
 * passes, a closed port fails the verdict and the build, with the verdict recorded.
 */
@RequiresJenkins
class MonitorBotATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    /**
     * A URL the agent can reach that answers 200: LOTABOTS_AT_HEALTH_URL, or Jenkins' own {@code whoAmI}, which
     * answers everybody.
     */
    private static String healthyUrl() {
        String url = System.getenv("LOTABOTS_AT_HEALTH_URL");
        return url == null || url.isBlank()
                ? JENKINS.client().base().resolve("whoAmI/api/json") + " 200"
                : url.strip();
    }

    @Test
    void shouldPassTheVerdictWhenTheHealthCheckAnswers() throws Exception {
        String job = JENKINS.pipeline("monitor-bot", "monitorBot.Jenkinsfile", Map.of("HEALTH", healthyUrl()));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("status", "SUCCESS")
                .containsEntry("verdict", "pass");
        assertThat(Integer.parseInt(run.console().values().get("ticks"))).isGreaterThanOrEqualTo(2);
        assertThat(run.console().linesOf("MonitorBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).startsWith("Verdict pass"));
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("monitor.verdict", 1);
        assertThat(messages.stagesOf("monitor.verdict")).containsExactly("Monitor");
    }

    @Test
    void shouldFailTheBuildWhenTheHealthCheckNeverAnswers() throws Exception {
        String job = JENKINS.pipeline("monitor-bot-failing", "monitorBot.Jenkinsfile",
                Map.of("HEALTH", "http://127.0.0.1:9/health 200"));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("FAILURE");
        assertThat(run.console().linesOf("MonitorBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains("Verdict fail"));
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.messagesOfType("monitor.verdict")).as("%s", messages).hasSize(1)
                .allSatisfy(verdict -> assertThat(verdict.path("data").path("verdict").asText()).isEqualTo("fail"));
    }
}
