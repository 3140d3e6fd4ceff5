package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotabots.bus.MessageBus;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.TestMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The controller's memory of recent bot messages at its bound.
 */
@WithJenkins
class RecentBotMessagesITest {
    @Test
    void shouldDropTheOldestOfTheMostFrequentTypeSoThatAFloodKeepsTheRareDeploys(final JenkinsRule j)
            throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "delivery");
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        MessageBus bus = MessageBus.builder().build();
        Message deploy = bus.publish("DeployBot", TestMessages.deployCompleted());
        List<Message> flood = new ArrayList<>();
        for (int i = 0; i < RecentBotMessages.LIMIT + 5; i++) {
            flood.add(bus.publish("NotificationBot", TestMessages.notificationSent()));
        }
        RecentBotMessages recent = RecentBotMessages.get();

        recent.remember(run, List.of(deploy));
        recent.remember(run, flood);

        Duration week = Duration.ofDays(7);
        Instant now = Instant.now();
        assertThat(recent.within(Map.of(DeployCompleted.TYPE, week), now)).containsExactly(deploy);
        List<Message> notifications = recent.within(Map.of(NotificationSent.TYPE, week), now);
        assertThat(notifications).as("the bound holds, the oldest of the flood went first")
                .hasSize(RecentBotMessages.LIMIT - 1)
                .containsExactlyElementsOf(flood.subList(flood.size() - (RecentBotMessages.LIMIT - 1), flood.size()));
    }
}
