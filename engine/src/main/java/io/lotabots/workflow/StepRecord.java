package io.lotabots.workflow;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened to one step of a run.
 *
 * @param path the step's place in the workflow, for example {@code Checks/Test}
 * @param kind task, sequence, parallel, condition, approval or recover
 * @param status the status
 * @param start when it started; for steps that did not run, when that was decided
 * @param duration how long it ran
 * @param summary one line about what happened
 * @param messageIds the ids of the messages the step published
 * @param outputs the values a task reported
 * @param error what failed, or {@code null}
 */
public record StepRecord(String path, String kind, StepStatus status, Instant start, Duration duration,
        String summary, List<String> messageIds, Map<String, Object> outputs, @CheckForNull String error) {
    /**
     * Copies the lists.
     */
    public StepRecord {
        messageIds = List.copyOf(messageIds);
        outputs = Map.copyOf(outputs);
    }

    /**
     * Returns the last part of the path.
     *
     * @return the step's name
     */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
