package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code buildBot} step in a real Pipeline: the build command, the stored artifact, the returned map, the
 * console and the {@code build.completed} / {@code build.failed} messages of the build.
 */
@RequiresJenkins
class BuildBotATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldBuildStoreTheArtifactAndAnnounceBuildCompletedInTheBuildStage() throws Exception {
        String job = JENKINS.pipeline("build-bot", "buildBot.Jenkinsfile",
                Map.of("COMMAND", "sh -c \"mkdir -p out && cp src/app.txt out/app.txt\""));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("status", "SUCCESS")
                .containsEntry("buildId", "at-build-" + run.number())
                .containsEntry("artifactCount", "1")
                .containsEntry("branch", "main");
        assertThat(run.console().linesOf("BuildBot")).as("%s", run).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("at-build-" + run.number()));
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.className()).isEqualTo("io.jenkins.plugins.lotabots.bus.BotMessagesAction");
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("build.completed", 1);
        assertThat(messages.countsByBot()).as("%s", messages).containsEntry("BuildBot", 1);
        assertThat(messages.stagesOf("build.completed")).as("%s", messages).containsExactly("Build");
        assertThat(messages.correlationIdOf("build.completed")).isEqualTo("jenkins/" + job + "/" + run.number());
    }

    @Test
    void shouldFailTheBuildWithTheEngineMessageAndNoStackTraceWhenTheCommandFails() throws Exception {
        String job = JENKINS.pipeline("build-bot-failing", "buildBot.Jenkinsfile",
                Map.of("COMMAND", "sh -c \"echo compiling; exit 3\""));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("FAILURE");
        assertThat(run.console().text()).as("%s", run).contains("at-build-" + run.number() + " failed");
        assertThat(run.console().values()).as("the step threw: nothing after it ran").doesNotContainKey("status");
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        assertThat(JENKINS.messages(run).countsByType()).as("what was recorded before the failure stays")
                .containsEntry("build.failed", 1);
    }
}
