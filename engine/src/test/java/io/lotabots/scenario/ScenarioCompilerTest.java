package io.lotabots.scenario;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.workflow.ApprovalPolicy;
import io.lotabots.workflow.StepStatus;
import io.lotabots.workflow.WorkflowRun;
import io.lotabots.workflow.WorkflowRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioCompilerTest {
    private static final String DEFINITION = """
            name: flow
            title: A Flow
            description: Builds, tests in parallel, deploys to staging and production, and watches.
            trigger: push to main
            notify:
              bot: notify
            stages:
              - id: build
                stage: Build
                bot: build
              - parallel: Checks
                branches:
                  - id: test
                    stage: Test
                    bot: test
                  - id: security
                    stage: Security
                    bot: security
                    optional: true
              - id: deployStaging
                stage: Deploy to Staging
                bot: deploy
                options: {environment: staging}
              - approval: deploy.production
                stage: Approve Production
                description: production deploy
                when: branch == main
              - id: deployProduction
                stage: Deploy to Production
                bot: deploy
                options: {environment: production}
                when: branch == main
              - id: monitor
                stage: Monitor
                bot: monitor
                onFailure:
                  - id: rollback
                    stage: Roll back Production
                    bot: deploy
                    options: {environment: production-rollback}
            """;

    @TempDir
    Path workspace;

    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final BotRegistry registry = BotRegistry.of(List.of(new RecordingBot("build", runs),
            new RecordingBot("test", runs), new RecordingBot("security", runs), new RecordingBot("deploy", runs),
            new RecordingBot("monitor", runs), new RecordingBot("notify", runs)));
    private final Scenario scenario = new ScenarioLoader().parse(DEFINITION, "flow.yaml");

    private WorkflowRun run(final Map<String, Map<String, Object>> overrides, final Map<String, String> parameters) {
        BotContext context = BotContext.builder(workspace).bus(MessageBus.builder().build()).build();
        return WorkflowRunner.builder(context).parameters(parameters)
                .approvals(ApprovalPolicy.preApproved(Set.of("all"), "tester")).build()
                .run(new ScenarioCompiler(registry).compile(scenario, overrides));
    }

    @Test
    void runsTheStagesInOrderWithANotificationAfterEach() {
        WorkflowRun run = run(Map.of(), Map.of("branch", "main"));

        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(runs.stream().filter(r -> !r.equals("test") && !r.equals("security")).toList()).containsExactly(
                "build", "notify", "notify", "deploy:staging", "notify", "notify", "deploy:production", "notify",
                "monitor", "notify");
        assertThat(runs).contains("test", "security");
    }

    @Test
    void skipsTheProductionStagesOffMain() {
        run(Map.of(), Map.of("branch", "feature/x"));

        assertThat(runs).doesNotContain("deploy:production");
        assertThat(runs).contains("deploy:staging", "monitor");
    }

    @Test
    void runsTheFailurePathWhenAStageFails() {
        WorkflowRun run = run(Map.of("monitor", Map.of("outcome", "FAILURE")), Map.of("branch", "main"));

        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(runs).containsSubsequence("monitor", "deploy:production-rollback");
    }

    @Test
    void stopsAfterAFailedStageButStillAnnouncesIt() {
        WorkflowRun run = run(Map.of("build", Map.of("outcome", "FAILURE")), Map.of("branch", "main"));

        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(runs).containsExactly("build", "notify");
        assertThat(run.steps()).anyMatch(step -> step.path().endsWith("Notify: Build failed"));
    }

    @Test
    void announcesAFailedStageAfterItsFailurePath() {
        run(Map.of("monitor", Map.of("outcome", "FAILURE")), Map.of("branch", "main"));

        assertThat(runs).endsWith("monitor", "deploy:production-rollback", "notify");
    }

    @Test
    void tellsTheNotifyingBotEachStagesNameResultAndTheBotsOwnSummary() {
        List<String> reports = new CopyOnWriteArrayList<>();
        BotRegistry withReports = BotRegistry.of(List.of(new RecordingBot("build", runs), new RecordingBot("test", runs),
                new RecordingBot("security", runs), new RecordingBot("deploy", runs), new RecordingBot("monitor", runs),
                new StageReportBot(reports)));
        BotContext context = BotContext.builder(workspace).bus(MessageBus.builder().build()).build();

        WorkflowRun run = WorkflowRunner.builder(context).parameters(Map.of("branch", "main"))
                .approvals(ApprovalPolicy.preApproved(Set.of("all"), "tester")).build()
                .run(new ScenarioCompiler(withReports).compile(scenario,
                        Map.of("monitor", Map.of("outcome", "FAILURE"))));

        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(reports).startsWith("Build|SUCCESS|SUCCESS")
                .contains("Deploy to Staging|SUCCESS|SUCCESS")
                .last().asString().startsWith("Monitor|FAILURE|FAILURE; failure path ")
                .endsWith("ended SUCCESS");
    }

    @Test
    void appliesNotifyOverridesToEveryNotification() {
        run(Map.of("notify", Map.of("limit", 2)), Map.of("branch", "main"));

        assertThat(runs).filteredOn(r -> r.startsWith("notify")).containsOnly("notify:2");
    }

    @Test
    void appliesBotOverridesToEveryStageOfTheBotAndStageOverridesToOne() {
        run(Map.of("deploy", Map.of("limit", 3), "deployProduction", Map.of("limit", 5)), Map.of("branch", "main"));

        assertThat(runs).contains("deploy:staging:3", "deploy:production:5");
    }

    @Test
    void refusesAnOverrideOfAStageTheScenarioDoesNotHave() {
        assertThatThrownBy(() -> new ScenarioCompiler(registry).compile(scenario, Map.of("deplyo", Map.of("limit", 1))))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageStartingWith("The scenario flow has no stage or bot 'deplyo' to override; use one of notify, build, test,");
    }

    @Test
    void refusesAnUnknownOptionBeforeAnythingRuns() {
        assertThatThrownBy(() -> new ScenarioCompiler(registry).compile(scenario, Map.of("test", Map.of("minCoverag", 80))))
                .hasMessageStartingWith("Stage 'Test' (id test): Option 'minCoverag' of TestBot is not an option of TestBot");
        assertThat(runs).isEmpty();
    }

    @Test
    void refusesABotThatIsNotInstalled() {
        BotRegistry small = BotRegistry.of(List.of(new RecordingBot("build", runs), new RecordingBot("notify", runs)));

        assertThatThrownBy(() -> new ScenarioCompiler(small).compile(scenario, Map.of()))
                .hasMessage("Stage 'Test' uses the bot 'test', which is not installed; the bots are build, notify");
    }

    @Test
    void rendersTheFlowAsText() {
        String text = ScenarioText.render(scenario);

        assertThat(text).startsWith("A Flow (flow)\nTrigger: push to main\n")
                .contains("2. Checks (in parallel)\n   | Test: test   [id test]\n   | Security: security (optional)   [id security]\n")
                .contains("4. Approve Production: approval 'deploy.production' when branch == main - production deploy\n")
                .contains("6. Monitor: monitor   [id monitor]\n   on failure -> Roll back Production: deploy (environment=production-rollback)")
                .endsWith("After each stage: notify\n");
    }

    private static final String PLACEHOLDERS = """
            name: placeholders
            title: Placeholders
            description: Takes the trigger's fields and an earlier stage's output into options.
            trigger: an alert
            stages:
              - id: open
                stage: Open
                bot: build
                options: {environment: '${params.trigger.environment:-production}'}
              - id: act
                stage: Act
                bot: deploy
                options: {environment: 'after ${stages.open.label} of ${params.trigger.id}'}
              - id: check
                stage: Check
                bot: monitor
                options: {environment: '${params.trigger.id}', limit: '${params.limit:-7}'}
                onFailure:
                  - id: undo
                    stage: Undo
                    bot: test
                    options: {environment: 'undo ${stages.check.label}'}
            """;

    private WorkflowRun runPlaceholders(final Map<String, Map<String, Object>> overrides,
            final Map<String, String> parameters) {
        BotContext context = BotContext.builder(workspace).bus(MessageBus.builder().build()).build();
        return WorkflowRunner.builder(context).parameters(parameters).build().run(new ScenarioCompiler(registry)
                .compile(new ScenarioLoader().parse(PLACEHOLDERS, "placeholders.yaml"), overrides));
    }

    @Test
    void shouldFillInRunParametersAndTheOutputsOfEarlierStagesWhenAStageStarts() {
        WorkflowRun run = runPlaceholders(Map.of(), Map.of("trigger.id", "m-1", "trigger.environment", "staging",
                "limit", "3"));

        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        assertThat(runs).containsExactly("build:staging", "deploy:after staging of m-1", "monitor:m-1:3");
    }

    @Test
    void shouldTakeTheDefaultOrLeaveTheOptionOutWhenAPlaceholderHasNoValue() {
        WorkflowRun run = runPlaceholders(Map.of(), Map.of());

        assertThat(run.status()).isEqualTo(StepStatus.SUCCESS);
        // open: the default; act: empty inside a text; check: the option left out, so the bot's default applies
        assertThat(runs).containsExactly("build:production", "deploy:after production of ", "monitor:7");
    }

    @Test
    void shouldFillInPlaceholdersOfOverridesAndOfFailurePaths() {
        WorkflowRun run = runPlaceholders(Map.of("check", Map.of("outcome", "FAILURE")),
                Map.of("trigger.id", "m-2"));

        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(runs).endsWith("monitor:m-2:7", "test:undo m-2");
    }

    @Test
    void shouldCheckAFilledInValueWhenTheStageStartsAndNameTheStage() {
        WorkflowRun run = runPlaceholders(Map.of(), Map.of("limit", "many"));

        assertThat(run.status()).isEqualTo(StepStatus.FAILURE);
        assertThat(run.steps()).filteredOn(step -> step.path().equals("Check/Check")).singleElement()
                .satisfies(step -> assertThat(step.error()).contains("Stage 'Check' (id check), with its"
                        + " placeholders filled in: ").contains("limit"));
        assertThat(runs).containsExactly("build:production", "deploy:after production of ", "test:undo ");
    }

    @Test
    void shouldRefuseAPlaceholderOfAStageTheScenarioDoesNotHaveBeforeAnythingRuns() {
        Scenario scenario = new ScenarioLoader().parse(PLACEHOLDERS, "placeholders.yaml");

        assertThatThrownBy(() -> new ScenarioCompiler(registry).compile(scenario,
                Map.of("act", Map.of("environment", "${stages.opne.label}"))))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageStartingWith("Stage 'Act' (id act): the option 'environment' reads '${stages.opne.label}',"
                        + " which names no output of a stage; write ${stages.ID.OUTPUT} with ID one of open, act,");
        assertThat(runs).isEmpty();
    }

    @Test
    void shouldLeaveOtherDollarTextsAsTheyAre() {
        assertThat(ScenarioPlaceholders.resolve(Map.of("startCommand", "java -jar ${ARTIFACT} ${params.x}",
                "smoke", List.of("${params.missing}", "/health ${params.code:-200}")), Map.of("x", "--fast"),
                (stage, output) -> null))
                .containsEntry("startCommand", "java -jar ${ARTIFACT} --fast")
                .containsEntry("smoke", List.of("/health 200"));
    }
}
