package io.lotabots.workflow;

import io.lotabots.bot.BotStatus;

/**
 * The status of a step or a whole run, in the order of the Jenkins results they map to.
 */
public enum StepStatus {
    /** The step ran and passed. */
    SUCCESS,
    /** The step's condition was false; it did not run, and that is fine. */
    SKIPPED,
    /** The step did not run because an earlier step failed or was aborted, or the run was interrupted. */
    NOT_RUN,
    /** The step ran with warnings, or an optional step failed and the run went on degraded. */
    UNSTABLE,
    /** The step failed. */
    FAILURE,
    /** The run stopped at an approval point that was not approved, or was interrupted while the step ran. */
    ABORTED;

    /**
     * Returns the worse of this status and the other, counting SKIPPED and NOT_RUN as SUCCESS.
     *
     * @param other the other status
     * @return the worse one
     */
    public StepStatus worse(final StepStatus other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case SUCCESS, SKIPPED, NOT_RUN -> 0;
            case UNSTABLE -> 1;
            case FAILURE -> 2;
            case ABORTED -> 3;
        };
    }

    /**
     * Returns whether this status stops the steps after it in a sequence.
     *
     * @return {@code true} for FAILURE and ABORTED
     */
    public boolean stopsRun() {
        return this == FAILURE || this == ABORTED;
    }

    /**
     * Returns the step status of a bot status.
     *
     * @param status the bot status
     * @return the step status
     */
    public static StepStatus of(final BotStatus status) {
        return switch (status) {
            case SUCCESS -> SUCCESS;
            case UNSTABLE -> UNSTABLE;
            case FAILURE -> FAILURE;
        };
    }
}
