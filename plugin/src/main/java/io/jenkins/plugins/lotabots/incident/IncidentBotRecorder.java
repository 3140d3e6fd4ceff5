package io.jenkins.plugins.lotabots.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.BotOutcome;
import io.jenkins.plugins.lotabots.BotRecorder;
import io.jenkins.plugins.lotabots.BotStepRunner;
import io.jenkins.plugins.lotabots.BuildSecrets;
import io.lotabots.bot.incident.IncidentBotDescriptor;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The post-build action of IncidentBot for freestyle jobs ({@code incidentBotRecorder}): when the build failed, it
 * opens an incident, or adds the failure to the open incident of the same job (the dedup key is the job and the
 * alert name), with the options of an {@link IncidentBotStep}. Defaults: service the job's full name, alert name
 * {@value #ALERT_NAME}, alert severity {@value #ALERT_SEVERITY} (P2 by the default mapping), title
 * {@code <job> #<number> failed}. A build that did not fail opens nothing. The incident's failure does not change the
 * build's result: it failed already.
 */
public class IncidentBotRecorder extends BotRecorder {
    /** The alert name of a failed build. */
    static final String ALERT_NAME = "BuildFailed";
    /** The alert severity of a failed build. */
    static final String ALERT_SEVERITY = "error";

    @CheckForNull
    private IncidentBotStep options;

    /**
     * Creates the recorder.
     *
     * @param options the options, as the {@code incidentBot} step takes them; {@code null} for the defaults
     */
    @DataBoundConstructor
    public IncidentBotRecorder(@CheckForNull final IncidentBotStep options) {
        super();
        this.options = options == null ? new IncidentBotStep() : options;
    }

    @Override
    public IncidentBotStep getOptions() {
        IncidentBotStep given = options;
        return given == null ? new IncidentBotStep() : given;
    }

    /**
     * Gives a recorder read from a config.xml without an {@code <options>} element the defaults.
     *
     * @return this recorder
     */
    protected Object readResolve() {
        if (options == null) {
            options = new IncidentBotStep();
        }
        return this;
    }

    @Override
    public void perform(@NonNull final Run<?, ?> run, @NonNull final FilePath workspace, @NonNull final EnvVars env,
            @NonNull final Launcher launcher, @NonNull final TaskListener listener)
            throws InterruptedException, IOException {
        Result result = run.getResult();
        if (result == null || result.isBetterThan(Result.FAILURE)) {
            listener.getLogger().println(Messages.IncidentBotRecorder_NotFailed(result == null ? "running" : result));
            return;
        }
        Map<String, Object> values = BotOptionValues.of(getOptions());
        values.putIfAbsent(IncidentBotDescriptor.ACTION.getName(), "open");
        values.putIfAbsent(IncidentBotDescriptor.SERVICE.getName(), run.getParent().getFullName());
        values.putIfAbsent(IncidentBotDescriptor.ALERT_NAME.getName(), ALERT_NAME);
        values.putIfAbsent(IncidentBotDescriptor.ALERT_SEVERITY.getName(), ALERT_SEVERITY);
        values.putIfAbsent(IncidentBotDescriptor.TITLE.getName(), run.getFullDisplayName() + " failed");
        BotOutcome outcome = BotStepRunner.run(IncidentBotStep.BOT_ID, values, run, workspace, env, listener, null,
                BuildSecrets.sensitiveNames(run, null));
        if (outcome.isFailure()) {
            throw BotStepRunner.failure(outcome);
        }
    }

    /**
     * Describes the recorder.
     */
    @Extension
    @Symbol("incidentBotRecorder")
    public static final class DescriptorImpl extends BotRecorderDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(IncidentBotStep.BOT_ID, IncidentBotStep.class);
        }

        @Override
        public String getDisplayName() {
            return Messages.IncidentBotRecorder_DisplayName();
        }
    }
}
