package io.lotabots.workflow;

import java.util.List;

/**
 * A named workflow: what a scenario runs.
 *
 * @param name the name, for example {@code build-test-deploy}
 * @param description one sentence
 * @param root the steps, in a sequence
 */
public record Workflow(String name, String description, Step.Sequence root) {
    /**
     * Creates a workflow of the given steps, run in sequence.
     *
     * @param name the name
     * @param description one sentence
     * @param steps the steps
     * @return the workflow
     */
    public static Workflow of(final String name, final String description, final Step... steps) {
        return new Workflow(name, description, new Step.Sequence(name, List.of(steps)));
    }
}
