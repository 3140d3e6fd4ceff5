package io.lotabots.workflow;

import io.lotabots.bus.MessageFilter;
import io.lotabots.message.Message;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a run so far, for conditions and tasks: the records of finished steps, the run's parameters and the
 * messages on the bus.
 */
public interface WorkflowState {
    /**
     * Returns the record of a finished step, found by its name or path.
     *
     * @param nameOrPath the step's name ({@code Test}) or path ({@code Checks/Test})
     * @return the record, or empty if it has not finished
     */
    Optional<StepRecord> step(String nameOrPath);

    /**
     * Returns whether a step finished with SUCCESS or UNSTABLE.
     *
     * @param nameOrPath the step's name or path
     * @return {@code true} if it passed
     */
    default boolean passed(final String nameOrPath) {
        return step(nameOrPath).map(record -> record.status() == StepStatus.SUCCESS
                || record.status() == StepStatus.UNSTABLE).orElse(false);
    }

    /**
     * Returns the run's parameters, for example {@code branch=main}.
     *
     * @return the parameters
     */
    Map<String, String> parameters();

    /**
     * Returns the messages on the bus that the filter keeps.
     *
     * @param filter the filter
     * @return the messages
     */
    List<Message> messages(MessageFilter filter);
}
