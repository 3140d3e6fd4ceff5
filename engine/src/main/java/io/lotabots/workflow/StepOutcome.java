package io.lotabots.workflow;

import io.lotabots.bot.BotResult;
import io.lotabots.message.Message;

import java.util.List;
import java.util.Map;

/**
 * What one task reports when it ends.
 *
 * @param status SUCCESS, UNSTABLE or FAILURE
 * @param summary one line about what happened
 * @param messages the messages the task published
 * @param outputs values later steps and conditions can read
 */
public record StepOutcome(StepStatus status, String summary, List<Message> messages, Map<String, Object> outputs) {
    /**
     * Copies the lists.
     */
    public StepOutcome {
        messages = List.copyOf(messages);
        outputs = Map.copyOf(outputs);
        if (status == StepStatus.SKIPPED || status == StepStatus.NOT_RUN || status == StepStatus.ABORTED) {
            throw new IllegalArgumentException("A task ends with SUCCESS, UNSTABLE or FAILURE, not " + status);
        }
    }

    /**
     * A task that passed.
     *
     * @param summary one line
     * @return the outcome
     */
    public static StepOutcome success(final String summary) {
        return new StepOutcome(StepStatus.SUCCESS, summary, List.of(), Map.of());
    }

    /**
     * A task that failed.
     *
     * @param summary one line that says what failed
     * @return the outcome
     */
    public static StepOutcome failure(final String summary) {
        return new StepOutcome(StepStatus.FAILURE, summary, List.of(), Map.of());
    }

    /**
     * The outcome of a bot run.
     *
     * @param result the bot's result
     * @return the outcome
     */
    public static StepOutcome of(final BotResult result) {
        return new StepOutcome(StepStatus.of(result.getStatus()), result.getSummary(), result.getMessages(),
                result.getOutputs());
    }
}
