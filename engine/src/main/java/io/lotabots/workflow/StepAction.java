package io.lotabots.workflow;

/**
 * The work of a task.
 */
@FunctionalInterface
public interface StepAction {
    /**
     * Does the work.
     *
     * @param context the step's view of the run
     * @return how it ended
     * @throws Exception if it failed; a {@link io.lotabots.error.LotaBotsException} is reported with its message
     *         alone, anything else with its type too
     */
    StepOutcome execute(StepContext context) throws Exception;
}
