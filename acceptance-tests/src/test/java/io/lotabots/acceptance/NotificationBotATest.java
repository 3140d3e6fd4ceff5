package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code notificationBot} step in a real Pipeline, on the two channels that need no service: the console and a
 * file in the workspace.
 */
@RequiresJenkins
class NotificationBotATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldNotifyTheConsoleAndTheFileAndRecordEachDelivery() throws Exception {
        String job = JENKINS.pipeline("notification-bot", "notificationBot.Jenkinsfile", Map.of());

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().values()).as("%s", run)
                .containsEntry("sent", "2")
                .containsEntry("failed", "0")
                .containsEntry("fileWritten", "true");
        assertThat(run.console().linesOf("NotificationBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).startsWith("console: delivered"));
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("custom.ready", 1)
                .containsKey("notification.sent");
        assertThat(messages.stagesOf("notification.sent")).as("%s", messages).isNotEmpty().containsOnly("Notify");
    }
}
