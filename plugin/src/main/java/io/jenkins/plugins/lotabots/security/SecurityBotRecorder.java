package io.jenkins.plugins.lotabots.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotRecorder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The post-build action of SecurityBot for freestyle jobs ({@code securityBotRecorder}): its options are a {@link SecurityBotStep}, so
 * that the form, the help and the code that runs the bot are the step's, and no option is declared twice.
 */
public class SecurityBotRecorder extends BotRecorder {
    @CheckForNull
    private SecurityBotStep options;

    /**
     * Creates the recorder.
     *
     * @param options the options, as the {@code securityBot} step takes them; {@code null} for the defaults
     */
    @DataBoundConstructor
    public SecurityBotRecorder(@CheckForNull final SecurityBotStep options) {
        super();
        this.options = options == null ? new SecurityBotStep() : options;
    }

    @Override
    public SecurityBotStep getOptions() {
        SecurityBotStep given = options;
        return given == null ? new SecurityBotStep() : given;
    }

    /**
     * Gives a recorder read from a config.xml without an {@code <options>} element the defaults.
     *
     * @return this recorder
     */
    protected Object readResolve() {
        if (options == null) {
            options = new SecurityBotStep();
        }
        return this;
    }

    /**
     * Describes the recorder.
     */
    @Extension
    @Symbol("securityBotRecorder")
    public static final class DescriptorImpl extends BotRecorderDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(SecurityBotStep.BOT_ID, SecurityBotStep.class);
        }
    }
}
