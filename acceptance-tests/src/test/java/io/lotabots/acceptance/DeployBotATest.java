package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code deployBot} step in a real Pipeline with the directory target: a one-file Java service deployed
 * blue-green into release folders of the workspace, healthy and smoke-tested before the switch.
 */
@RequiresJenkins
class DeployBotATest {
    /** Ports of the two slots on the agent; free ones unless LOTABOTS_AT_DEPLOY_PORTS (BLUE,GREEN) says others. */
    private static final String[] PORTS = System.getenv().getOrDefault("LOTABOTS_AT_DEPLOY_PORTS", "18481,18482")
            .split(",");

    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldDeployBlueGreenIntoReleaseFoldersAndAnnounceDeployCompleted() throws Exception {
        String job = JENKINS.pipeline("deploy-bot", "deployBot.Jenkinsfile",
                Map.of("BLUE_PORT", PORTS[0].strip(), "GREEN_PORT", PORTS[1].strip()));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("status", "SUCCESS")
                .containsEntry("environment", "staging")
                .containsEntry("version", "1.0." + run.number())
                .containsEntry("deployed", "true")
                .containsEntry("target", "directory");
        assertThat(run.console().values().get("url")).startsWith("http://127.0.0.1:");
        assertThat(run.console().linesOf("DeployBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains("healthy"));
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages)
                .containsEntry("deploy.started", 1)
                .containsEntry("deploy.completed", 1);
        assertThat(messages.stagesOf("deploy.completed")).containsExactly("Deploy");
    }
}
