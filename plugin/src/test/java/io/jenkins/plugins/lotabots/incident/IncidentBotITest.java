package io.jenkins.plugins.lotabots.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.lotabots.CredentialsEnvironment;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import io.jenkins.plugins.lotabots.PagingOptionsStep;
import io.jenkins.plugins.lotabots.bus.RunJournal;
import io.jenkins.plugins.lotabots.notify.NotificationBotStep;
import io.lotabots.message.Message;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.FailureBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code incidentBot} step, its recorder and the incidents on the build page, in a real Jenkins.
 */
@WithJenkins
class IncidentBotITest {
    private static final String OPEN = "def r = incidentBot action: 'open', service: 'web', alertName: 'HighErrorRate',"
            + " alertSeverity: 'critical', environment: 'production'\n"
            + "echo \"id=${r.id} created=${r.created} status=${r.incidentStatus} severity=${r.severity}\"\n";

    @Test
    void shouldKeepThePagingOptionsItSharesWithNotificationBotInItsFormSnippetAndOptions(final JenkinsRule j)
            throws Exception {
        IncidentBotStep incident = new IncidentBotStep();
        incident.setAction("open");
        incident.setSmsTo(List.of("+41790000000"));
        NotificationBotStep notify = new NotificationBotStep();
        notify.setChannel(List.of("email"));
        for (PagingOptionsStep step : List.of(incident, notify)) {
            step.setTimeout("3s");
            step.setRetries(5);
            step.setRetryTime("1m");
            step.setSlackApiUrl("https://slack.example.com/api");
            step.setPagerdutyUrl("https://pagerduty.example.com");
            step.setSmtpHost("smtp.example.com");
            step.setSmtpPort(2525);
            step.setSmtpUser("lotabots");
            step.setSmtpTls("required");
            step.setEmailFrom("lotabots@example.com");
            step.setTwilioUrl("https://twilio.example.com");
            step.setSmsFrom("+15005550006");

            j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
            assertThat(Snippetizer.object2Groovy(step)).contains("timeout: '3s'", "retries: 5", "retryTime: '1m'",
                    "slackApiUrl: 'https://slack.example.com/api'", "pagerdutyUrl: 'https://pagerduty.example.com'",
                    "smtpHost: 'smtp.example.com'", "smtpPort: 2525", "smtpUser: 'lotabots'", "smtpTls: 'required'",
                    "emailFrom: 'lotabots@example.com'", "twilioUrl: 'https://twilio.example.com'",
                    "smsFrom: '+15005550006'");
            assertThat(step.options()).containsEntry("timeout", "3s").containsEntry("retries", 5)
                    .containsEntry("smtpPort", 2525).containsEntry("smsFrom", "+15005550006");
        }
        assertThat(incident.options()).hasSize(12 + 2);
        assertThat(notify.options()).hasSize(12 + 1);
        assertThat(Snippetizer.object2Groovy(incident)).startsWith("incidentBot ").contains("action: 'open'",
                "smsTo: ['+41790000000']");
        assertThat(Snippetizer.object2Groovy(notify)).startsWith("notificationBot ").contains("channel: ['email']");
    }

    @Test
    void shouldOpenAcknowledgeAndResolveAnIncidentInTheControllersStoreWithoutANode(final JenkinsRule j)
            throws Exception {
        WorkflowRun opened = run(j, "opener", OPEN, Result.SUCCESS);
        j.assertLogContains("id=INC-1 created=true status=triggered severity=P1", opened);
        assertThat(ControllerIncidents.storeFolder().resolve("INC-1.json")).exists();
        assertThat(types(opened)).contains("incident.created");

        WorkflowRun acknowledged = run(j, "acker", "def r = incidentBot action: 'acknowledge', id: 'INC-1', by: 'alice'\n"
                + "echo \"status=${r.incidentStatus} commander=${r.commander}\"\n", Result.SUCCESS);
        j.assertLogContains("status=acknowledged commander=alice", acknowledged);

        WorkflowRun resolved = run(j, "resolver", "def r = incidentBot action: 'resolve', id: 'INC-1',"
                + " summary: 'rolled back'\necho \"status=${r.incidentStatus}\"\n", Result.SUCCESS);
        j.assertLogContains("status=resolved", resolved);
        assertThat(types(resolved)).contains("incident.resolved");
    }

