package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code testBot} step in a real Pipeline on JUnit and JaCoCo reports the Jenkinsfile writes: a passing run, a
 * coverage gate that makes the stage and the build UNSTABLE and lets the pipeline go on, and failed tests that fail
 * the build with the engine's message.
 */
@RequiresJenkins
class TestBotATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldPassWhenAllTestsPassAndCoverageMeetsTheGate() throws Exception {
        String job = JENKINS.pipeline("test-bot", "testBot.Jenkinsfile",
                Map.of("FAILED_TESTS", "0", "COVERED_LINES", "9", "MIN_COVERAGE", "80"));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("status", "SUCCESS")
                .containsEntry("total", "4")
                .containsEntry("passed", "4")
                .containsEntry("failed", "0")
                .containsEntry("after", "SUCCESS");
        assertThat(run.console().values().get("coverage")).startsWith("90");
        assertThat(run.console().linesOf("TestBot")).as("%s", run).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("4 tests"));
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("test.completed", 1);
        assertThat(messages.stagesOf("test.completed")).as("%s", messages).containsExactly("Test");
    }

    @Test
    void shouldMarkTheStageAndBuildUnstableWhenCoverageIsBelowMinCoverage() throws Exception {
        String job = JENKINS.pipeline("test-bot-unstable", "testBot.Jenkinsfile",
                Map.of("FAILED_TESTS", "0", "COVERED_LINES", "5", "MIN_COVERAGE", "80"));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("UNSTABLE");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("status", "UNSTABLE")
                .containsEntry("after", "UNSTABLE");
        assertThat(run.console().linesOf("TestBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).startsWith("[ERROR]").contains("minCoverage"));
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        if (JENKINS.client().hasActivePlugin("pipeline-stage-view")) {
            JsonNode stages = JENKINS.client().getJson(JenkinsClient.job(job) + run.number() + "/wfapi/describe")
                    .path("stages");
            assertThat(stages.findValues("name").stream().map(JsonNode::asText)).contains("Test");
            for (JsonNode stage : stages) {
                if ("Test".equals(stage.path("name").asText())) {
                    assertThat(stage.path("status").asText()).as("the Test stage in %s", stages)
                            .isEqualTo("UNSTABLE");
                }
            }
        }
    }

    @Test
    void shouldFailTheBuildWithTheGateMessageAndNoStackTraceWhenTestsFail() throws Exception {
        String job = JENKINS.pipeline("test-bot-failing", "testBot.Jenkinsfile",
                Map.of("FAILED_TESTS", "1", "COVERED_LINES", "9", "MIN_COVERAGE", "80"));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("FAILURE");
        assertThat(run.console().linesOf("TestBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains("maxFailures"));
        assertThat(run.console().values()).as("%s", run).doesNotContainKey("status").doesNotContainKey("after");
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        assertThat(JENKINS.messages(run).countsByType()).containsEntry("test.completed", 1);
    }
}
