package io.lotabots.workflow;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a run of a workflow did.
 *
 * @param workflow the workflow's name
 * @param status the overall status: the worst of its steps, ABORTED for a run that was interrupted
 * @param start when it started
 * @param duration how long it took
 * @param steps every step, in the order they started
 * @param interruption why the run was interrupted, or {@code null} if it was not
 */
public record WorkflowRun(String workflow, StepStatus status, Instant start, Duration duration,
        List<StepRecord> steps, @CheckForNull String interruption) {
    /**
     * Copies the steps.
     */
    public WorkflowRun {
        steps = List.copyOf(steps);
    }

    /**
     * Creates the record of a run that was not interrupted.
     *
     * @param workflow the workflow's name
     * @param status the overall status
     * @param start when it started
     * @param duration how long it took
     * @param steps every step, in the order they started
     */
    public WorkflowRun(final String workflow, final StepStatus status, final Instant start, final Duration duration,
            final List<StepRecord> steps) {
        this(workflow, status, start, duration, steps, null);
    }

    /**
     * Returns why the run was interrupted.
     *
     * @return the reason, for example {@code interrupted by SIGINT}, or empty if the run was not interrupted
     */
    public Optional<String> interrupted() {
        return Optional.ofNullable(interruption);
    }

    /**
     * Finds the record of a step by name or path.
     *
     * @param nameOrPath the name or path
     * @return the record
     */
    public Optional<StepRecord> step(final String nameOrPath) {
        return steps.stream().filter(record -> record.path().equals(nameOrPath)
                || record.name().equals(nameOrPath)).findFirst();
    }
}
