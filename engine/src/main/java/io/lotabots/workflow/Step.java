package io.lotabots.workflow;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One node of a workflow: a task, a sequence, parallel branches, a condition, an approval point, or a body with a
 * failure path. Steps are immutable values; a {@link WorkflowRunner} executes them.
 */
public sealed interface Step {
    /**
     * Returns the name, as shown in progress lines and stage views.
     *
     * @return the name
     */
    String name();

    /**
     * Creates a task.
     *
     * @param name the name
     * @param action what it does
     * @return the task
     */
    static Task task(final String name, final StepAction action) {
        return new Task(name, action, false);
    }

    /**
     * Creates a task that runs a bot with the given options. The bot gets a context over the run's workspace, bus,
     * log and masker.
     *
     * @param name the name
     * @param bot the bot
     * @param options option name to value, as the bot's descriptor declares them
     * @return the task
     */
    static Task bot(final String name, final Bot<?, ?> bot, final Map<String, ?> options) {
        Map<String, ?> copy = Map.copyOf(options);
        return new Task(name, context -> {
            BotContext botContext = context.botContext().withLogPrefix(bot.getDescriptor().getName());
            return StepOutcome.of(bot.run(copy, botContext));
        }, false);
    }

    /**
     * Creates a sequence: each step runs after the one before it; a failure or abort stops the rest.
     *
     * @param name the name
     * @param steps the steps
     * @return the sequence
     */
    static Sequence sequence(final String name, final Step... steps) {
        return new Sequence(name, List.of(steps));
    }

    /**
     * Creates parallel branches: all run at once (fan-out), the step ends when all have ended (fan-in), with the
     * worst of their statuses.
     *
     * @param name the name
     * @param branches the branches
     * @return the step
     */
    static Parallel parallel(final String name, final Step... branches) {
        return new Parallel(name, List.of(branches));
    }

    /**
     * Creates a conditional step.
     *
     * @param name the name
     * @param description the condition in words, for example {@code branch is main}
     * @param condition decides from the state of the run so far
     * @param then the step run when the condition holds
     * @return the step
     */
    static Conditional when(final String name, final String description,
            final Predicate<WorkflowState> condition, final Step then) {
        return new Conditional(name, description, condition, then, null);
    }

    /**
     * Creates a conditional step with a step for when the condition does not hold.
     *
     * @param name the name
     * @param description the condition in words
     * @param condition decides from the state of the run so far
     * @param then the step run when the condition holds
     * @param otherwise the step run when it does not
     * @return the step
     */
    static Conditional choose(final String name, final String description,
            final Predicate<WorkflowState> condition, final Step then, final Step otherwise) {
        return new Conditional(name, description, condition, then, otherwise);
    }

    /**
     * Creates an approval point.
     *
     * @param name the name
     * @param gate the gate id users approve, for example {@code deploy.production}
     * @param description what happens once approved
     * @return the step
     */
    static Approval approval(final String name, final String gate, final String description) {
        return new Approval(name, gate, description);
    }

    /**
     * Creates a step with a failure path: when the body fails, the handler runs (for example a rollback). The
     * step stays failed; the handler's own status is recorded.
     *
     * @param name the name
     * @param body the step
     * @param handler the failure path
     * @return the step
     */
    static Recover onFailure(final String name, final Step body, final Step handler) {
        return new Recover(name, body, handler);
    }

    private static void requireUniqueNames(final String parent, final List<Step> children) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Step child : children) {
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("'" + parent + "' has two steps named '" + child.name()
                        + "'; give each step of a sequence or parallel a name of its own");
            }
        }
    }

    /**
     * Does one piece of work.
     *
     * @param name the name
     * @param action what it does
     * @param optional whether a failure only degrades the run (UNSTABLE) instead of stopping it
     */
    record Task(String name, StepAction action, boolean optional) implements Step {
        /**
         * Checks the values.
         */
        public Task {
            Objects.requireNonNull(name);
            Objects.requireNonNull(action);
        }

        /**
         * Returns this task as optional: a failure makes the run UNSTABLE and the run goes on.
         *
         * @return the optional task
         */
        public Task asOptional() {
            return new Task(name, action, true);
        }
    }

    /**
     * Runs steps one after the other.
     *
     * @param name the name
     * @param steps the steps
     */
    record Sequence(String name, List<Step> steps) implements Step {
        /**
         * Copies the steps.
         */
        public Sequence {
            steps = List.copyOf(steps);
            requireUniqueNames(name, steps);
        }
    }

    /**
     * Runs branches at once and waits for all.
     *
     * @param name the name
     * @param branches the branches
     */
    record Parallel(String name, List<Step> branches) implements Step {
        /**
         * Copies the branches.
         */
        public Parallel {
            branches = List.copyOf(branches);
            requireUniqueNames(name, branches);
        }
    }

    /**
     * Runs a step only if a condition holds.
     *
     * @param name the name
     * @param description the condition in words
     * @param condition the condition
     * @param then the step when it holds
     * @param otherwise the step when it does not, or {@code null}
     */
    record Conditional(String name, String description, Predicate<WorkflowState> condition, Step then,
            @CheckForNull Step otherwise) implements Step {
    }

    /**
     * Waits for an approval.
     *
     * @param name the name
     * @param gate the gate id
     * @param description what happens once approved
     */
    record Approval(String name, String gate, String description) implements Step {
    }

    /**
     * Runs a failure path when the body fails.
     *
     * @param name the name
     * @param body the step
     * @param handler the failure path
     */
    record Recover(String name, Step body, Step handler) implements Step {
    }
}
