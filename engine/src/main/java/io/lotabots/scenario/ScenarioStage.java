package io.lotabots.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One stage of a scenario, named as the stage views show it.
 */
public sealed interface ScenarioStage {
    /**
     * Returns the stage name, for example {@code Deploy to Production}.
     *
     * @return the name
     */
    String stage();

    /**
     * A stage that runs one bot.
     *
     * @param id the stage id, used to override its options ({@code deployProduction})
     * @param stage the stage name
     * @param bot the bot id ({@code deploy})
     * @param options the scenario's options for the bot, before user overrides
     * @param when a condition in words that must hold for the stage to run, such as {@code branch == main}, or
     *     {@code null}
     * @param optional whether a failure only marks the run unstable
     * @param onFailure the stages of the failure path (a rollback), run when this stage fails
     */
    record BotStage(String id, String stage, String bot, Map<String, Object> options, @CheckForNull Condition when,
            boolean optional, List<BotStage> onFailure) implements ScenarioStage {
        /**
         * Copies the collections.
         */
        public BotStage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(bot, "bot");
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            onFailure = List.copyOf(onFailure);
        }
    }

    /**
     * Stages that run at the same time; the stage ends when all have.
     *
     * @param stage the name of the group
     * @param branches the stages
     */
    record ParallelStage(String stage, List<BotStage> branches) implements ScenarioStage {
        /**
         * Copies the branches.
         */
        public ParallelStage {
            branches = List.copyOf(branches);
        }
    }

    /**
     * A point where a person must approve before the run goes on.
     *
     * @param stage the stage name
     * @param gate the gate id users approve ({@code deploy.production})
     * @param description what happens once approved
     * @param when a condition that must hold for the approval to be asked, or {@code null}
     */
    record ApprovalStage(String stage, String gate, String description, @CheckForNull Condition when)
            implements ScenarioStage {
    }

    /**
     * A condition on a run parameter: {@code branch == main} or {@code branch != main}.
     *
     * @param parameter the parameter
     * @param value the value compared with
     * @param equal whether the parameter must equal the value (or differ from it)
     */
    record Condition(String parameter, String value, boolean equal) {
        /**
         * Returns whether the condition holds for the parameters of a run. A parameter that is not set differs
         * from every value.
         *
         * @param parameters the run's parameters
         * @return whether it holds
         */
        public boolean holds(final Map<String, String> parameters) {
            return value.equals(parameters.get(parameter)) == equal;
        }

        @Override
        public String toString() {
            return parameter + (equal ? " == " : " != ") + value;
        }
    }
}