    @Test
    void shouldAddARepeatFromAnotherBuildToTheOpenIncident(final JenkinsRule j) throws Exception {
        WorkflowJob job = job(j, "alerts", "node {\n" + OPEN + "}\n");
        WorkflowRun first = j.assertBuildStatusSuccess(job.scheduleBuild2(0));
        WorkflowRun second = j.assertBuildStatusSuccess(job.scheduleBuild2(0));

        j.assertLogContains("id=INC-1 created=true", first);
        j.assertLogContains("id=INC-1 created=false", second);
        assertThat(ControllerIncidents.storeFolder().resolve("INC-2.json")).doesNotExist();
    }

    @Test
    void shouldFailWithAMessageNamingAnUnknownIncident(final JenkinsRule j) throws Exception {
        WorkflowRun failed = run(j, "unknown", "incidentBot action: 'resolve', id: 'INC-99'\n", Result.FAILURE);

        j.assertLogContains("INC-99", failed);
        j.assertLogNotContains("\tat ", failed);
    }

    @Test
    void shouldRefuseAStoreFolderOfItsOwn(final JenkinsRule j) throws Exception {
        WorkflowRun failed = run(j, "folder", "incidentBot action: 'list', storeFolder: 'mine'\n", Result.FAILURE);

        j.assertLogContains("storeFolder ('mine') is for the command line only", failed);
    }

    @Test
    void shouldShowTheTimelineOfTheIncidentsABuildTouchedOnItsLotaBotsPage(final JenkinsRule j) throws Exception {
        WorkflowRun opened = run(j, "page", OPEN + "incidentBot action: 'note', id: r.id, note: 'rolling back to 1.4.1'\n",
                Result.SUCCESS);

        JenkinsRule.WebClient web = j.createWebClient();
        HtmlPage page = web.getPage(opened, "lotabots/");
        String text = page.asNormalizedText();
        assertThat(text).contains("INC-1: HighErrorRate on web (production)").contains("T+0")
                .contains("rolling back to 1.4.1");
        assertThat(page.getElementById("lotabots-incident-INC-1")).isNotNull();
    }

    @Test
    void shouldOpenTheIncidentOfTheAlertThatStartedTheBuildThroughAReactionRule(final JenkinsRule j)
            throws Exception {
        WorkflowJob responder = job(j, "incident-response", "def r = incidentBot action: 'open', service: 'web'\n"
                + "echo \"id=${r.id} severity=${r.severity} title=${r.title}\"\n");
        io.jenkins.plugins.lotabots.bus.BotMessageTrigger trigger = new io.jenkins.plugins.lotabots.bus.BotMessageTrigger(
                List.of("alert.triggered"));
        trigger.setRules("rules:\n  - name: incident-after-deploy\n    on: alert.triggered\n"
                + "    when: {severity: critical}\n    after:\n"
                + "      - {type: deploy.completed, within: 30m, same: [environment]}\n"
                + "    run: {scenario: incident-response}\n");
        responder.addTrigger(trigger);
        WorkflowRun deploy = run(j, "build-test-deploy", "botMessage type: 'deploy.completed', source: 'DeployBot',"
                + " payload: [environment: 'eu-prod', version: '1.5.0', deployment_time: 30]\n"
                + "botMessage type: 'alert.triggered', source: 'MonitorBot', payload: [alert_name: 'HighErrorRate',"
                + " severity: 'critical', metric: 'error_rate', value: 7.5, threshold: 5, environment: 'eu-prod']\n",
                Result.SUCCESS);
        j.waitUntilNoActivity();

        WorkflowRun response = responder.getBuildByNumber(1);
        j.assertBuildStatusSuccess(response);
        j.assertLogContains("id=INC-1 severity=P1 title=HighErrorRate on web (eu-prod)", response);
        String alertId = RunJournal.of(deploy).read().get(1).getId();
        assertThat(Files.readString(ControllerIncidents.storeFolder().resolve("INC-1.json"))).contains(alertId);
        HtmlPage page = j.createWebClient().getPage(response, "lotabots/");
        assertThat(page.asNormalizedText()).contains("T+0").contains("deploy.completed")
                .contains("alert.triggered");
    }

