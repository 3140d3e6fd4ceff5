package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

    @Test
    void shouldRememberADeployOfAnotherJobForTheRulesAfterARestart() throws Throwable {
        sessions.then(j -> {
            WorkflowJob responder = j.jenkins.createProject(WorkflowJob.class, "incident-response");
            responder.setDefinition(new CpsFlowDefinition("echo 'responding'", true));
            BotMessageTrigger trigger = new BotMessageTrigger(List.of("alert.triggered"));
            trigger.setRules(BotMessageTriggerRulesITest.RULES);
            responder.addTrigger(trigger);
            responder.save();
            WorkflowJob deployer = j.jenkins.createProject(WorkflowJob.class, "deployer");
            deployer.setDefinition(new CpsFlowDefinition("botMessage type: 'deploy.completed', source: 'DeployBot',"
                    + " payload: [environment: 'production', version: '1.5.0', deployment_time: 30]", true));
            j.buildAndAssertSuccess(deployer);
        });
        sessions.then(j -> {
            WorkflowJob monitor = j.jenkins.createProject(WorkflowJob.class, "monitor");
            monitor.setDefinition(new CpsFlowDefinition("botMessage type: 'alert.triggered', source: 'MonitorBot',"
                    + " payload: [alert_name: 'HighErrorRate', severity: 'critical', metric: 'error_rate',"
                    + " value: 7.5, threshold: 5, environment: 'production']", true));

            WorkflowRun alert = j.buildAndAssertSuccess(monitor);
            j.waitUntilNoActivity();

            j.assertLogContains("starts incident-response (reaction rule incident-after-deploy)", alert);
            assertThat(j.jenkins.getItemByFullName("incident-response", WorkflowJob.class).getBuilds()).hasSize(1);
        });
    }
}
