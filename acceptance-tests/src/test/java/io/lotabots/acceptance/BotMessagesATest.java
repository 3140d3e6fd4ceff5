package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bus steps {@code botMessage} and {@code botMessages} in a real Pipeline, and the build's messages over the
 * REST API with and without a {@code tree}, and on the timeline page.
 */
@RequiresJenkins
class BotMessagesATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldPublishCustomMessagesAndReadThemBackInALaterStage() throws Exception {
        String job = JENKINS.pipeline("bot-messages", "botMessages.Jenkinsfile", Map.of());

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        Map<String, String> values = run.console().values();
        assertThat(values).as("%s", run)
                .containsEntry("count", "2")
                .containsEntry("firstType", "custom.hello")
                .containsEntry("firstStage", "Publish")
                .containsEntry("firstIdMatches", "true")
                .containsEntry("secondN", "2")
                .containsEntry("others", "0");
        assertThat(values.get("firstId")).isNotBlank();

        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.total()).as("%s", messages).isEqualTo(2);
        assertThat(messages.countsByType()).containsExactly(Map.entry("custom.hello", 2));
        assertThat(messages.stagesOf("custom.hello")).containsExactly("Publish", "Publish");
        assertThat(messages.messagesOfType("custom.hello").get(0).path("id").asText()).isEqualTo(values.get("firstId"));
        assertThat(messages.messagesOfType("custom.hello").get(0).path("data").path("note").asText())
                .isEqualTo("first");
        assertThat(messages.correlationIdOf("custom.hello")).isEqualTo("jenkins/" + job + "/" + run.number());
    }

    @Test
    void shouldAnswerOnlyTheFieldsATreeAsksFor() throws Exception {
        String job = JENKINS.pipeline("bot-messages-tree", "botMessages.Jenkinsfile", Map.of());
        BuildRun run = JENKINS.run(job, Map.of());
        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");

        BotMessagesView counts = JENKINS.client().botMessages(job, run.number(), "total,countsByType[*]");

        assertThat(counts.total()).as("%s", counts).isEqualTo(2);
        assertThat(counts.countsByType()).containsEntry("custom.hello", 2);
        assertThat(counts.hasMessages()).as("%s", counts).isFalse();
        assertThat(JENKINS.client().getText(JenkinsClient.job(job) + run.number() + "/lotabots/"))
                .as("the timeline page").contains("custom.hello").contains("Publish");
    }
}
