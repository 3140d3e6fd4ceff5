package io.lotabots.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A scenario as its definition file states it.
 *
 * @param name the name used on the command line ({@code build-test-deploy})
 * @param title the title ({@code Basic Build-Test-Deploy})
 * @param description what it does, in a few sentences
 * @param trigger what starts it, in words ({@code push to main})
 * @param stages the stages in order
 * @param notification the bot and options that announce each stage's end, or {@code null}
 */
public record Scenario(String name, String title, String description, String trigger, List<ScenarioStage> stages,
        @CheckForNull Notify notification) {
    /**
     * Copies the stages.
     */
    public Scenario {
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
    }

    /**
     * Returns every bot stage, including those of parallel groups and failure paths, in order.
     *
     * @return the bot stages
     */
    public List<ScenarioStage.BotStage> botStages() {
        List<ScenarioStage.BotStage> result = new ArrayList<>();
        for (ScenarioStage stage : stages) {
            if (stage instanceof ScenarioStage.BotStage bot) {
                result.add(bot);
                result.addAll(bot.onFailure());
            } else if (stage instanceof ScenarioStage.ParallelStage parallel) {
                for (ScenarioStage.BotStage branch : parallel.branches()) {
                    result.add(branch);
                    result.addAll(branch.onFailure());
                }
            }
        }
        return result;
    }

    /**
     * The notification sent when a stage ends.
     *
     * @param bot the bot id ({@code notify})
     * @param options its options
     */
    public record Notify(String bot, Map<String, Object> options) {
        /**
         * Copies the options.
         */
        public Notify {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }
}
