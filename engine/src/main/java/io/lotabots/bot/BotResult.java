package io.lotabots.bot;

import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.List;
import java.util.Map;

/**
 * What every bot result offers a front-end: the status, a one-line summary, the log, the messages the bot
 * published, and the values a Pipeline reads from the step's return value.
 */
public interface BotResult {
    /**
     * Returns the status.
     *
     * @return the status
     */
    BotStatus getStatus();

    /**
     * Returns one line that sums up the run, for example {@code 370 tests, 0 failed, coverage 87.5%; SUCCESS}.
     *
     * @return the summary
     */
    String getSummary();

    /**
     * Returns the log of the run.
     *
     * @return the log
     */
    EngineLog getLog();

    /**
     * Returns the messages the bot published, in order.
     *
     * @return the messages
     */
    List<Message> getMessages();

    /**
     * Returns the values a Pipeline reads from the step's return value ({@code r.coverage}): texts, numbers,
     * booleans, and lists and maps of them.
     *
     * @return the values by name
     */
    Map<String, Object> getOutputs();
}
