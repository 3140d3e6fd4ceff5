package io.lotabots.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a run of a workflow did.
 *
 * @param workflow the workflow's name
 * @param status the overall status: the worst of its steps
 * @param start when it started
 * @param duration how long it took
 * @param steps every step, in the order they started
 */
public record WorkflowRun(String workflow, StepStatus status, Instant start, Duration duration,
        List<StepRecord> steps) {
    /**
     * Copies the steps.
     */
    public WorkflowRun {
        steps = List.copyOf(steps);
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
