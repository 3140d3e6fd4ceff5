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
import io.lotabots.bot.BotRegistry;
import java.io.IOException;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;

/**
 * The post-build action of one engine bot for freestyle jobs ({@code testBotRecorder}, ...). Its options are an
 * instance of the bot's {@link BotStep} (the form nests the step's form with {@code f:property}); this class collects
 * them with {@link BotOptionValues} and runs the bot through {@link BotStepRunner}, the same code the Pipeline step
 * runs. UNSTABLE sets the build to
 * UNSTABLE; FAILURE and a bad input abort it with the engine's message.
 */
public abstract class BotRecorder extends Recorder implements SimpleBuildStep {
    /**
     * Returns the options of the bot: an instance of the bot's step, whose form, help and option handling the recorder
     * shares.
     *
     * @return the options
     */
    public abstract BotStep getOptions();

    @Override
    public void perform(@NonNull final Run<?, ?> run, @NonNull final FilePath workspace, @NonNull final EnvVars env,
            @NonNull final Launcher launcher, @NonNull final TaskListener listener)
            throws InterruptedException, IOException {
        BotStep options = getOptions();
        BotOutcome outcome = BotStepRunner.run(options.botId(), BotOptionValues.of(options), run, workspace, env,
                listener, null, BuildSecrets.sensitiveNames(run, null));
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
     * The descriptor of a bot recorder. Its form nests the step's form, whose fields show the step's help; the
     * recorder's own help is the step's {@code help.html}.
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
