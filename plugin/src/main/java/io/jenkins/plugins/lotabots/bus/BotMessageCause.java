package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.model.Cause;
import hudson.model.Run;

import io.lotabots.message.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.kohsuke.stapler.export.Exported;

/**
 * Why a build started: another build published a message that its {@link BotMessageTrigger} subscribes to. An
 * {@link Cause.UpstreamCause}, so Jenkins shows and links the upstream build as usual; it also names the message and
 * keeps its correlation id, and the chain of jobs that led here, which stops trigger loops.
 */
public class BotMessageCause extends Cause.UpstreamCause {
    /** The longest chain of builds started by messages; a longer chain is treated as a loop. */
    static final int MAX_CHAIN = 10;

    private final String messageId;
    private final String messageType;
    @CheckForNull
    private final String correlationId;
    /**
     * The full names of the jobs whose messages led to this build, oldest first, the direct upstream last; absent in
     * a cause saved by an older version.
     */
    @CheckForNull
    private final List<String> chain;

    /**
     * Creates the cause.
     *
     * @param upstream the build that published the message
     * @param message the message
     * @param correlationId the correlation id the new build continues
     */
    public BotMessageCause(final Run<?, ?> upstream, final Message message, final String correlationId) {
        super(upstream);
        this.messageId = message.getId();
        this.messageType = message.getType();
        this.correlationId = correlationId;
        List<String> jobs = new ArrayList<>();
        BotMessageCause previous = upstream.getCause(BotMessageCause.class);
        if (previous != null) {
            jobs.addAll(previous.getChain());
        }
        jobs.add(upstream.getParent().getFullName());
        this.chain = jobs;
    }

    /**
     * Returns the id of the message that started the build.
     *
     * @return the message id
     */
    @Exported(visibility = 3)
    public String getMessageId() {
        return messageId;
    }

    /**
     * Returns the type of the message that started the build.
     *
     * @return the type, for example {@code alert.triggered}
     */
    @Exported(visibility = 3)
    public String getMessageType() {
        return messageType;
    }

    /**
     * Returns the correlation id the new build continues.
     *
     * @return the correlation id
     */
    @Exported(visibility = 3)
    @CheckForNull
    public String getCorrelationId() {
        return correlationId;
    }

    /**
     * Returns the jobs whose messages led to this build, oldest first.
     *
     * @return the job full names
     */
    public List<String> getChain() {
        return chain == null ? List.of() : Collections.unmodifiableList(chain);
    }

    @Override
    public String getShortDescription() {
        return Messages.BotMessageCause_ShortDescription(messageType, getUpstreamProject(), getUpstreamBuild());
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof BotMessageCause && super.equals(other)
                && messageId.equals(((BotMessageCause) other).messageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), messageId);
    }
}
