package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jenkins.plugins.lotabots.BuildSecrets;
import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.util.SecretMasker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code botMessage type: 'custom.release_ready', payload: [version: '1.2.0']}: publishes a message on the build's
 * bus. Catalogue types (such as {@code test.completed}) are checked against their payload record, custom types only
 * for a well-formed name; a bad message fails the step with the engine's message naming the field. The message is
 * stamped with the enclosing stage and the build's correlation id, appended to the build's journal (which may start
 * jobs through {@link BotMessageTrigger}), and its id is returned.
 */
public class BotMessageStep extends Step {
    /** The sending bot when none is given. */
    public static final String DEFAULT_SOURCE = "Pipeline";

    private final String type;
    private Map<String, Object> payload = new LinkedHashMap<>();
    @CheckForNull
    private String payloadProblem;
    private String source = DEFAULT_SOURCE;
    @CheckForNull
    private String destination;

    /**
     * Creates the step.
     *
     * @param type the message type, for example {@code custom.release_ready}
     */
    @DataBoundConstructor
    public BotMessageStep(final String type) {
        this.type = type == null ? "" : type.trim();
    }

    public String getType() {
        return type;
    }

    public Map<String, Object> getPayload() {
        return payload;
    }

    /**
     * Sets the payload. It is copied here, while the script's sandbox still applies, and only plain data is taken
     * (text, numbers, booleans, lists and maps of the JDK's own classes): an object such as {@code currentBuild} or
     * {@code env} is refused without calling any of its methods, and the step then fails naming the value.
     *
     * @param payload text, numbers, booleans, lists and maps; empty by default
     */
    @DataBoundSetter
    @SuppressWarnings("unchecked")
    public void setPayload(@CheckForNull final Map<String, Object> payload) {
        this.payload = new LinkedHashMap<>();
        this.payloadProblem = null;
        if (payload == null) {
            return;
        }
        try {
            ObjectNode json = MessageCodec.get().toObject(payload);
            this.payload = MessageCodec.get().copyMapper().convertValue(json, LinkedHashMap.class);
        }
        catch (IllegalArgumentException e) {
            this.payloadProblem = e.getMessage();
        }
    }

    public String getSource() {
        return source;
    }

    /**
     * Sets the sending bot.
     *
     * @param source the bot name; {@value #DEFAULT_SOURCE} if blank
     */
    @DataBoundSetter
    public void setSource(@CheckForNull final String source) {
        this.source = source == null || source.isBlank() ? DEFAULT_SOURCE : source.trim();
    }

    @CheckForNull
    public String getDestination() {
        return destination;
    }

    /**
     * Sets the bot the message is addressed to.
     *
     * @param destination the bot name, or blank for a broadcast
     */
    @DataBoundSetter
    public void setDestination(@CheckForNull final String destination) {
        this.destination = destination == null || destination.isBlank() ? null : destination.trim();
    }

    @Override
    public StepExecution start(final StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /**
     * Builds and validates the message through the engine's bus, so that a bad type or payload gets the engine's
     * error.
     *
     * @param correlationId the build's correlation id
     * @param stage the enclosing stage, or {@code null}
     * @param causationId the message that started the build ({@link BotMessageCause}), or {@code null}: the cause of
     *        the message, so that a reaction never triggers the rule that started it
     * @return the message
     * @throws AbortException naming what is wrong with the message
     */
    Message toMessage(final String correlationId, @CheckForNull final String stage,
            @CheckForNull final String causationId) throws AbortException {
        if (type.isEmpty()) {
            throw new AbortException(Messages.BotMessageStep_TypeRequired());
        }
        if (payloadProblem != null) {
            throw new AbortException(Messages.BotMessageStep_Invalid(payloadProblem));
        }
        try {
            Message.Builder draft = Message.builder().type(type).source(source).destination(destination)
                    .payloadJson(MessageCodec.get().toObject(payload));
            if (stage != null && !stage.isBlank()) {
                draft.extension(BotContext.STAGE_EXTENSION, stage);
            }
            return MessageBus.builder().correlationId(correlationId).causationId(causationId).build().publish(draft);
        }
        catch (InvalidMessageException | IllegalArgumentException e) {
            throw new AbortException(Messages.BotMessageStep_Invalid(e.getMessage()));
        }
    }

    /**
     * Publishes the message off the CPS thread: appending writes files and may schedule builds.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final transient BotMessageStep step;

        Execution(final BotMessageStep step, final StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FlowNode node = getContext().get(FlowNode.class);
            String stage = node == null ? null : StageNames.of(node);
            RunJournal journal = RunJournal.of(run);
            BotMessageCause cause = run.getCause(BotMessageCause.class);
            Message message = step.toMessage(journal.correlationId(), stage,
                    cause == null ? null : cause.getMessageId());
            EnvVars env = getContext().get(EnvVars.class);
            SecretMasker masker = BuildSecrets.masker(BuildSecrets.values(env == null ? Map.of() : env,
                    BuildSecrets.sensitiveNames(run, getContext().get(EnvironmentExpander.class))));
            journal.appendAll(List.of(message), listener, masker::mask);
            if (node != null) {
                // The step's line in the stage views names the message it published.
                node.addOrReplaceAction(new LabelAction(Messages.BotMessageStep_Label(message.getType())));
            }
            listener.getLogger().println(Messages.BotMessageStep_Published(message.getType(), message.getId(),
                    stage == null ? "" : Messages.BotMessageStep_InStage(stage)));
            return message.getId();
        }
    }

    /**
     * Names the step {@code botMessage}.
     */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @Override
        public String getFunctionName() {
            return "botMessage";
        }

        @Override
        public String getDisplayName() {
            return Messages.BotMessageStep_DisplayName();
        }
    }
}
