package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.lotabots.build.BuildBotStep;
import io.jenkins.plugins.lotabots.bus.RunJournal;
import io.jenkins.plugins.lotabots.deploy.DeployBotStep;
import io.jenkins.plugins.lotabots.monitor.MonitorBotStep;
import io.jenkins.plugins.lotabots.notify.NotificationBotRecorder;
import io.jenkins.plugins.lotabots.notify.NotificationBotStep;
import io.jenkins.plugins.lotabots.security.SecurityBotRecorder;
import io.jenkins.plugins.lotabots.security.SecurityBotStep;
import io.jenkins.plugins.lotabots.test.TestBotRecorder;
import io.jenkins.plugins.lotabots.test.TestBotStep;
import io.lotabots.bot.BotRegistry;
import io.lotabots.message.Message;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The bot steps and recorders in a real Jenkins: forms, Pipeline and freestyle runs, results and console.
 */
@WithJenkins
class BotStepsITest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String PASSING = "<testsuite name='demo.AppTest' tests='2' failures='0' errors='0' skipped='0'>"
            + "<testcase classname='demo.AppTest' name='a' time='0.1'/>"
            + "<testcase classname='demo.AppTest' name='b' time='0.2'/></testsuite>";
    static final String FAILING = "<testsuite name='demo.AppTest' tests='2' failures='1' errors='0' skipped='0'>"
            + "<testcase classname='demo.AppTest' name='a' time='0.1'/>"
            + "<testcase classname='demo.AppTest' name='b' time='0.2'><failure message='boom'>trace</failure>"
            + "</testcase></testsuite>";

    @Test
    void shouldNameEveryStepAfterItsEngineBot(final JenkinsRule j) {
        for (String id : List.of("build", "test", "security", "deploy", "monitor", "notify")) {
            String functionName = BotRegistry.standard().get(id).getDescriptor().getFunctionName();
            StepDescriptor descriptor = StepDescriptor.byFunctionName(functionName);
            assertThat(descriptor).as(functionName).isInstanceOf(BotStep.BotStepDescriptor.class);
            assertThat(((BotStep.BotStepDescriptor) descriptor).getBotId()).isEqualTo(id);
        }
    }

    /**
     * A checkbox always submits true or false, so the steps here set their booleans; MonitorBot has none, so an
     * empty MonitorBot step shows that empty texts, numbers, choices and lists stay "not given".
     */
    @Test
    void shouldKeepEveryKindOfOptionThroughTheConfigurationForm(final JenkinsRule j) throws Exception {
        TestBotStep test = new TestBotStep();
        test.setJunit(List.of("a/*.xml", "b/*.xml"));
        test.setMinCoverage(80.5);
        test.setMaxFailures(2);
        test.setAllowEmpty(true);
        test.setCoverageCriticality("FAILURE");
        BuildBotStep build = new BuildBotStep();
        build.setCommand("mvn -B verify");
        build.setTimeout("45m");
        build.setPriority("critical");
        build.setRequireArtifacts(false);
        SecurityBotStep security = new SecurityBotStep();
        security.setFailOn("medium");
        security.setSbom(List.of("target/bom.json"));
        security.setResolveMaven(false);
        security.setNewOnly(true);
        DeployBotStep deploy = new DeployBotStep();
        deploy.setEnvironment("staging");
        deploy.setSmoke(List.of("/health 200 ~UP"));
        deploy.setReplicas(3);
        deploy.setStrategy("blueGreen");
        deploy.setApprove(false);
        deploy.setRollback(false);
        MonitorBotStep monitor = new MonitorBotStep();
        monitor.setCriterion(List.of("error_rate < 5%", "max(latency_p99) < 300ms weight=2 key"));
        monitor.setPassScore(92.5);
        monitor.setDuration("10m");
        NotificationBotStep notify = new NotificationBotStep();
        notify.setChannel(List.of("console", "file"));
        notify.setFailOnError(true);
        notify.setRetries(5);

        for (Step step : List.<Step>of(test, build, security, deploy, monitor, notify, new MonitorBotStep())) {
            j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        }
    }

    @Test
    void shouldKeepTheRecordersOptionsThroughTheConfigurationForm(final JenkinsRule j) throws Exception {
        TestBotStep testOptions = new TestBotStep();
        testOptions.setJunit(List.of("**/TEST-*.xml"));
        testOptions.setMaxFailures(1);
        testOptions.setAllowEmpty(false);
        TestBotRecorder test = new TestBotRecorder(testOptions);
        SecurityBotStep securityOptions = new SecurityBotStep();
        securityOptions.setFailOn("critical");
        securityOptions.setResolveMaven(true);
        securityOptions.setNewOnly(false);
        SecurityBotRecorder security = new SecurityBotRecorder(securityOptions);
        NotificationBotStep notifyOptions = new NotificationBotStep();
        notifyOptions.setChannel(List.of("console"));
        notifyOptions.setFailOnError(false);
        NotificationBotRecorder notify = new NotificationBotRecorder(notifyOptions);

        j.assertEqualDataBoundBeans(test, j.configRoundtrip(test));
        j.assertEqualDataBoundBeans(security, j.configRoundtrip(security));
        j.assertEqualDataBoundBeans(notify, j.configRoundtrip(notify));
    }

    @Test
    void shouldReturnTheResultAsAMapAndPrintTheBotsLogWithItsPrefix(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                node {
                  writeFile file: 'reports/TEST-demo.xml', text: "%s"
                  stage('Test') {
                    def r = testBot junit: ['reports/*.xml']
                    echo "status=${r.status} total=${r.total} passed=${r.passed} summary=${r.summary}"
                  }
                }
                """.formatted(PASSING));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("[TestBot] " + Messages.ConsoleLog_Start("junit=[reports/*.xml]"), run);
        j.assertLogContains("[TestBot] Reading 1 test report", run);
        j.assertLogContains("status=SUCCESS total=2 passed=2 summary=2 tests, 2 passed, 0 failed", run);
        List<Message> messages = RunJournal.of(run).read();
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.getType()).isEqualTo("test.completed");
            assertThat(message.getExtension("stage")).contains("Test");
            assertThat(message.getCorrelationId()).contains(RunJournal.of(run).correlationId());
        });
    }

    @Test
    void shouldTurnTheStageAndBuildYellowWhenTheBotIsUnstable(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                node {
                  writeFile file: 'reports/TEST-demo.xml', text: "%s"
                  stage('Test') {
                    def r = testBot junit: ['reports/*.xml'], failureCriticality: 'UNSTABLE'
                    echo "after the step: ${r.status}"
                  }
                }
                """.formatted(FAILING));

        WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job);

        j.assertLogContains("[TestBot] [ERROR] Gate maxFailures failed", run);
        j.assertLogContains("after the step: UNSTABLE", run);
        List<FlowNode> warned = new DepthFirstScanner().allNodes(run.getExecution()).stream()
                .filter(node -> node.getAction(WarningAction.class) != null).toList();
        assertThat(warned).singleElement().satisfies(node -> {
            assertThat(node.getDisplayFunctionName()).startsWith("testBot (TestBot: 2 tests");
            assertThat(node.getAction(org.jenkinsci.plugins.workflow.actions.LabelAction.class).getDisplayName())
                    .startsWith("TestBot: 2 tests").contains("UNSTABLE");
            assertThat(node.getAction(WarningAction.class).getResult()).isEqualTo(Result.UNSTABLE);
            assertThat(node.getAction(WarningAction.class).getMessage()).startsWith("TestBot is unstable: ");
        });
    }

    @Test
    void shouldFailWithTheEnginesSummaryAndNoStackTrace(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                node {
                  writeFile file: 'reports/TEST-demo.xml', text: "%s"
                  testBot junit: ['reports/*.xml']
                  echo 'not reached'
                }
                """.formatted(FAILING));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("ERROR: " + Messages.BotStepRunner_Failed("TestBot",
                "2 tests, 1 passed, 1 failed, 0 skipped; FAILURE (maxFailures)"), run);
        j.assertLogNotContains("not reached", run);
        j.assertLogNotContains("\tat ", run);
        assertThat(RunJournal.of(run).read()).extracting(Message::getType).containsExactly("test.completed");
    }

    @Test
    void shouldAbortWithTheEnginesMessageOnABadOption(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                node {
                  testBot failureCriticality: 'BOGUS'
                }
                """);

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("ERROR: " + Messages.BotStepRunner_InputError("TestBot",
                "Option 'failureCriticality' of TestBot expected one of UNSTABLE, FAILURE, was 'BOGUS'"), run);
        j.assertLogNotContains("LotaBotsException", run);
        j.assertLogNotContains("\tat ", run);
    }

    @Test
    void shouldLetALaterBotReadTheMessagesOfAnEarlierOne(final JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, """
                node {
                  writeFile file: 'reports/TEST-demo.xml', text: "%s"
                  stage('Test') {
                    testBot junit: ['reports/*.xml']
                  }
                  stage('Notify') {
                    def n = notificationBot channel: ['console'], messageType: 'test.completed'
                    echo "sent=${n.sent}"
                  }
                }
                """.formatted(PASSING));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("[NotificationBot] console: delivered notification to console", run);
        j.assertLogContains("sent=1", run);
        assertThat(RunJournal.of(run).read()).extracting(Message::getType)
                .containsExactly("test.completed", "notification.sent");
        assertThat(RunJournal.of(run).read().get(1).getExtension("stage")).contains("Notify");
    }

    @Test
    void shouldLetAJobThatDidNotDeployWatchWhatAnotherJobOfItsFolderDeployed(final JenkinsRule j) throws Exception {
        WorkflowJob delivery = pipeline(j, "node { botMessage type: 'deploy.completed', source: 'DeployBot', payload:"
                + " [environment: 'production', version: '1.5.0', deployment_time: 30, url: '" + j.getURL() + "'] }\n");
        j.buildAndAssertSuccess(delivery);
        WorkflowJob otherApplication = j.createFolder("other-application").createProject(WorkflowJob.class,
                "delivery");
        otherApplication.setDefinition(new CpsFlowDefinition("node { botMessage type: 'deploy.completed', source:"
                + " 'DeployBot', payload: [environment: 'production', version: '9.9.9', deployment_time: 30,"
                + " url: 'http://127.0.0.1:9/'] }", true));
        j.buildAndAssertSuccess(otherApplication);
        WorkflowJob watch = pipeline(j, """
                node {
                  def m = monitorBot environment: 'production', healthPath: '/login', duration: '0s'
                  echo "verdict=${m.verdict}"
                }
                """);

        WorkflowRun run = j.buildAndAssertSuccess(watch);

        j.assertLogContains("Watching the health of 1.5.0 in production at " + j.getURL() + "login, from its"
                + " deploy.completed", run);
        j.assertLogContains("verdict=pass", run);
        assertThat(RunJournal.of(run).read()).extracting(Message::getType).as("the delivery's messages are read,"
                + " not copied into this build").doesNotContain("deploy.completed").contains("monitor.verdict");

        String name = delivery.getFullName();
        delivery.delete();
        j.jenkins.createProject(WorkflowJob.class, name);
        WorkflowRun afterDelete = j.buildAndAssertSuccess(watch);
        // the deleted job's deployments are forgotten, not given to a new job of its name
        j.assertLogNotContains("Watching the health of 1.5.0", afterDelete);
    }

    @Test
    void shouldRunTheTestBotRecorderOnAFreestyleJob(final JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new ReportWriter(FAILING));
        TestBotStep options = new TestBotStep();
        options.setJunit(List.of("reports/*.xml"));
        options.setFailureCriticality("UNSTABLE");
        project.getPublishersList().add(new TestBotRecorder(options));

        FreeStyleBuild build = j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0).get());

        j.assertLogContains("[TestBot] " + Messages.ConsoleLog_Start("junit=[reports/*.xml], failureCriticality=UNSTABLE"),
                build);
        j.assertLogContains("[TestBot] [ERROR] Gate maxFailures failed", build);
        assertThat(RunJournal.of(build).read()).extracting(Message::getType).containsExactly("test.completed");
    }

    @Test
    void shouldFailTheFreestyleBuildWhenTheRecordersBotFails(final JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new ReportWriter(FAILING));
        TestBotStep options = new TestBotStep();
        options.setJunit(List.of("reports/*.xml"));
        project.getPublishersList().add(new TestBotRecorder(options));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0).get());

        j.assertLogContains(Messages.BotStepRunner_Failed("TestBot",
                "2 tests, 1 passed, 1 failed, 0 skipped; FAILURE (maxFailures)"), build);
        j.assertLogNotContains("\tat ", build);
    }

    private static WorkflowJob pipeline(final JenkinsRule j, final String script) throws Exception {
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "p" + COUNTER.incrementAndGet());
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /**
     * Writes a JUnit report into the freestyle workspace, as a test run would.
     */
    private static final class ReportWriter extends TestBuilder {
        private final String xml;

        ReportWriter(final String xml) {
            this.xml = xml;
        }

        @Override
        public boolean perform(final AbstractBuild<?, ?> build, final Launcher launcher, final BuildListener listener)
                throws InterruptedException, IOException {
            FilePath workspace = build.getWorkspace();
            assertThat(workspace).isNotNull();
            workspace.child("reports/TEST-demo.xml").write(xml, "UTF-8");
            return true;
        }
    }
}
