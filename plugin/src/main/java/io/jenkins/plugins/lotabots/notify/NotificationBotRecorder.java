package io.jenkins.plugins.lotabots.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotRecorder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The post-build action of NotificationBot for freestyle jobs ({@code notificationBotRecorder}): its options are a {@link NotificationBotStep}, so
 * that the form, the help and the code that runs the bot are the step's, and no option is declared twice.
 */
public class NotificationBotRecorder extends BotRecorder {
    @CheckForNull
    private NotificationBotStep options;

    /**
     * Creates the recorder.
     *
     * @param options the options, as the {@code notificationBot} step takes them; {@code null} for the defaults
     */
    @DataBoundConstructor
    public NotificationBotRecorder(@CheckForNull final NotificationBotStep options) {
        super();
        this.options = options == null ? new NotificationBotStep() : options;
    }

    @Override
    public NotificationBotStep getOptions() {
        NotificationBotStep given = options;
        return given == null ? new NotificationBotStep() : given;
    }

    /**
     * Gives a recorder read from a config.xml without an {@code <options>} element the defaults.
     *
     * @return this recorder
     */
    protected Object readResolve() {
        if (options == null) {
            options = new NotificationBotStep();
        }
        return this;
    }

    /**
     * Describes the recorder.
     */
    @Extension
    @Symbol("notificationBotRecorder")
    public static final class DescriptorImpl extends BotRecorderDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(NotificationBotStep.BOT_ID, NotificationBotStep.class);
        }
    }
}
