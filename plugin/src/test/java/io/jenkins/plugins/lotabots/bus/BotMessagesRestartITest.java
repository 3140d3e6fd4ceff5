package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class BotMessagesRestartITest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void actionAndMessagesSurviveRestart() throws Throwable {
        sessions.then(j -> {
            WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "kept");
            job.setDefinition(new CpsFlowDefinition(
                    "stage('S') { botMessage type: 'custom.kept', payload: [n: 1] }", true));
            j.buildAndAssertSuccess(job);
        });
        sessions.then(j -> {
            WorkflowRun run = j.jenkins.getItemByFullName("kept", WorkflowJob.class).getBuildByNumber(1);
            BotMessagesAction action = run.getAction(BotMessagesAction.class);
            assertThat(action.getTotal()).isEqualTo(1);
            assertThat(action.getCountsByType()).containsEntry("custom.kept", 1);
            assertThat(action.getMessages()).singleElement()
                    .satisfies(view -> assertThat(view.getStage()).isEqualTo("S"));
        });
    }
}
