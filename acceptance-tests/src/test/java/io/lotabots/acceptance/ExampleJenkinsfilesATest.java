package io.lotabots.acceptance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two example Jenkinsfiles of {@code examples/jenkinsfiles/} run as they are on a copy of
 * {@code examples/sample-app}. The copy is made on this machine and the Pipeline's {@code agent any} is replaced by
 * a node whose custom workspace is that copy, so these tests need the Jenkins agent on this machine: a Jenkins at a
 * loopback address, or LOTABOTS_AT_LOCAL_AGENT=true. They also need Maven and access to Maven Central on the agent
 * (the sample app is built with Maven), and take as long as the scenario does.
 */
@RequiresJenkins
class ExampleJenkinsfilesATest {
    private static final List<String> BOTS = List.of("BuildBot", "TestBot", "SecurityBot", "DeployBot",
            "MonitorBot", "NotificationBot");
    private static final List<String> TYPES = List.of("build.completed", "test.completed",
            "security.scan_completed", "deploy.completed", "monitor.verdict", "notification.sent");

    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @RegisterExtension
    static final SampleAppWorkspaces WORKSPACES = new SampleAppWorkspaces(JENKINS);

    /**
     * Stops the services an example deployed, after each example: the directory target keeps them running after the
     * build, on the example's fixed ports, and the next example must find those ports free.
     */
    @AfterEach
    void stopTheServicesOfThisExample() throws InterruptedException {
        WORKSPACES.stopServices();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"build-test-deploy.Jenkinsfile", "build-test-deploy-steps.Jenkinsfile"})
    void shouldRunTheExampleOnTheSampleAppThroughAllBots(final String example) throws Exception {
        Path repository = SampleAppWorkspaces.repositoryRoot();
        Path workspace = SampleAppWorkspaces.copySampleApp(WORKSPACES.work().resolve(example.replace(".Jenkinsfile", "")));
        String jenkinsfile = SampleAppWorkspaces.inWorkspace(
                Files.readString(repository.resolve("examples/jenkinsfiles").resolve(example), StandardCharsets.UTF_8),
                workspace);
        String job = JENKINS.pipelineScript("example-" + example.replace(".Jenkinsfile", ""), jenkinsfile);

        int number = JENKINS.client().build(job, Map.of(), JenkinsJobs.buildDeadline());
        String result = JENKINS.client().waitForResult(job, number,
                SampleAppWorkspaces.scenarioDeadline());
        BuildRun run = new BuildRun(job, number, result, JENKINS.client().consoleText(job, number));

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        for (String bot : BOTS) {
            assertThat(run.console().linesOf(bot)).as("lines of %s in %s", bot, run).isNotEmpty();
        }
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsKeys(TYPES.toArray(String[]::new));
        assertThat(messages.stagesOf("build.completed")).as("%s", messages).doesNotContain("");
    }
}
