package io.lotabots.workflow;

/**
 * Follows a run as it happens, for progress output.
 */
public interface WorkflowListener {
    /** A listener that ignores everything. */
    WorkflowListener NONE = new WorkflowListener() {
    };

    /**
     * A step started.
     *
     * @param path the step's path
     * @param kind the kind of step
     */
    default void stepStarted(final String path, final String kind) {
        // ignored
    }

    /**
     * A step ended, or was decided not to run.
     *
     * @param record what happened
     */
    default void stepFinished(final StepRecord record) {
        // ignored
    }
}
