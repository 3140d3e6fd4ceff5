package io.jenkins.plugins.lotabots;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * What a bot step does when the controller restarts while its bot runs: it cannot resume (its bot ran in the old
 * process), so it fails with a message that names the step and says how to retry, and the build ends.
 */
class BotStepsRestartITest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldFailAMonitorBotWatchCleanlyWhenTheControllerRestarts() throws Throwable {
        sessions.then(j -> {
            WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "watch");
            job.setDefinition(new CpsFlowDefinition("""
                    node {
                      monitorBot health: ['%slogin 200'], interval: '1s', duration: '10m'
                    }
                    """.formatted(j.getURL()), true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[MonitorBot] Running with", run);
        });
        sessions.then(j -> {
            WorkflowRun run = j.jenkins.getItemByFullName("watch", WorkflowJob.class).getBuildByNumber(1);
            j.waitForCompletion(run);

            j.assertBuildStatus(Result.FAILURE, run);
            j.assertLogContains(Messages.BotStep_ResumeNotSupported("monitorBot"), run);
            j.assertLogNotContains("\tat ", run);
        });
    }
}
