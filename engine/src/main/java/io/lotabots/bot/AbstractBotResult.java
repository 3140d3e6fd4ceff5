package io.lotabots.bot;

import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.List;
import java.util.Objects;

/**
 * The part every bot result shares: status, summary, log and published messages. A bot's result extends it with
 * its own values and {@link #getOutputs()}.
 */
public abstract class AbstractBotResult implements BotResult {
    private final BotStatus status;
    private final String summary;
    private final EngineLog log;
    private final List<Message> messages;

    /**
     * Creates the shared part.
     *
     * @param status the status
     * @param summary one line about the run
     * @param log the log of the run
     * @param messages the messages the bot published
     */
    protected AbstractBotResult(final BotStatus status, final String summary, final EngineLog log,
            final List<Message> messages) {
        this.status = Objects.requireNonNull(status);
        this.summary = Objects.requireNonNull(summary);
        this.log = Objects.requireNonNull(log);
        this.messages = List.copyOf(messages);
    }

    @Override
    public final BotStatus getStatus() {
        return status;
    }

    @Override
    public final String getSummary() {
        return summary;
    }

    @Override
    public final EngineLog getLog() {
        return log;
    }

    @Override
    public final List<Message> getMessages() {
        return messages;
    }

    @Override
    public String toString() {
        return summary;
    }
}
