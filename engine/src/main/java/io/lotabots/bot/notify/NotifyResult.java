package io.lotabots.bot.notify;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a NotificationBot run did: how many deliveries went through and which failed (with secrets masked), and the
 * {@code notification.sent} and {@code notification.failed} messages it recorded.
 *
 * <p>{@link #getOutputs()} gives a Pipeline {@code sent}, {@code failed}, {@code channels} and {@code failures}.</p>
 */
public final class NotifyResult extends AbstractBotResult {
    private final int sent;
    private final List<String> failures;
    private final List<String> channels;

    NotifyResult(final BotStatus status, final String summary, final EngineLog log, final List<Message> messages,
            final int sent, final List<String> failures, final List<String> channels) {
        super(status, summary, log, messages);
        this.sent = sent;
        this.failures = List.copyOf(failures);
        this.channels = List.copyOf(channels);
    }

    /**
     * Returns the number of deliveries that went through.
     *
     * @return the count
     */
    public int getSent() {
        return sent;
    }

    /**
     * Returns the deliveries that failed.
     *
     * @return one line each, {@code channel: reason}, secrets masked
     */
    public List<String> getFailures() {
        return failures;
    }

    /**
     * Returns the channels the notification was routed to.
     *
     * @return the channel names
     */
    public List<String> getChannels() {
        return channels;
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("sent", sent);
        outputs.put("failed", failures.size());
        outputs.put("channels", channels);
        outputs.put("failures", failures);
        return Collections.unmodifiableMap(outputs);
    }
}
