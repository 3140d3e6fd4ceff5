package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;

/**
 * The post-build action of one engine bot for freestyle jobs ({@code testBotRecorder}, ...). Like {@link BotStep},
 * a subclass only declares the bot's options as fields; this class collects them with {@link BotOptionValues} and
 * runs the bot through {@link BotStepRunner}, the same code the Pipeline step runs. UNSTABLE sets the build to
 * UNSTABLE; FAILURE and a bad input abort it with the engine's message.
 */
public abstract class BotRecorder extends Recorder implements SimpleBuildStep {
    /**
     * Returns the id of the engine bot this recorder runs.
     *
     * @return the id, for example {@code test}
     */
    protected abstract String botId();

    /**
     * Joins a list option for the text area of the configuration form, one value per line.
     *
     * @param option the option, for example {@code junit}
     * @return the text
     */
    @SuppressWarnings("unchecked")
    public String linesOf(final String option) {
        Object value = BotOptionValues.of(this).get(option);
        return value instanceof List<?> list ? BotOptionValues.join((List<String>) list) : "";
    }

    @Override
    public void perform(@NonNull final Run<?, ?> run, @NonNull final FilePath workspace, @NonNull final EnvVars env,
            @NonNull final Launcher launcher, @NonNull final TaskListener listener)
            throws InterruptedException, IOException {
        BotOutcome outcome = BotStepRunner.run(botId(), BotOptionValues.of(this), run, workspace, env, listener,
                null);
        if (outcome.isFailure()) {
            throw BotStepRunner.failure(outcome);
        }
        if (outcome.isUnstable()) {
            run.setResult(Result.UNSTABLE);
        }
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    /**
     * The descriptor of a bot recorder. Its form and help are the step's: every field's help redirects to the
     * step's {@code help-<field>.html}, and the recorder's own help to the step's {@code help.html}.
     */
    public abstract static class BotRecorderDescriptor extends BuildStepDescriptor<Publisher> {
        private final String botId;
        private final Class<? extends BotStep> stepClass;

        /**
         * Creates the descriptor.
         *
         * @param botId the bot's id, for example {@code test}
         * @param stepClass the step of the same bot, whose help files the recorder shows
         */
        protected BotRecorderDescriptor(final String botId, final Class<? extends BotStep> stepClass) {
            this.botId = botId;
            this.stepClass = stepClass;
            for (BotOption<?> option : BotRegistry.standard().get(botId).getDescriptor().getOptions()) {
                addHelpFileRedirect(option.getName(), stepClass, option.getName());
            }
        }

        /**
         * Returns the step whose form and help this recorder shares.
         *
         * @return the step class
         */
        public Class<? extends BotStep> getStepClass() {
            return stepClass;
        }

        @Override
        public String getHelpFile(@CheckForNull final String fieldName) {
            if (fieldName == null) {
                return Jenkins.get().getDescriptorOrDie(stepClass).getHelpFile();
            }
            return super.getHelpFile(fieldName);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(final Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.BotRecorder_DisplayName(BotRegistry.standard().get(botId).getDescriptor().getName());
        }
    }
}
