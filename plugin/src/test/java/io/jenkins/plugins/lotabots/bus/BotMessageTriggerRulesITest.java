package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import io.lotabots.message.Message;
import io.lotabots.reaction.ReactionDecision;
import io.lotabots.reaction.ReactionRules;
import java.nio.file.Files;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The message trigger with reaction rules (docs/reactions.md) in a real Jenkins.
 */
@WithJenkins
class BotMessageTriggerRulesITest {
    /** The rule of the issue: a critical alert within 30 minutes of a deploy to the same environment. */
    static final String RULES = """
            rules:
              - name: incident-after-deploy
                on: alert.triggered
                when: {severity: critical}
                after:
                  - {type: deploy.completed, within: 30m, same: [environment]}
                run: {scenario: incident-response}
                throttle: {max: 1, per: 1h}
            """;
    private static final String DEPLOY = "botMessage type: 'deploy.completed', source: 'DeployBot', payload:"
            + " [environment: 'production', version: '1.5.0', deployment_time: 30]\n";

    private static String alert(final String severity, final String environment) {
        return "botMessage type: 'alert.triggered', source: 'MonitorBot', payload: [alert_name: 'HighErrorRate',"
                + " severity: '" + severity + "', metric: 'error_rate', value: 7.5, threshold: 5,"
                + " environment: '" + environment + "']\n";
    }

    private static WorkflowJob pipeline(final JenkinsRule j, final String name, final String script)
            throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static WorkflowJob subscriber(final JenkinsRule j, final String rules) throws Exception {
        WorkflowJob job = pipeline(j, "incident-response", "botMessage type: 'custom.responded', payload: [rule:"
                + " env.LOTABOTS_REACTION_RULE]\n");
        BotMessageTrigger trigger = new BotMessageTrigger(List.of("alert.triggered"));
        trigger.setRules(rules);
        job.addTrigger(trigger);
        return job;
    }

    @Test
    void shouldStartTheJobOnceForACriticalAlertAfterADeployToTheSameEnvironment(final JenkinsRule j)
            throws Exception {
        WorkflowJob responder = subscriber(j, RULES);
        WorkflowJob upstream = pipeline(j, "build-test-deploy", DEPLOY + alert("warning", "production")
                + alert("critical", "staging") + alert("critical", "production"));

        WorkflowRun up = j.buildAndAssertSuccess(upstream);
        j.waitUntilNoActivity();

        j.assertLogContains("starts incident-response (reaction rule incident-after-deploy)", up);
        assertThat(responder.getBuilds()).hasSize(1);
        WorkflowRun down = responder.getBuildByNumber(1);
        j.assertBuildStatusSuccess(down);
        ParametersAction parameters = down.getAction(ParametersAction.class);
        assertThat(((StringParameterValue) parameters.getParameter(BotMessageTrigger.RULE_PARAMETER)).getValue())
                .isEqualTo("incident-after-deploy");
        BotMessageCause cause = down.getCause(BotMessageCause.class);
        Message responded = RunJournal.of(down).read().get(0);
        assertThat(responded.getCausationId()).contains(cause.getMessageId());
        String ledger = Files.readString(responder.getRootDir().toPath().resolve(BotMessageTrigger.LEDGER_FILE));
        assertThat(ledger).contains("\"started\"").contains("\"finished\"").contains(cause.getMessageId());
    }

    @Test
    void shouldNotStartForAnAlertWithoutAnEarlierDeploy(final JenkinsRule j) throws Exception {
        WorkflowJob responder = subscriber(j, RULES);
        WorkflowJob upstream = pipeline(j, "monitor", alert("critical", "never-deployed"));

        j.buildAndAssertSuccess(upstream);
        j.waitUntilNoActivity();

        assertThat(responder.getBuilds()).isEmpty();
    }

    @Test
    void shouldThrottleARuleAndSaySoInThePublishingBuild(final JenkinsRule j) throws Exception {
        WorkflowJob responder = subscriber(j, RULES);
        WorkflowJob upstream = pipeline(j, "flapping", DEPLOY + alert("critical", "production")
                + alert("critical", "production"));

        WorkflowRun up = j.buildAndAssertSuccess(upstream);
        j.waitUntilNoActivity();

        assertThat(responder.getBuilds()).hasSize(1);
        j.assertLogContains("Not starting incident-response (reaction rule incident-after-deploy): throttled", up);
        String ledger = Files.readString(responder.getRootDir().toPath().resolve(BotMessageTrigger.LEDGER_FILE));
        assertThat(ledger).contains("\"throttled\"");
    }

    @Test
    void shouldDecideNothingTwiceForAMessageAndCutAMessageCausedByTheRulesOwnReaction(final JenkinsRule j)
            throws Exception {
        WorkflowJob responder = subscriber(j, RULES.replace("throttle: {max: 1, per: 1h}", ""));
        WorkflowJob upstream = pipeline(j, "source", DEPLOY + alert("critical", "production"));
        WorkflowRun up = j.buildAndAssertSuccess(upstream);
        j.waitUntilNoActivity();
        List<Message> messages = RunJournal.of(up).read();
        Message first = messages.get(1);
        ReactionRules rules = BotMessageTrigger.parseRules(RULES, List.of("alert.triggered"));

        List<ReactionDecision> again = BotMessageTrigger.decide(responder, up, first, rules);
        Message caused = first.toBuilder().id(java.util.UUID.randomUUID().toString()).causationId(first.getId())
                .build();
        List<ReactionDecision> loop = BotMessageTrigger.decide(responder, up, caused, rules);

        assertThat(again).isEmpty();
        assertThat(loop).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(ReactionDecision.Outcome.LOOP);
            assertThat(decision.reason()).contains("caused by this rule's own reaction");
        });
    }

    @Test
    void shouldRefuseRulesThatAreInvalidOrReactToATypeTheTriggerDoesNotListen(final JenkinsRule j) {
        BotMessageTrigger trigger = new BotMessageTrigger(List.of("alert.triggered"));

        assertThatThrownBy(() -> trigger.setRules(RULES.replace("severity: critical", "severty: critical")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of onBotMessage line 4")
                .hasMessageContaining("severty");
        assertThatThrownBy(() -> trigger.setRules("rules:\n  - {name: pager, on: deploy.failed, run: {bot: notify}}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reacts to deploy.failed, which is not one of the message types");
    }

    @Test
    void shouldKeepTheRulesThroughTheConfigurationForm(final JenkinsRule j) throws Exception {
        WorkflowJob responder = subscriber(j, RULES);

        j.configRoundtrip(responder);

        BotMessageTrigger trigger = responder.getTriggers().values().stream()
                .filter(BotMessageTrigger.class::isInstance).map(BotMessageTrigger.class::cast).findFirst()
                .orElseThrow();
        assertThat(trigger.getRules()).isEqualTo(RULES);
    }
}