    @Test
    void shouldWriteThePostmortemIntoTheWorkspace(final JenkinsRule j) throws Exception {
        WorkflowRun run = run(j, "pm", "node {\n" + OPEN
                + "def pm = incidentBot action: 'postmortem', id: r.id\n"
                + "echo \"path=${pm.postmortem}\"\necho readFile(pm.postmortem)\n}\n", Result.SUCCESS);

        j.assertLogContains("path=.lotabots/postmortems/INC-1.md", run);
        j.assertLogContains("## Timeline", run);
    }

    @Test
    void shouldOpenAnIncidentWhenAFreestyleBuildFailsAndNotWhenItPasses(final JenkinsRule j) throws Exception {
        FreeStyleProject passing = j.createFreeStyleProject("passing");
        passing.getPublishersList().add(new IncidentBotRecorder(null));
        FreeStyleBuild passed = j.buildAndAssertSuccess(passing);
        j.assertLogContains("no incident opened", passed);
        assertThat(ControllerIncidents.storeFolder().resolve("INC-1.json")).doesNotExist();

        FreeStyleProject failing = j.createFreeStyleProject("failing");
        failing.getBuildersList().add(new FailureBuilder());
        IncidentBotStep options = new IncidentBotStep();
        options.setEnvironment("ci");
        failing.getPublishersList().add(new IncidentBotRecorder(options));
        FreeStyleBuild failed = j.buildAndAssertStatus(Result.FAILURE, failing);
        FreeStyleBuild again = j.buildAndAssertStatus(Result.FAILURE, failing);

        String incident = Files.readString(ControllerIncidents.storeFolder().resolve("INC-1.json"));
        assertThat(incident).contains("\"service\" : \"failing\"").contains("failing #1 failed")
                .contains("\"environment\" : \"ci\"");
        assertThat(types(failed)).contains("incident.created");
        assertThat(types(again)).contains("incident.updated");
        assertThat(ControllerIncidents.storeFolder().resolve("INC-2.json")).doesNotExist();
    }

    @Test
    void shouldGiveIncidentBotItsPagingSecretsAndNoOtherBot(final JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "secondary", "", Secret.fromString("secondary-key")));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "twilio", "", "AC123", "twilio-token-1"));
        SystemCredentialsProvider.getInstance().save();
        LotaBotsConfiguration.get().setPagerDutySecondaryCredentialsId("secondary");
        LotaBotsConfiguration.get().setTwilioCredentialsId("twilio");
        WorkflowRun run = run(j, "secrets", "echo 'x'\n", Result.SUCCESS);

        Map<String, String> incident = CredentialsEnvironment.resolve(run, "incident", line -> { });
        Map<String, String> notify = CredentialsEnvironment.resolve(run, "notify", line -> { });

        assertThat(incident).containsEntry("PAGERDUTY_SECONDARY_ROUTING_KEY", "secondary-key")
                .containsEntry("TWILIO_ACCOUNT_SID", "AC123").containsEntry("TWILIO_AUTH_TOKEN", "twilio-token-1");
        assertThat(notify).doesNotContainKeys("PAGERDUTY_SECONDARY_ROUTING_KEY", "TWILIO_AUTH_TOKEN");
        assertThat(CredentialsEnvironment.secretNames()).contains("PAGERDUTY_SECONDARY_ROUTING_KEY",
                "TWILIO_AUTH_TOKEN");
    }

    private static WorkflowJob job(final JenkinsRule j, final String name, final String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static WorkflowRun run(final JenkinsRule j, final String name, final String script, final Result expected)
            throws Exception {
        return j.assertBuildStatus(expected, job(j, name, script).scheduleBuild2(0));
    }

    private static List<String> types(final hudson.model.Run<?, ?> run) {
        return RunJournal.of(run).read().stream().map(Message::getType).toList();
    }
}
