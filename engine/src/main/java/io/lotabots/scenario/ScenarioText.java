package io.lotabots.scenario;

import java.util.Map;

/**
 * Renders a scenario as text for people: its flow, one line per stage, with conditions, approvals, parallel
 * branches and failure paths, as {@code lotabots scenario show} prints it.
 */
public final class ScenarioText {
    private ScenarioText() {
    }

    /**
     * Renders a scenario.
     *
     * @param scenario the scenario
     * @return the text, ending with a line break
     */
    public static String render(final Scenario scenario) {
        StringBuilder out = new StringBuilder();
        out.append(scenario.title()).append(" (").append(scenario.name()).append(")\n");
        out.append("Trigger: ").append(scenario.trigger()).append('\n');
        out.append(scenario.description().strip()).append("\n\n");
        int number = 1;
        for (ScenarioStage stage : scenario.stages()) {
            String prefix = number++ + ". ";
            if (stage instanceof ScenarioStage.BotStage bot) {
                botLine(out, prefix, bot);
            } else if (stage instanceof ScenarioStage.ParallelStage parallel) {
                out.append(prefix).append(parallel.stage()).append(" (in parallel)\n");
                for (ScenarioStage.BotStage branch : parallel.branches()) {
                    botLine(out, "   | ", branch);
                }
            } else if (stage instanceof ScenarioStage.ApprovalStage approval) {
                out.append(prefix).append(approval.stage()).append(": approval '").append(approval.gate()).append('\'');
                if (approval.when() != null) {
                    out.append(" when ").append(approval.when());
                }
                if (!approval.description().isEmpty()) {
                    out.append(" - ").append(approval.description());
                }
                out.append('\n');
            }
        }
        Scenario.Notify notify = scenario.notification();
        if (notify != null) {
            out.append("\nAfter each stage: ").append(notify.bot()).append(options(notify.options())).append('\n');
        }
        return out.toString();
    }

    private static void botLine(final StringBuilder out, final String prefix, final ScenarioStage.BotStage stage) {
        out.append(prefix).append(stage.stage()).append(": ").append(stage.bot()).append(options(stage.options()));
        if (stage.when() != null) {
            out.append(" when ").append(stage.when());
        }
        if (stage.optional()) {
            out.append(" (optional)");
        }
        out.append("   [id ").append(stage.id()).append("]\n");
        for (ScenarioStage.BotStage handler : stage.onFailure()) {
            botLine(out, "   on failure -> ", handler);
        }
    }

    private static String options(final Map<String, Object> options) {
        if (options.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        options.forEach((key, value) -> text.append(text.length() > 2 ? ", " : "").append(key).append('=').append(value));
        return text.append(')').toString();
    }
}
