package io.jenkins.plugins.lotabots.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotRecorder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The post-build action of TestBot for freestyle jobs ({@code testBotRecorder}): its options are a {@link TestBotStep}, so
 * that the form, the help and the code that runs the bot are the step's, and no option is declared twice.
 */
public class TestBotRecorder extends BotRecorder {
    @CheckForNull
    private TestBotStep options;

    /**
     * Creates the recorder.
     *
     * @param options the options, as the {@code testBot} step takes them; {@code null} for the defaults
     */
    @DataBoundConstructor
    public TestBotRecorder(@CheckForNull final TestBotStep options) {
        super();
        this.options = options == null ? new TestBotStep() : options;
    }

    @Override
    public TestBotStep getOptions() {
        TestBotStep given = options;
        return given == null ? new TestBotStep() : given;
    }

    /**
     * Gives a recorder read from a config.xml without an {@code <options>} element the defaults.
     *
     * @return this recorder
     */
    protected Object readResolve() {
        if (options == null) {
            options = new TestBotStep();
        }
        return this;
    }

    /**
     * Describes the recorder.
     */
    @Extension
    @Symbol("testBotRecorder")
    public static final class DescriptorImpl extends BotRecorderDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(TestBotStep.BOT_ID, TestBotStep.class);
        }
    }
}
