package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import hudson.model.ParametersAction;
import hudson.model.Result;
import hudson.model.StringParameterValue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BotMessagesITest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WorkflowJob pipeline(final JenkinsRule j, final String name, final String script) throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static JsonNode json(final JenkinsRule j, final String path) throws Exception {
        return JSON.readTree(j.getJSON(path).getContentAsString());
    }

    @Test
    void botMessageAndBotMessagesRoundTripWithStageAndRestApi(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "app", """
                stage('Release') {
                  def id = botMessage type: 'custom.release_ready', payload: [version: '1.2.0', approved: true]
                  def all = botMessages(type: 'custom.release_ready')
                  echo "count=${all.size()} same=${all[0].id == id} stage=${all[0].stage} version=${all[0].data.version}"
                }
                botMessage type: 'test.completed', source: 'TestBot', payload: [total_tests: 10, passed_tests: 9, failed_tests: 1, duration: 2.5]
                """);

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("count=1 same=true stage=Release version=1.2.0", run);
        BotMessagesAction action = run.getAction(BotMessagesAction.class);
        assertThat(action.getTotal()).isEqualTo(2);
        assertThat(action.getTestsTotal()).isEqualTo(10);

        JsonNode api = json(j, "job/app/1/lotabots/api/json");
        assertThat(api.get("_class").asText()).isEqualTo(BotMessagesAction.class.getName());
        assertThat(api.get("fileName").asText()).isEqualTo("messages.jsonl");
        assertThat(api.get("total").asInt()).isEqualTo(2);
        assertThat(api.get("countsByType").get("test.completed").asInt()).isEqualTo(1);
        assertThat(api.get("countsByBot").get("Pipeline").asInt()).isEqualTo(1);
        assertThat(api.get("lastMessageTime").asText()).endsWith("Z");
        JsonNode first = api.get("messages").get(0);
        assertThat(first.get("type").asText()).isEqualTo("custom.release_ready");
        assertThat(first.get("stage").asText()).isEqualTo("Release");
        assertThat(first.get("source").asText()).isEqualTo("Pipeline");
        assertThat(first.get("correlationId").asText()).isEqualTo("jenkins/app/1");
        assertThat(first.get("data").get("approved").asBoolean()).isTrue();
        assertThat(first.get("summary").asText()).contains("version=1.2.0");
        assertThat(api.get("messages").get(1).get("stage").isNull()).isTrue();

        JsonNode pruned = json(j, "job/app/1/lotabots/api/json?tree=total,countsByType");
        assertThat(pruned.has("messages")).isFalse();
        assertThat(pruned.get("total").asInt()).isEqualTo(2);
        assertThat(pruned.get("countsByType").get("custom.release_ready").asInt()).isEqualTo(1);
    }

    @Test
    void parallelBranchesEachRecordTheirOwnStage(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "par", """
                stage('Verify') {
                  parallel unit: {
                    stage('Unit') { botMessage type: 'custom.branch', payload: [name: 'unit'] }
                  }, lint: {
                    botMessage type: 'custom.branch', payload: [name: 'lint']
                  }
                }
                """);

        WorkflowRun run = j.buildAndAssertSuccess(job);

        List<io.lotabots.message.Message> messages = RunJournal.of(run).read();
        assertThat(messages).hasSize(2);
        for (io.lotabots.message.Message message : messages) {
            String name = message.getPayloadField("name").orElseThrow().asText();
            assertThat(message.getExtension("stage")).contains("unit".equals(name) ? "Unit" : "Verify");
        }
    }

    @Test
    void badMessageFailsTheBuildWithTheEnginesMessage(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "bad", """
                botMessage type: 'test.completed', payload: [passed_tests: 1, duration: 1.0]
                """);

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("Cannot publish the bot message", run);
        j.assertLogContains("total_tests", run);
        assertThat(run.getAction(BotMessagesAction.class)).isNull();

        WorkflowJob malformed = pipeline(j, "malformed", "botMessage type: 'Not A Type'");
        j.assertLogContains("lower-case words separated by dots", j.buildAndAssertStatus(Result.FAILURE, malformed));
    }

    @Test
    void timelinePageShowsAndFiltersMessages(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "timeline", """
                stage('Build') { botMessage type: 'custom.built', source: 'BuildBot', payload: [artifact: 'app.jar'] }
                stage('Test') { botMessage type: 'custom.tested', source: 'TestBot', payload: [passed: 3] }
                """);
        j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient web = j.createWebClient();

        String all = web.goTo("job/timeline/1/lotabots/", "text/html").getWebResponse().getContentAsString();
        String testOnly = web.goTo("job/timeline/1/lotabots/?bot=TestBot", "text/html").getWebResponse()
                .getContentAsString();

        assertThat(all).contains("custom.built").contains("custom.tested").contains("artifact=app.jar");
        assertThat(testOnly).contains("data-type=\"custom.tested\"").doesNotContain("data-type=\"custom.built\"");
    }

    @Test
    void tornLastLineIsSkippedAndCompleteMessagesSurvive(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "torn", "botMessage type: 'custom.one'\nbotMessage type: 'custom.two'");
        WorkflowRun run = j.buildAndAssertSuccess(job);
        File file = RunJournal.of(run).getFile();

        Files.writeString(file.toPath(), "{\"id\":\"x\",\"specversion\":\"1.0\",\"ti", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertThat(RunJournal.of(run).read()).extracting(io.lotabots.message.Message::getType)
                .containsExactly("custom.one", "custom.two");
        assertThat(json(j, "job/torn/1/lotabots/api/json").get("messages").size()).isEqualTo(2);
    }

    @Test
    void triggerStartsSubscribedJobWithMessageAndCorrelationId(final JenkinsRule j) throws Exception {
        WorkflowJob downstream = pipeline(j, "incident", """
                def id = botMessage type: 'custom.incident_opened', payload: [from: env.LOTABOTS_MESSAGE != null]
                """);
        BotMessageTrigger trigger = new BotMessageTrigger(List.of("custom.alert"));
        trigger.setFilter("payload.severity == 'critical'");
        downstream.addTrigger(trigger);
        WorkflowJob upstream = pipeline(j, "monitor", """
                botMessage type: 'custom.alert', source: 'MonitorBot', payload: [severity: 'low']
                botMessage type: 'custom.alert', source: 'MonitorBot', payload: [severity: 'critical']
                """);

        WorkflowRun up = j.buildAndAssertSuccess(upstream);
        j.waitUntilNoActivity();

        j.assertLogContains("starts incident", up);
        assertThat(downstream.getLastBuild()).isNotNull();
        assertThat(downstream.getLastBuild().getNumber()).isEqualTo(1);
        WorkflowRun down = downstream.getBuildByNumber(1);
        j.assertBuildStatusSuccess(down);
        BotMessageCause cause = down.getCause(BotMessageCause.class);
        assertThat(cause.getMessageType()).isEqualTo("custom.alert");
        assertThat(cause.getUpstreamProject()).isEqualTo("monitor");
        ParametersAction parameters = down.getAction(ParametersAction.class);
        String messageJson = ((StringParameterValue) parameters.getParameter(RunJournal.MESSAGE_PARAMETER)).getValue();
        assertThat(JSON.readTree(messageJson).get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(RunJournal.of(down).correlationId()).isEqualTo("jenkins/monitor/1");
        assertThat(RunJournal.of(down).read().get(0).getCorrelationId()).contains("jenkins/monitor/1");
    }

    @Test
    void jobDoesNotTriggerItselfOnItsOwnMessageType(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "loop", "botMessage type: 'custom.ping'");
        job.addTrigger(new BotMessageTrigger(List.of("custom.ping")));

        WorkflowRun run = j.buildAndAssertSuccess(job);
        j.waitUntilNoActivity();

        j.assertLogContains("Not starting loop again", run);
        assertThat(job.getLastBuild().getNumber()).isEqualTo(1);
    }

    @Test
    void payloadOfScriptObjectsIsRefusedWithoutCallingTheirGetters(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "objects", """
                botMessage type: 'custom.leak', payload: [build: currentBuild]
                """);

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("'payload.build' is a", run);
        j.assertLogContains("only text, numbers, booleans, lists and maps", run);
        j.assertLogNotContains("Exception", run);
        assertThat(run.getAction(BotMessagesAction.class)).isNull();
    }

    @Test
    void systemAuthenticationCountsAsAnonymousOnceJobsRunAsSomeone(final JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new org.jvnet.hudson.test.MockAuthorizationStrategy()
                .grant(jenkins.model.Jenkins.ADMINISTER).everywhere().to("admin"));
        jenkins.security.QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new org.jvnet.hudson.test.MockQueueItemAuthenticator());
        WorkflowJob downstream = pipeline(j, "secret-job", "echo 'started'");
        downstream.addTrigger(new BotMessageTrigger(List.of("custom.alert")));
        WorkflowJob upstream = pipeline(j, "anyone", "botMessage type: 'custom.alert'");

        WorkflowRun up = j.buildAndAssertSuccess(upstream);
        j.waitUntilNoActivity();

        assertThat(downstream.getLastBuild()).isNull();
        j.assertLogContains("anonymous", up);
    }
}
