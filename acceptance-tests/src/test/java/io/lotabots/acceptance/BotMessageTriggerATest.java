package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-build messages: a job subscribed with {@code triggers { onBotMessage(types: ['custom.ping']) }} starts when
 * another build publishes {@code custom.ping}, gets the message in {@code LOTABOTS_MESSAGE} and keeps its
 * correlation id.
 */
@RequiresJenkins
class BotMessageTriggerATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldStartTheSubscribedJobWithTheMessageAndItsCorrelationId() throws Exception {
        String target = JENKINS.pipeline("on-bot-message-target", "onBotMessage-target.Jenkinsfile", Map.of());
        BuildRun registering = JENKINS.registerTrigger(target);
        assertThat(registering.console().values()).containsEntry("started", "by-hand");
        String source = JENKINS.pipeline("on-bot-message-source", "onBotMessage-source.Jenkinsfile", Map.of());

        BuildRun ping = JENKINS.run(source, Map.of());

        assertThat(ping.result()).as("%s", ping).isEqualTo("SUCCESS");
        String correlationId = JENKINS.messages(ping).correlationIdOf("custom.ping");
        assertThat(correlationId).isEqualTo("jenkins/" + source + "/" + ping.number());
        BuildRun pong = JENKINS.nextFinished(target, registering.number());
        assertThat(pong.result()).as("%s", pong).isEqualTo("SUCCESS");
        assertThat(pong.console().values()).as("%s", pong).containsEntry("started", "by-message");
        assertThat(pong.console().values().get("message")).contains("custom.ping").contains(correlationId);
        BotMessagesView messages = JENKINS.messages(pong);
        assertThat(messages.correlationIdOf("custom.pong")).as("%s", messages).isEqualTo(correlationId);
    }
}
