package io.lotabots.scenario;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.BotRegistry;
import io.lotabots.error.LotaBotsException;
import io.lotabots.workflow.Step;
import io.lotabots.workflow.StepOutcome;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.StepStatus;
import io.lotabots.workflow.Workflow;
import io.lotabots.workflow.WorkflowState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Turns a {@link Scenario} into a {@link Workflow} of the engine: one top-level step per stage, named as the stage,
 * bot stages running their bot with the scenario's options and the user's overrides, conditions and failure paths
 * as the definition states them, and, when the scenario has a notification, a notification after each stage that
 * can never fail the run; a failed stage is announced too, after its failure path. Option values may take run
 * parameters and earlier stages' outputs ({@code ${params.trigger.id}}, {@code ${stages.openIncident.id}}, see
 * {@link ScenarioPlaceholders}); they are filled in when the stage starts.
 *
 * <p>Overrides are keyed by stage id ({@code deployProduction}) or bot id ({@code deploy}, for every stage of that
 * bot); a stage id wins over a bot id. The key {@value #NOTIFY_KEY} overrides the notification's options. Every option is checked against the bot's descriptor before anything runs,
 * so that a typo fails at once and not after a twenty-minute build.
 */
public final class ScenarioCompiler {
    /** The override key of the notification sent after each stage, beside stage and bot ids. */
    public static final String NOTIFY_KEY = "notify";
    /** The name of the notification step after each stage is this prefix and the stage's name. */
    public static final String NOTIFY_PREFIX = "Notify: ";
    /** The options through which a notifying bot learns which stage it reports on and how that stage ended. */
    private static final List<String> REPORT_OPTIONS = List.of("stage", "result", "summary");
    /** How deep steps of one name are looked for inside a stage. */
    private static final int MAX_NESTING = 4;

    private final BotRegistry registry;

    /**
     * Creates a compiler.
     *
     * @param registry the bots
     */
    public ScenarioCompiler(final BotRegistry registry) {
        this.registry = registry;
    }

    /**
     * Compiles a scenario.
     *
     * @param scenario the scenario
     * @param overrides stage id or bot id to option name to value
     * @return the workflow
     * @throws LotaBotsException naming the stage and option of anything that is not valid
     */
    public Workflow compile(final Scenario scenario, final Map<String, ? extends Map<String, ?>> overrides) {
        checkOverrideKeys(scenario, overrides);
        List<Step> steps = new ArrayList<>();
        Scenario.Notify notify = scenario.notification();
        Map<String, String> stageNames = new LinkedHashMap<>();
        scenario.botStages().forEach(stage -> stageNames.put(stage.id(), stage.stage()));
        for (ScenarioStage stage : scenario.stages()) {
            Step step = step(stage, overrides, stageNames);
            if (notify == null) {
                steps.add(step);
                continue;
            }
            // A failed stage is announced too, after its failure path, before the run stops.
            steps.add(Step.onFailure(stage.stage(), step, notification(notify, overrides, stage.stage(),
                    NOTIFY_PREFIX + stage.stage() + " failed")));
            steps.add(notification(notify, overrides, stage.stage(), NOTIFY_PREFIX + stage.stage()));
        }
        return Workflow.of(scenario.name(), scenario.title(), steps.toArray(Step[]::new));
    }

    /**
     * Returns the options a bot stage runs with: the scenario's, then the bot-wide overrides, then the stage's.
     *
     * @param stage the stage
     * @param overrides the overrides
     * @return the options
     */
    public static Map<String, Object> optionsOf(final ScenarioStage.BotStage stage,
            final Map<String, ? extends Map<String, ?>> overrides) {
        Map<String, Object> options = new LinkedHashMap<>(stage.options());
        Map<String, ?> forBot = overrides.get(stage.bot());
        Map<String, ?> forStage = overrides.get(stage.id());
        if (forBot != null) {
            options.putAll(forBot);
        }
        if (forStage != null) {
            options.putAll(forStage);
        }
        return options;
    }

    private Step step(final ScenarioStage stage, final Map<String, ? extends Map<String, ?>> overrides,
            final Map<String, String> stageNames) {
        if (stage instanceof ScenarioStage.BotStage bot) {
            return botStep(bot, overrides, stageNames);
        }
        if (stage instanceof ScenarioStage.ParallelStage parallel) {
            return Step.parallel(parallel.stage(), parallel.branches().stream()
                    .map(branch -> botStep(branch, overrides, stageNames)).toArray(Step[]::new));
        }
        ScenarioStage.ApprovalStage approval = (ScenarioStage.ApprovalStage) stage;
        Step step = Step.approval(approval.stage(), approval.gate(), approval.description());
        ScenarioStage.Condition when = approval.when();
        return when == null ? step : guarded(approval.stage(), when, step);
    }

    private Step botStep(final ScenarioStage.BotStage stage, final Map<String, ? extends Map<String, ?>> overrides,
            final Map<String, String> stageNames) {
        Bot<?, ?> bot = bot(stage);
        Map<String, Object> options = optionsOf(stage, overrides);
        String where = "Stage '" + stage.stage() + "' (id " + stage.id() + ")";
        ScenarioPlaceholders.check(options, stageNames.keySet(), where);
        // options filled in at run time are checked then; the others now, before anything runs
        Map<String, Object> fixed = new LinkedHashMap<>(options);
        fixed.values().removeIf(ScenarioPlaceholders::holdsPlaceholder);
        try {
            BotOptions.of(bot.getDescriptor(), fixed);
        } catch (LotaBotsException e) {
            throw LotaBotsException.of(ScenarioErrorCode.INVALID_OVERRIDE, where + ": " + e.getMessage(), e);
        }
        Step.Task task = fixed.size() == options.size() ? Step.bot(stage.stage(), bot, options)
                : filledIn(stage.stage(), bot, options, stageNames, where);
        Step step = stage.optional() ? task.asOptional() : task;
        if (!stage.onFailure().isEmpty()) {
            List<Step> handlers = new ArrayList<>();
            for (ScenarioStage.BotStage handler : stage.onFailure()) {
                handlers.add(botStep(handler, overrides, stageNames));
            }
            step = Step.onFailure(stage.stage(), step,
                    Step.sequence("On failure of " + stage.stage(), handlers.toArray(Step[]::new)));
        }
        ScenarioStage.Condition when = stage.when();
        return when == null ? step : guarded(stage.stage(), when, step);
    }

    /**
     * A bot task whose options hold placeholders ({@link ScenarioPlaceholders}): they are filled in from the run's
     * parameters and the outputs of the stages that ran before, and checked, when the stage starts.
     */
    private static Step.Task filledIn(final String name, final Bot<?, ?> bot, final Map<String, Object> options,
            final Map<String, String> stageNames, final String where) {
        Map<String, Object> given = new LinkedHashMap<>(options);
        return Step.task(name, context -> {
            WorkflowState state = context.getState();
            Map<String, Object> filled = ScenarioPlaceholders.resolve(given, state.parameters(),
                    (stageId, output) -> outputOf(state, stageNames.get(stageId), output));
            try {
                BotOptions.of(bot.getDescriptor(), filled);
            } catch (LotaBotsException e) {
                throw LotaBotsException.of(ScenarioErrorCode.INVALID_OVERRIDE, where + ", with its placeholders"
                        + " filled in: " + e.getMessage(), e);
            }
            return StepOutcome.of(bot.run(filled, context.botContext().withLogPrefix(bot.getDescriptor().getName())));
        });
    }

    /**
     * Returns an output of a finished stage: of its bot's step, which a stage with a condition or a failure path
     * nests under steps of the same name.
     */
    @CheckForNull
    private static Object outputOf(final WorkflowState state, @CheckForNull final String stageName,
            final String output) {
        if (stageName == null) {
            return null;
        }
        Optional<StepRecord> record = state.step(stageName);
        StringBuilder path = new StringBuilder(record.map(StepRecord::path).orElse(stageName));
        for (int depth = 0; depth <= MAX_NESTING && record.isPresent(); depth++) {
            Object value = record.get().outputs().get(output);
            if (value != null) {
                return value;
            }
            record = state.step(path.append('/').append(stageName).toString());
        }
        return null;
    }

    private static Step guarded(final String name, final ScenarioStage.Condition condition, final Step step) {
        return Step.when(name, condition.toString(), state -> condition.holds(state.parameters()), step);
    }

    /**
     * The notification about a stage. When the notifying bot takes them (NotificationBot does), it gets the stage's
     * name, result and summary at run time, from the record of the stage it follows (its sibling step), so that a
     * stage that failed before its bot published anything is still reported as failed.
     */
    private Step.Task notification(final Scenario.Notify notify, final Map<String, ? extends Map<String, ?>> overrides,
            final String stageName, final String stepName) {
        Bot<?, ?> bot = registry.find(notify.bot()).orElseThrow(() -> LotaBotsException.of(
                ScenarioErrorCode.INVALID_DEFINITION, "The scenario's notification uses the bot '" + notify.bot()
                        + "', which is not installed; the bots are " + botIds()));
        Map<String, Object> options = new LinkedHashMap<>(notify.options());
        Map<String, ?> forNotify = overrides.get(NOTIFY_KEY);
        if (forNotify != null) {
            options.putAll(forNotify);
        }
        try {
            BotOptions.of(bot.getDescriptor(), options);
        } catch (LotaBotsException e) {
            throw LotaBotsException.of(ScenarioErrorCode.INVALID_OVERRIDE, "The notification after each stage: "
                    + e.getMessage(), e);
        }
        if (REPORT_OPTIONS.stream().anyMatch(option -> bot.getDescriptor().findOption(option).isEmpty())) {
            return Step.bot(stepName, bot, options).asOptional();
        }
        Map<String, Object> fixed = Map.copyOf(options);
        return Step.task(stepName, context -> {
            String path = context.getPath();
            String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
            Map<String, Object> report = new LinkedHashMap<>(fixed);
            report.putIfAbsent("stage", stageName);
            context.getState().step(parent + stageName).ifPresent(record -> {
                report.putIfAbsent("result", resultOf(record.status()));
                String summary = summaryOf(context.getState(), parent + stageName, record);
                if (!summary.isBlank()) {
                    report.putIfAbsent("summary", summary);
                }
            });
            return StepOutcome.of(bot.run(report, context.botContext().withLogPrefix(bot.getDescriptor().getName())));
        }).asOptional();
    }

    /**
     * Returns the summary a stage report gives: the bot's own summary from the innermost step of the stage (a stage
     * with a failure path nests its bot step under a step of the same name), followed by how the failure path ended.
     */
    private static String summaryOf(final WorkflowState state, final String path, final StepRecord record) {
        StepRecord innermost = record;
        StringBuilder current = new StringBuilder(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (int depth = 0; depth < MAX_NESTING; depth++) {
            Optional<StepRecord> inner = state.step(current.append('/').append(name).toString());
            if (inner.isEmpty()) {
                break;
            }
            innermost = inner.get();
        }
        if (innermost == record || innermost.summary().isBlank()) {
            return record.summary();
        }
        int failurePath = record.summary().indexOf("; failure path ");
        return innermost.summary() + (failurePath < 0 ? "" : record.summary().substring(failurePath));
    }

    /**
     * Returns the Jenkins result that a step's status amounts to, as the Pipeline library passes
     * {@code currentBuild.currentResult}.
     */
    private static String resultOf(final StepStatus status) {
        return switch (status) {
            case SUCCESS -> "SUCCESS";
            case UNSTABLE -> "UNSTABLE";
            case FAILURE -> "FAILURE";
            case ABORTED -> "ABORTED";
            case SKIPPED, NOT_RUN -> "NOT_BUILT";
        };
    }

    private Bot<?, ?> bot(final ScenarioStage.BotStage stage) {
        return registry.find(stage.bot()).orElseThrow(() -> LotaBotsException.of(ScenarioErrorCode.INVALID_DEFINITION,
                "Stage '" + stage.stage() + "' uses the bot '" + stage.bot() + "', which is not installed; the bots are "
                        + botIds()));
    }

    private String botIds() {
        return String.join(", ", registry.getBots().stream().map(b -> b.getDescriptor().getId()).toList());
    }

    private static void checkOverrideKeys(final Scenario scenario, final Map<String, ? extends Map<String, ?>> overrides) {
        Set<String> keys = new LinkedHashSet<>();
        if (scenario.notification() != null) {
            keys.add(NOTIFY_KEY);
        }
        for (ScenarioStage.BotStage stage : scenario.botStages()) {
            keys.add(stage.id());
            keys.add(stage.bot());
        }
        for (String key : overrides.keySet()) {
            if (!keys.contains(key)) {
                throw LotaBotsException.of(ScenarioErrorCode.INVALID_OVERRIDE, "The scenario " + scenario.name()
                        + " has no stage or bot '" + key + "' to override; use one of " + String.join(", ", keys));
            }
        }
    }
}
