package io.lotabots.workflow;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.ApprovalDenied;
import io.lotabots.message.ApprovalGranted;
import io.lotabots.message.ApprovalOverridden;
import io.lotabots.message.ApprovalRequested;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.RunAborted;
import io.lotabots.process.LocalProcessRunner;
import io.lotabots.process.ProcessOutcome;
import io.lotabots.process.ProcessSpec;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecretMasker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkflowRunnerTest {
    private static final String SECRET = "hunter2-secret";

    private final MessageBus bus = MessageBus.builder().build();
    private final SecretMasker masker = new SecretMasker();
    private final EngineLog log = new EngineLog("Errors:");
    private final List<String> ran = new CopyOnWriteArrayList<>();
    @TempDir
    private Path workspace;

    private WorkflowRunner.Builder runner() {
        BotContext context = BotContext.builder(workspace).bus(bus).masker(masker).log(log).build();
        return WorkflowRunner.builder(context);
    }

    private WorkflowRun run(final Step... steps) {
        return runner().build().run(Workflow.of("test-flow", "A workflow under test.", steps));
    }

    private Step.Task passing(final String name) {
        return Step.task(name, stepContext -> {
            ran.add(name);
            return StepOutcome.success(name + " passed");
        });
    }

    private Step.Task failing(final String name) {
        return Step.task(name, stepContext -> {
            ran.add(name);
            return StepOutcome.failure(name + " broke");
        });
    }

    private Step.Task unstable(final String name) {
        return Step.task(name, stepContext -> {
            ran.add(name);
            return new StepOutcome(StepStatus.UNSTABLE, name + " has warnings", List.of(), Map.of());
        });
    }

    private static StepRecord record(final WorkflowRun run, final String path) {
        return run.steps().stream().filter(step -> step.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + path + " in " + run.steps()));
    }

    private static StepStatus status(final WorkflowRun run, final String path) {
        return record(run, path).status();
    }

    private List<String> publishedTypes() {
        return bus.getPublished().stream().map(Message::getType).toList();
    }

    @Test
    void shouldRunSequenceInOrder() {
        WorkflowRun run = run(passing("Build"), passing("Test"), passing("Package"));

        assertThat(ran).containsExactly("Build", "Test", "Package");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(run.workflow()).isEqualTo("test-flow");
        assertThat(run.steps()).extracting(StepRecord::path).containsExactly("Build", "Test", "Package");
        assertThat(run.steps()).extracting(StepRecord::kind).containsOnly("task");
        assertThat(run.steps()).extracting(StepRecord::status).containsOnly(StepStatus.SUCCESS);
        assertThat(record(run, "Test").summary()).isEqualTo("Test passed");
        assertThat(record(run, "Test").error()).isNull();
    }

    @Test
    void shouldStopSequenceAfterFailedTask() {
        WorkflowRun run = run(passing("Build"), failing("Test"), passing("Deploy"),
                Step.sequence("Notify", passing("Slack"), passing("Mail")));

        assertThat(ran).containsExactly("Build", "Test");
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(status(run, "Build")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Test")).isEqualTo(StepStatus.FAILURE);
        assertThat(record(run, "Test").error()).isEqualTo("Test broke");
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(status(run, "Notify")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(status(run, "Notify/Slack")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(status(run, "Notify/Mail")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(record(run, "Deploy").summary()).contains("not run");
        assertThat(run.steps()).extracting(StepRecord::path)
                .containsExactly("Build", "Test", "Deploy", "Notify", "Notify/Slack", "Notify/Mail");
    }

    @Test
    void shouldGoOnAfterUnstableTaskAndEndUnstable() {
        WorkflowRun run = run(passing("Build"), unstable("Lint"), passing("Deploy"));

        assertThat(ran).containsExactly("Build", "Lint", "Deploy");
        assertThat(run.status()).isEqualTo(StepStatus.UNSTABLE);
        assertThat(status(run, "Lint")).isEqualTo(StepStatus.UNSTABLE);
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldRunParallelBranchesConcurrentlyAndWaitForAll() {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        Step.Task unit = Step.task("Unit", stepContext -> {
            bothInside.await(10, TimeUnit.SECONDS);
            Thread.sleep(200);
            ran.add("Unit");
            return StepOutcome.success("unit passed");
        });
        Step.Task security = Step.task("Security", stepContext -> {
            bothInside.await(10, TimeUnit.SECONDS);
            ran.add("Security");
            return new StepOutcome(StepStatus.UNSTABLE, "2 medium findings", List.of(), Map.of());
        });
        Step.Task after = Step.task("Package", stepContext -> {
            ran.add("Package");
            return StepOutcome.success(String.valueOf(stepContext.getState().step("Unit").isPresent()
                    && stepContext.getState().step("Security").isPresent()));
        });

        WorkflowRun run = run(Step.parallel("Checks", unit, security), after);

        assertThat(status(run, "Checks/Unit")).as("both branches met at the barrier").isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Checks/Security")).isEqualTo(StepStatus.UNSTABLE);
        assertThat(status(run, "Checks")).isEqualTo(StepStatus.UNSTABLE);
        assertThat(record(run, "Checks").kind()).isEqualTo("parallel");
        assertThat(ran).containsExactlyInAnyOrder("Unit", "Security", "Package").endsWith("Package");
        assertThat(record(run, "Package").summary()).as("both branches had finished").isEqualTo("true");
        assertThat(run.status()).isEqualTo(StepStatus.UNSTABLE);
        assertThat(run.steps()).extracting(StepRecord::path)
                .containsExactly("Checks", "Checks/Unit", "Checks/Security", "Package");
    }

    @Test
    void shouldWaitForSlowBranchWhenOtherFailsAndEndWithWorstStatus() {
        Step.Task slow = Step.task("Slow", stepContext -> {
            Thread.sleep(300);
            ran.add("Slow");
            return new StepOutcome(StepStatus.UNSTABLE, "slow and shaky", List.of(), Map.of());
        });

        WorkflowRun run = run(Step.parallel("Checks", failing("Fast"), slow), passing("Deploy"));

        assertThat(ran).containsExactlyInAnyOrder("Fast", "Slow");
        assertThat(status(run, "Checks/Fast")).isEqualTo(StepStatus.FAILURE);
        assertThat(status(run, "Checks/Slow")).isEqualTo(StepStatus.UNSTABLE);
        assertThat(status(run, "Checks")).isEqualTo(StepStatus.FAILURE);
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
    }

    @Test
    void shouldRunThenBranchWhenConditionHoldsAndSkipOtherwise() {
        WorkflowRun run = runner().parameters(Map.of("branch", "main")).build().run(Workflow.of("flow", "d",
                Step.choose("Deploy?", "branch is main",
                        state -> "main".equals(state.parameters().get("branch")),
                        passing("Production"), passing("Preview"))));

        assertThat(ran).containsExactly("Production");
        assertThat(status(run, "Deploy?/Production")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Deploy?/Preview")).isEqualTo(StepStatus.SKIPPED);
        assertThat(record(run, "Deploy?").kind()).isEqualTo("condition");
        assertThat(record(run, "Deploy?").summary()).isEqualTo("condition holds: branch is main");
        assertThat(record(run, "Deploy?/Preview").summary()).isEqualTo("condition holds: branch is main");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldRunOtherwiseBranchWhenConditionDoesNotHold() {
        WorkflowRun run = runner().parameters(Map.of("branch", "feature/x")).build().run(Workflow.of("flow", "d",
                Step.choose("Deploy?", "branch is main",
                        state -> "main".equals(state.parameters().get("branch")),
                        passing("Production"), passing("Preview"))));

        assertThat(ran).containsExactly("Preview");
        assertThat(status(run, "Deploy?/Production")).isEqualTo(StepStatus.SKIPPED);
        assertThat(status(run, "Deploy?/Preview")).isEqualTo(StepStatus.SUCCESS);
        assertThat(record(run, "Deploy?").summary()).isEqualTo("condition does not hold: branch is main");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldSkipWhenConditionDoesNotHoldAndThereIsNoOtherwise() {
        WorkflowRun run = run(Step.when("Release", "tag is set", state -> state.parameters().containsKey("tag"),
                Step.sequence("Publish", passing("Upload"))), passing("Cleanup"));

        assertThat(ran).containsExactly("Cleanup");
        assertThat(status(run, "Release")).isEqualTo(StepStatus.SKIPPED);
        assertThat(status(run, "Release/Publish")).isEqualTo(StepStatus.SKIPPED);
        assertThat(status(run, "Release/Publish/Upload")).isEqualTo(StepStatus.SKIPPED);
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldLetConditionSeeEarlierStepsOfTheRun() {
        WorkflowRun run = run(Step.parallel("Checks", passing("Test"), unstable("Lint")),
                Step.when("Deploy if tested", "Test passed", state -> state.passed("Test"), passing("Deploy")),
                Step.when("Deploy if linted", "Lint passed", state -> state.passed("Checks/Lint"),
                        passing("Deploy again")),
                Step.when("Never", "Missing passed", state -> state.passed("Missing"), passing("Ghost")));

        assertThat(ran).contains("Deploy", "Deploy again").doesNotContain("Ghost");
        assertThat(status(run, "Deploy if tested/Deploy")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Deploy if linted/Deploy again")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Never/Ghost")).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void shouldAbortAtApprovalThatNobodyGranted() {
        WorkflowRun run = run(passing("Build"),
                Step.approval("Approve production", "deploy.production", "deploys to production"),
                passing("Deploy"));

        assertThat(ran).containsExactly("Build");
        assertThat(run.status()).isEqualTo(StepStatus.ABORTED);
        StepRecord approval = record(run, "Approve production");
        assertThat(approval.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(approval.kind()).isEqualTo("approval");
        assertThat(approval.summary()).startsWith("approval 'deploy.production'")
                .contains("--approve deploy.production");
        assertThat(approval.error()).isEqualTo(approval.summary());
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.NOT_RUN);

        assertThat(publishedTypes()).containsExactly(ApprovalRequested.TYPE, ApprovalDenied.TYPE);
        assertThat(approval.messageIds()).containsExactlyElementsOf(
                bus.getPublished().stream().map(Message::getId).toList());
        Message requested = bus.getPublished().get(0);
        assertThat(requested.getSource()).isEqualTo(WorkflowRunner.SOURCE);
        assertThat(requested.payloadAs(ApprovalRequested.class))
                .isEqualTo(new ApprovalRequested("deploy.production", null, "deploys to production"));
        ApprovalDenied denied = bus.getPublished().get(1).payloadAs(ApprovalDenied.class);
        assertThat(denied.gate()).isEqualTo("deploy.production");
        assertThat(denied.reason()).contains("--approve deploy.production");
    }

    @Test
    void shouldGrantApprovalThatWasApprovedUpFront() {
        WorkflowRun run = runner().approvals(ApprovalPolicy.preApproved(Set.of("deploy.production"), "alice"))
                .build().run(Workflow.of("flow", "d",
                        Step.approval("Approve production", "deploy.production", "deploys to production"),
                        passing("Deploy")));

        assertThat(ran).containsExactly("Deploy");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(record(run, "Approve production").summary()).isEqualTo("approved by alice");
        assertThat(publishedTypes()).containsExactly(ApprovalRequested.TYPE, ApprovalGranted.TYPE);
        ApprovalGranted granted = bus.getPublished().get(1).payloadAs(ApprovalGranted.class);
        assertThat(granted.gate()).isEqualTo("deploy.production");
        assertThat(granted.approver()).isEqualTo("alice");
        assertThat(record(run, "Approve production").messageIds()).hasSize(2);
    }

    @Test
    void shouldDenyGateThatWasNotAmongThoseApprovedUpFront() {
        WorkflowRun run = runner().approvals(ApprovalPolicy.preApproved(Set.of("deploy.staging"), "alice"))
                .build().run(Workflow.of("flow", "d",
                        Step.approval("Approve production", "deploy.production", "deploys to production"),
                        passing("Deploy")));

        assertThat(ran).isEmpty();
        assertThat(run.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(publishedTypes()).containsExactly(ApprovalRequested.TYPE, ApprovalDenied.TYPE);
    }

    @Test
    void shouldRecordOverriddenApprovalWithWhoAndWhy() {
        WorkflowRun run = runner().approvals(ApprovalPolicy.overriding("bob", "hotfix for INC-42"))
                .build().run(Workflow.of("flow", "d",
                        Step.approval("Approve production", "deploy.production", "deploys to production"),
                        passing("Deploy")));

        assertThat(ran).containsExactly("Deploy");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(record(run, "Approve production").summary())
                .isEqualTo("approval overridden by bob: hotfix for INC-42");
        assertThat(publishedTypes()).containsExactly(ApprovalRequested.TYPE, ApprovalOverridden.TYPE);
        assertThat(bus.getPublished().get(1).payloadAs(ApprovalOverridden.class))
                .isEqualTo(new ApprovalOverridden("deploy.production", "bob", "hotfix for INC-42"));
    }

    @Test
    void shouldApproveEveryGateWhenAllIsApproved() {
        WorkflowRun run = runner().approvals(ApprovalPolicy.preApproved(Set.of("all"), "ci"))
                .build().run(Workflow.of("flow", "d",
                        Step.approval("Approve staging", "deploy.staging", "deploys to staging"),
                        Step.approval("Approve production", "deploy.production", "deploys to production"),
                        passing("Deploy")));

        assertThat(ran).containsExactly("Deploy");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(publishedTypes()).containsExactly(ApprovalRequested.TYPE, ApprovalGranted.TYPE,
                ApprovalRequested.TYPE, ApprovalGranted.TYPE);
        assertThat(bus.getPublished().stream().filter(message -> message.getType().equals(ApprovalGranted.TYPE))
                .map(message -> message.payloadAs(ApprovalGranted.class).gate()))
                .containsExactly("deploy.staging", "deploy.production");
    }

    @Test
    void shouldRunFailurePathOnlyWhenBodyFails() {
        WorkflowRun run = run(Step.onFailure("Deploy", failing("Roll out"), passing("Rollback")),
                passing("Announce"));

        assertThat(ran).containsExactly("Roll out", "Rollback");
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.FAILURE);
        assertThat(record(run, "Deploy").kind()).isEqualTo("recover");
        assertThat(record(run, "Deploy").summary()).isEqualTo("Roll out failed; failure path Rollback ended SUCCESS");
        assertThat(status(run, "Deploy/Roll out")).isEqualTo(StepStatus.FAILURE);
        assertThat(status(run, "Deploy/Rollback")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Announce")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
    }

    @Test
    void shouldSkipFailurePathWhenBodyPasses() {
        WorkflowRun run = run(Step.onFailure("Deploy", passing("Roll out"), passing("Rollback")),
                passing("Announce"));

        assertThat(ran).containsExactly("Roll out", "Announce");
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Deploy/Rollback")).isEqualTo(StepStatus.SKIPPED);
        assertThat(record(run, "Deploy/Rollback").summary()).isEqualTo("not needed: Roll out did not fail");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldGoOnAfterOptionalTaskFailsAndEndUnstable() {
        WorkflowRun run = run(passing("Build"), failing("Performance").asOptional(), passing("Deploy"));

        assertThat(ran).containsExactly("Build", "Performance", "Deploy");
        StepRecord optional = record(run, "Performance");
        assertThat(optional.status()).isEqualTo(StepStatus.UNSTABLE);
        assertThat(optional.summary()).isEqualTo("optional step failed, the run goes on: Performance broke");
        assertThat(optional.error()).isEqualTo("Performance broke");
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.SUCCESS);
        assertThat(run.status()).isEqualTo(StepStatus.UNSTABLE);
    }

    @Test
    void shouldGoOnAfterOptionalTaskThrows() {
        WorkflowRun run = run(Step.task("Flaky", stepContext -> {
            throw new IllegalStateException("service down");
        }).asOptional(), passing("Deploy"));

        assertThat(status(run, "Flaky")).isEqualTo(StepStatus.UNSTABLE);
        assertThat(record(run, "Flaky").error()).contains("service down");
        assertThat(ran).containsExactly("Deploy");
        assertThat(run.status()).isEqualTo(StepStatus.UNSTABLE);
    }

    @Test
    void shouldFailTaskThatThrowsLotaBotsExceptionWithMaskedMessage() {
        masker.add(SECRET);

        WorkflowRun run = run(Step.task("Login", stepContext -> {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "login with " + SECRET + " was refused");
        }), passing("Deploy"));

        StepRecord login = record(run, "Login");
        assertThat(login.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(login.error()).isEqualTo("login with **** was refused");
        assertThat(login.summary()).isEqualTo("login with **** was refused");
        assertThat(log.getErrorLines()).containsExactly("Login: login with **** was refused");
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
    }

    @Test
    void shouldFailTaskThatThrowsRuntimeExceptionInsteadOfCrashing() {
        masker.add(SECRET);

        WorkflowRun run = run(Step.task("Parse", stepContext -> {
            throw new IllegalStateException("bad token " + SECRET);
        }), passing("Deploy"));

        StepRecord parse = record(run, "Parse");
        assertThat(parse.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(parse.error()).isEqualTo("java.lang.IllegalStateException: bad token ****");
        assertThat(status(run, "Deploy")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
    }

    @Test
    void shouldFailTaskThatReturnsNoOutcome() {
        WorkflowRun run = run(Step.task("Lazy", stepContext -> null));

        assertThat(status(run, "Lazy")).isEqualTo(StepStatus.FAILURE);
        assertThat(record(run, "Lazy").error()).contains("the task returned no outcome");
    }

    @Test
    void shouldMaskSecretsInSummaryOfTaskThatReportsFailure() {
        masker.add(SECRET);

        WorkflowRun run = run(Step.task("Login", stepContext -> StepOutcome.failure("token " + SECRET
                + " was refused")));

        StepRecord login = record(run, "Login");
        assertThat(login.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(login.summary()).isEqualTo("token **** was refused");
        assertThat(login.error()).isEqualTo("token **** was refused");
    }

    @Test
    void shouldFailConditionWhosePredicateThrowsInsteadOfCrashingTheRun() {
        WorkflowRun run = run(passing("Build"),
                Step.when("Deploy?", "branch is main", state -> state.parameters().get("branch").equals("main"),
                        passing("Deploy")),
                passing("Announce"));

        assertThat(status(run, "Build")).isEqualTo(StepStatus.SUCCESS);
        assertThat(status(run, "Deploy?")).isEqualTo(StepStatus.FAILURE);
        assertThat(status(run, "Announce")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
    }

    @Test
    void shouldRecordMessagesTaskPublishesAsItsOwn() {
        Step.Task notify = Step.task("Notify", stepContext -> {
            Message first = stepContext.publish("NotifyBot", new NotificationSent("slack", "#deploys", null, null));
            Message second = stepContext.publish("NotifyBot", new NotificationSent("email", "ops", null, null));
            Message direct = stepContext.botContext().publish("NotifyBot",
                    new NotificationSent("console", null, null, null));
            return new StepOutcome(StepStatus.SUCCESS, "sent", List.of(second, direct), Map.of("sent", 3));
        });

        WorkflowRun run = run(passing("Build"), notify);

        List<String> ids = bus.getPublished().stream().map(Message::getId).toList();
        assertThat(ids).hasSize(3);
        assertThat(record(run, "Notify").messageIds()).containsExactlyElementsOf(ids);
        assertThat(record(run, "Notify").outputs()).containsEntry("sent", 3);
        assertThat(record(run, "Build").messageIds()).isEmpty();
    }

    @Test
    void shouldKeepMessagesOfTaskThatFailsAfterPublishing() {
        WorkflowRun run = run(Step.task("Notify", stepContext -> {
            stepContext.publish("NotifyBot", new NotificationSent("slack", "#deploys", null, null));
            throw new IllegalStateException("second channel down");
        }));

        assertThat(status(run, "Notify")).isEqualTo(StepStatus.FAILURE);
        assertThat(record(run, "Notify").messageIds()).containsExactly(bus.getPublished().get(0).getId());
    }

    @Test
    void shouldRunBotAndMapItsStatusOutputsAndMessages() {
        WorkflowRun run = run(Step.bot("Echo", new EchoBot(), Map.of("message", "hello", "times", 2)));

        StepRecord echo = record(run, "Echo");
        assertThat(echo.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(echo.kind()).isEqualTo("task");
        assertThat(echo.summary()).isEqualTo("echoed hello hello");
        assertThat(echo.outputs()).containsEntry("echo", "hello hello");
        assertThat(bus.getPublished()).hasSize(1);
        assertThat(bus.getPublished().get(0).getSource()).isEqualTo(EchoBot.NAME);
        assertThat(echo.messageIds()).containsExactly(bus.getPublished().get(0).getId());
        assertThat(log.getInfoLines()).as("each bot's lines carry its name").contains("[EchoBot] EchoBot: hello hello");
        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldApplyDefaultOptionOfBot() {
        WorkflowRun run = run(Step.bot("Echo", new EchoBot(), Map.of("message", "once")));

        assertThat(record(run, "Echo").outputs()).containsEntry("echo", "once");
    }

    @Test
    void shouldMapUnstableAndFailedBotsToStepStatus() {
        WorkflowRun run = run(Step.bot("Warn", new EchoBot(), Map.of("message", "warn")),
                Step.bot("Fail", new EchoBot(), Map.of("message", "fail")),
                Step.bot("After", new EchoBot(), Map.of("message", "never")));

        assertThat(status(run, "Warn")).isEqualTo(StepStatus.UNSTABLE);
        assertThat(status(run, "Fail")).isEqualTo(StepStatus.FAILURE);
        assertThat(record(run, "Fail").error()).isEqualTo("echoed fail");
        assertThat(status(run, "After")).isEqualTo(StepStatus.NOT_RUN);
        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(bus.getPublished()).hasSize(2);
    }

    @Test
    void shouldFailBotStepWhenRequiredOptionIsMissing() {
        WorkflowRun run = run(Step.bot("Echo", new EchoBot(), Map.of("times", 3)));

        StepRecord echo = record(run, "Echo");
        assertThat(echo.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(echo.error()).isEqualTo("Option 'message' of EchoBot is required: What to echo.");
        assertThat(bus.getPublished()).isEmpty();
    }

    @Test
    void shouldNameNestedStepsByTheirPath() {
        List<String> paths = new CopyOnWriteArrayList<>();
        Step.Task test = Step.task("Test", stepContext -> {
            paths.add(stepContext.getPath());
            return StepOutcome.success("ok");
        });
        Step.Task compile = Step.task("Compile", stepContext -> {
            paths.add(stepContext.getPath());
            return StepOutcome.success("ok");
        });

        WorkflowRun run = run(Step.sequence("Build", compile), Step.parallel("Checks", test),
                Step.when("Gate", "Test passed", state -> state.step("Checks/Test").isPresent(), passing("Ship")));

        assertThat(paths).containsExactly("Build/Compile", "Checks/Test");
        assertThat(run.steps()).extracting(StepRecord::path)
                .containsExactly("Build", "Build/Compile", "Checks", "Checks/Test", "Gate", "Gate/Ship");
        assertThat(run.step("Checks/Test")).get().extracting(StepRecord::name).isEqualTo("Test");
        assertThat(run.step("Test")).get().extracting(StepRecord::path).isEqualTo("Checks/Test");
        assertThat(record(run, "Build").kind()).isEqualTo("sequence");
        assertThat(status(run, "Gate/Ship")).isEqualTo(StepStatus.SUCCESS);
    }

    @Test
    void shouldGiveTasksParametersAndMaskedLog() {
        masker.add(SECRET);
        Step.Task task = Step.task("Show", stepContext -> {
            stepContext.getLog().info("branch " + stepContext.getParameters().get("branch") + " token " + SECRET);
            return StepOutcome.success("shown");
        });

        runner().parameters(Map.of("branch", "main")).build().run(Workflow.of("flow", "d", task));

        assertThat(log.getInfoLines()).containsExactly("branch main token ****");
    }

    @Test
    void shouldTellListenerAboutEveryStep() {
        List<String> events = new CopyOnWriteArrayList<>();
        WorkflowListener listener = new WorkflowListener() {
            @Override
            public void stepStarted(final String path, final String kind) {
                events.add("start " + path + " " + kind);
            }

            @Override
            public void stepFinished(final StepRecord record) {
                events.add("end " + record.path() + " " + record.status());
            }
        };

        runner().listener(listener).build().run(Workflow.of("flow", "d",
                Step.sequence("Build", passing("Compile")), failing("Test"), passing("Deploy")));

        assertThat(events).containsExactly("start Build sequence", "start Build/Compile task",
                "end Build/Compile SUCCESS", "end Build SUCCESS", "start Test task", "end Test FAILURE",
                "end Deploy NOT_RUN");
    }

    /**
     * Issue 14: an interrupted run stops its processes, records the running step as ABORTED, does not run the rest
     * and journals run.aborted.
     */
    @Test
    void shouldAbortRunningTaskStopItsProcessesNotRunTheRestAndPublishRunAborted() throws Exception {
        LocalProcessRunner processes = new LocalProcessRunner(masker);
        BotContext context = BotContext.builder(workspace).bus(bus).masker(masker).log(log).processes(processes)
                .build();
        WorkflowRunner runner = WorkflowRunner.builder(context).build();
        CountDownLatch started = new CountDownLatch(1);
        Step.Task build = Step.task("Build", stepContext -> {
            ProcessOutcome outcome = stepContext.botContext().getProcesses().run(ProcessSpec.of(workspace,
                    Duration.ofMinutes(5), "sh", "-c", "(setsid sleep 300 &); sleep 300"), LogSink.NONE);
            return outcome.interrupted() ? StepOutcome.failure("build stopped") : StepOutcome.success("built");
        });
        Step.Task signalWhenStarted = Step.task("Build", stepContext -> {
            started.countDown();
            return build.action().execute(stepContext);
        });
        CompletableFuture<WorkflowRun> running = CompletableFuture.supplyAsync(() -> runner.run(Workflow.of("flow",
                "d", signalWhenStarted, passing("Test"), Step.sequence("Deploy", passing("Staging")))));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        awaitProcessesOf(processes);

        assertThat(runner.abort("interrupted by SIGINT")).isTrue();
        assertThat(runner.abort("interrupted by SIGTERM")).as("only the first abort counts").isFalse();

        WorkflowRun run = running.get(30, TimeUnit.SECONDS);
        assertThat(run.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(run.interrupted()).contains("interrupted by SIGINT");
        assertThat(record(run, "Build").status()).isEqualTo(StepStatus.ABORTED);
        assertThat(record(run, "Build").summary()).isEqualTo("interrupted by SIGINT: build stopped");
        assertThat(record(run, "Test").status()).isEqualTo(StepStatus.NOT_RUN);
        assertThat(record(run, "Test").summary()).isEqualTo("not run: the run was interrupted by SIGINT");
        assertThat(record(run, "Deploy/Staging").status()).isEqualTo(StepStatus.NOT_RUN);
        assertThat(ran).isEmpty();
        assertThat(processes.getRunCookie().findProcesses()).as("processes of the run").isEmpty();
        assertThat(publishedTypes()).containsExactly(RunAborted.TYPE);
        RunAborted aborted = bus.getPublished().get(0).payloadAs(RunAborted.class);
        assertThat(aborted.run()).isEqualTo("flow");
        assertThat(aborted.reason()).isEqualTo("interrupted by SIGINT");
        assertThat(aborted.steps()).containsExactly("Build");
        assertThat(aborted.processesStopped()).as("sh, sleep and the re-parented sleep").isGreaterThanOrEqualTo(3);
        assertThat(bus.getPublished().get(0).getSource()).isEqualTo(WorkflowRunner.SOURCE);
    }

    @Test
    void shouldInterruptParallelTasksThatWaitForSomethingElseThanAProcess() throws Exception {
        WorkflowRunner runner = runner().build();
        CountDownLatch bothStarted = new CountDownLatch(2);
        Step.Task waiting = Step.task("Watch", stepContext -> {
            bothStarted.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            return StepOutcome.success("watched");
        });
        Step.Task alsoWaiting = Step.task("Poll", stepContext -> {
            bothStarted.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            return StepOutcome.success("polled");
        });
        CompletableFuture<WorkflowRun> running = CompletableFuture.supplyAsync(() -> runner.run(Workflow.of("flow",
                "d", Step.parallel("Checks", waiting, alsoWaiting), passing("Deploy"))));
        assertThat(bothStarted.await(30, TimeUnit.SECONDS)).isTrue();

        runner.abort("interrupted by SIGTERM");

        WorkflowRun run = running.get(30, TimeUnit.SECONDS);
        assertThat(run.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(record(run, "Checks/Watch").status()).isEqualTo(StepStatus.ABORTED);
        assertThat(record(run, "Checks/Poll").status()).isEqualTo(StepStatus.ABORTED);
        assertThat(record(run, "Checks/Watch").error()).isEqualTo("interrupted by SIGTERM");
        assertThat(record(run, "Deploy").status()).isEqualTo(StepStatus.NOT_RUN);
        assertThat(bus.getPublished().get(0).payloadAs(RunAborted.class).steps())
                .containsExactly("Checks/Poll", "Checks/Watch");
    }

    @Test
    void shouldRunNothingOnceAborted() {
        WorkflowRunner runner = runner().build();
        runner.abort("interrupted by SIGINT");

        WorkflowRun run = runner.run(Workflow.of("flow", "d", passing("Build"), passing("Test")));

        assertThat(ran).isEmpty();
        assertThat(run.status()).isEqualTo(StepStatus.ABORTED);
        assertThat(run.steps()).extracting(StepRecord::status).containsOnly(StepStatus.NOT_RUN);
        assertThat(publishedTypes()).containsExactly(RunAborted.TYPE);
    }

    private static void awaitProcessesOf(final LocalProcessRunner processes) throws InterruptedException {
        while (processes.getRunCookie().findProcesses().size() < 3) {
            Thread.sleep(20);
        }
    }
}
