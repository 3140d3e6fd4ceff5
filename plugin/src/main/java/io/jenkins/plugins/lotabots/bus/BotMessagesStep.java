package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.Extension;
import hudson.model.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code botMessages(type: 'test.completed')}: returns the messages this build published so far, optionally only of
 * one type and one sending bot, as a list of maps with the fields of the REST API: {@code id}, {@code type},
 * {@code source}, {@code destination}, {@code stage}, {@code time}, {@code summary}, {@code correlationId} and
 * {@code data} (the payload).
 */
public class BotMessagesStep extends Step {
    @CheckForNull
    private String type;
    @CheckForNull
    private String bot;

    /**
     * Creates the step; without a type or bot it returns every message.
     */
    @DataBoundConstructor
    public BotMessagesStep() {
        // every field is optional
    }

    @CheckForNull
    public String getType() {
        return type;
    }

    /**
     * Keeps only messages of one type.
     *
     * @param type the type, or blank for all
     */
    @DataBoundSetter
    public void setType(@CheckForNull final String type) {
        this.type = type == null || type.isBlank() ? null : type.trim();
    }

    @CheckForNull
    public String getBot() {
        return bot;
    }

    /**
     * Keeps only messages sent by one bot.
     *
     * @param bot the bot name, for example {@code TestBot}, or blank for all
     */
    @DataBoundSetter
    public void setBot(@CheckForNull final String bot) {
        this.bot = bot == null || bot.isBlank() ? null : bot.trim();
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /**
     * Reads the journal off the CPS thread.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;

        private final transient BotMessagesStep step;

        Execution(final BotMessagesStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            List<MessageView> views = MessageView.of(
                    RunJournal.of(run).read(BotMessagesAction.filterOf(step.bot, step.type)));
            List<Map<String, Object>> result = new ArrayList<>(views.size());
            for (MessageView view : views) {
                result.add(view.toMap());
            }
            return result;
        }
    }

    /**
     * Names the step {@code botMessages}.
     */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class);
        }

        @Override
        public String getFunctionName() {
            return "botMessages";
        }

        @Override
        public String getDisplayName() {
            return Messages.BotMessagesStep_DisplayName();
        }
    }
}
