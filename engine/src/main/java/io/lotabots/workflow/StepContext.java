package io.lotabots.workflow;

import io.lotabots.bot.BotContext;
import io.lotabots.message.BusMessage;
import io.lotabots.message.Message;
import io.lotabots.util.LogSink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A task's view of the run: its path, the state so far, a log, a way to publish messages that are recorded as the
 * task's own, and a bot context for running bots.
 */
public final class StepContext {
    private final String path;
    private final WorkflowState state;
    private final BotContext botContext;
    private final List<Message> published = new CopyOnWriteArrayList<>();

    StepContext(final String path, final WorkflowState state, final BotContext botContext) {
        this.path = path;
        this.state = state;
        this.botContext = botContext.withStage(path.substring(path.lastIndexOf('/') + 1));
    }

    /**
     * Returns the task's path in the workflow.
     *
     * @return the path, for example {@code Checks/Test}
     */
    public String getPath() {
        return path;
    }

    /**
     * Returns the state of the run so far.
     *
     * @return the state
     */
    public WorkflowState getState() {
        return state;
    }

    /**
     * Returns the run's parameters.
     *
     * @return the parameters
     */
    public Map<String, String> getParameters() {
        return state.parameters();
    }

    /**
     * Returns the log; every line is masked.
     *
     * @return the log
     */
    public LogSink getLog() {
        return botContext.getLog();
    }

    /**
     * Returns the context bots of this task run in.
     *
     * @return the bot context
     */
    public BotContext botContext() {
        return botContext;
    }

    /**
     * Publishes a message recorded as this task's own.
     *
     * @param source the sending bot
     * @param payload the payload
     * @return the message
     */
    public Message publish(final String source, final BusMessage payload) {
        Message message = botContext.publish(source, payload);
        published.add(message);
        return message;
    }

    List<Message> getPublished() {
        return List.copyOf(published);
    }
}
