package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code securityBot} step in a real Pipeline: a clean workspace passes the gate; a workspace holding an AWS
 * key pair fails it, with the finding named and the key itself masked everywhere.
 */
@RequiresJenkins
class SecurityBotATest {
    // not AWS's documentation example (AKIAIOSFODNN7EXAMPLE), which SecurityBot reports as informational only
    private static final String KEY_ID = "AKIA" + "Q3EGRU7PLKX4" + "M2VB";
    private static final String SECRET_KEY = "Zk8pQ2rT5vX9bN3mL7c/" + "1hJ4dS6gA0eW2yU8iO5t";

    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldPassTheGateOnAWorkspaceWithoutSecrets() throws Exception {
        String job = JENKINS.pipeline("security-bot", "securityBot.Jenkinsfile", Map.of("PLANT_KEY", "false"));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("status", "SUCCESS")
                .containsEntry("secretsFound", "0")
                .containsEntry("gatePassed", "true");
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("security.scan_completed", 1);
        assertThat(messages.stagesOf("security.scan_completed")).containsExactly("Security Scan");
    }

    @Test
    void shouldFailTheGateOnAnAwsKeyAndNeverPrintTheKey() throws Exception {
        String job = JENKINS.pipeline("security-bot-key", "securityBot.Jenkinsfile", Map.of("PLANT_KEY", "true"));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("FAILURE");
        assertThat(run.console().linesOf("SecurityBot")).as("%s", run).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("aws.properties"));
        assertThat(run.console().text()).as("the key is masked").doesNotContain(KEY_ID).doesNotContain(SECRET_KEY);
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("security.scan_completed", 1);
        assertThat(messages.toString()).as("no secret in a message").doesNotContain(KEY_ID)
                .doesNotContain(SECRET_KEY);
        assertThat(messages.messagesOfType("security.scan_completed").get(0).path("data").path("status").asText())
                .isEqualTo("fail");
    }
}
