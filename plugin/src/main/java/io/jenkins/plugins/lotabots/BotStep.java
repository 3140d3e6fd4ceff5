package io.jenkins.plugins.lotabots;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.lotabots.bus.StageNames;
import io.lotabots.bot.BotRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The Pipeline step of one engine bot ({@code buildBot}, {@code testBot}, ...). A subclass declares the bot's
 * options as fields with {@code @DataBoundSetter}s, named and typed as in the engine's descriptor; this class
 * collects them generically ({@link BotOptionValues}) and runs the bot through {@link BotStepRunner}.
 *
 * <p>Result: the step returns a map with {@code status}, {@code summary} and the bot's outputs. UNSTABLE adds a
 * {@link WarningAction} to the step's node, so that its stage turns yellow, and sets the build to UNSTABLE, as the
 * {@code unstable} step does; FAILURE and a bad input end the step with an {@link hudson.AbortException} that
 * carries the engine's message and no stack trace.</p>
 *
 * <p>Restart: the bot runs in a thread of the controller ({@link SynchronousNonBlockingStepExecution}), so a step
 * that is running when the controller restarts cannot resume (its bot, for example a MonitorBot watch window or a
 * DeployBot rollout wait, stopped with the old process). After the restart the step fails with a message that says
 * so and how to retry; the messages published before the restart stay in the build's journal. A deployment that
 * was cut off is rolled back or finished by running {@code deployBot} again (with {@code rollback: true} to undo).</p>
 */
public abstract class BotStep extends Step {
    /**
     * Returns the id of the engine bot this step runs.
     *
     * @return the id, for example {@code test}
     */
    protected abstract String botId();

    /**
     * Returns the options given to this step.
     *
     * @return option name to value
     */
    public Map<String, Object> options() {
        return BotOptionValues.of(this);
    }

    /**
     * Joins a list option for the text area of the configuration form, one value per line.
     *
     * @param option the option, for example {@code junit}
     * @return the text
     */
    @SuppressWarnings("unchecked")
    public String linesOf(final String option) {
        Object value = options().get(option);
        return value instanceof List<?> list ? BotOptionValues.join((List<String>) list) : "";
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        return new Execution(context, botId(), options());
    }

    /**
     * Runs the bot off the CPS thread and maps its status to the step's result.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final String botId;
        private final LinkedHashMap<String, Object> options;

        Execution(final StepContext context, final String botId, final Map<String, Object> options) {
            super(context);
            this.botId = botId;
            this.options = new LinkedHashMap<>(options);
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            FlowNode node = context.get(FlowNode.class);
            BotOutcome outcome = BotStepRunner.run(botId, options, run, context.get(FilePath.class),
                    context.get(EnvVars.class), context.get(TaskListener.class), StageNames.of(node),
                    BuildSecrets.sensitiveNames(run, context.get(EnvironmentExpander.class)));
            // The step's line in the stage views (Pipeline Graph View, Stage View) shows the bot's summary.
            node.addOrReplaceAction(new LabelAction(BotStepRunner.label(outcome)));
            if (outcome.isFailure()) {
                throw BotStepRunner.failure(outcome);
            }
            if (outcome.isUnstable()) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE)
                        .withMessage(BotStepRunner.unstableMessage(outcome)));
                run.setResult(Result.UNSTABLE);
            }
            return outcome.toMap();
        }

        /**
         * Fails the step with a message that names it and says how to retry: its bot stopped with the previous
         * controller process.
         */
        @Override
        public void onResume() {
            getContext().onFailure(new hudson.AbortException(Messages.BotStep_ResumeNotSupported(functionName())));
        }

        private String functionName() {
            return BotRegistry.standard().find(botId).map(bot -> bot.getDescriptor().getFunctionName()).orElse(botId);
        }
    }

    /**
     * The descriptor of a bot step: the context it needs and its names, from the engine's descriptor.
     */
    public abstract static class BotStepDescriptor extends StepDescriptor {
        private final String botId;

        /**
         * Creates the descriptor.
         *
         * @param botId the bot's id, for example {@code test}
         */
        protected BotStepDescriptor(final String botId) {
            this.botId = botId;
        }

        /**
         * Returns the id of the bot.
         *
         * @return the id
         */
        public String getBotId() {
            return botId;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class, FlowNode.class);
        }

        @Override
        public String getDisplayName() {
            io.lotabots.bot.BotDescriptor<?> descriptor = BotRegistry.standard().get(botId).getDescriptor();
            return Messages.BotStep_DisplayName(descriptor.getName(), firstSentence(descriptor.getHelp()));
        }

        private static String firstSentence(final String help) {
            int end = help.indexOf(',');
            return end > 0 ? help.substring(0, end) : help;
        }
    }
}
