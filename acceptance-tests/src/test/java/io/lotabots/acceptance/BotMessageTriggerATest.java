package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
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
        BuildRun registering = JENKINS.run(target, Map.of());
        assertThat(registering.result()).as("the first build registers the trigger: %s", registering)
                .isEqualTo("SUCCESS");
        assertThat(registering.console().values()).containsEntry("started", "by-hand");
        String source = JENKINS.pipeline("on-bot-message-source", "onBotMessage-source.Jenkinsfile", Map.of());

        BuildRun ping = JENKINS.run(source, Map.of());

        assertThat(ping.result()).as("%s", ping).isEqualTo("SUCCESS");
        String correlationId = JENKINS.messages(ping).correlationIdOf("custom.ping");
        assertThat(correlationId).isEqualTo("jenkins/" + source + "/" + ping.number());
        BuildRun pong = JENKINS.finished(target, nextBuild(target, registering.number()));
        assertThat(pong.result()).as("%s", pong).isEqualTo("SUCCESS");
        assertThat(pong.console().values()).as("%s", pong).containsEntry("started", "by-message");
        assertThat(pong.console().values().get("message")).contains("custom.ping").contains(correlationId);
        BotMessagesView messages = JENKINS.messages(pong);
        assertThat(messages.correlationIdOf("custom.pong")).as("%s", messages).isEqualTo(correlationId);
    }

    /** Waits, within the build deadline, for the job to have a build after the given one. */
    private static int nextBuild(final String job, final int after) throws Exception {
        Duration deadline = JenkinsJobs.buildDeadline();
        Instant end = Instant.now().plus(deadline);
        int last = JENKINS.client().lastBuildNumber(job);
        while (last <= after) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(job + " did not start within " + deadline + " after custom.ping");
            }
            Thread.sleep(1000);
            last = JENKINS.client().lastBuildNumber(job);
        }
        return after + 1;
    }
}
