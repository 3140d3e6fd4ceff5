package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;
import io.lotabots.util.OutputPaths;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The output files a user names on the command line ({@code --sarif-out FILE}, {@code --set security.sarifOut=FILE}):
 * each is checked before the work starts and may then lie anywhere, as with any command-line tool. Every other path a
 * bot writes stays inside the working directory ({@link OutputPaths}).
 */
final class OutputOptions {
    private OutputOptions() {
    }

    /**
     * Checks the output options given to one bot and allows them.
     *
     * @param outputs the rule of the working directory
     * @param bot the bot
     * @param values the options the user gave, by name
     * @return the rule with those outputs allowed
     */
    static OutputPaths allow(final OutputPaths outputs, final Bot<?, ?> bot, final Map<String, Object> values) {
        OutputPaths result = outputs;
        for (BotOption<?> option : bot.getDescriptor().getOptions()) {
            Object value = values.get(option.getName());
            if (option.isOutputFile() && value instanceof String text && !text.isBlank()) {
                result = allow(result, text, option.getCommandLineName());
            }
        }
        return result;
    }

    /**
     * Checks the output options among {@code --set} overrides and allows them.
     *
     * @param outputs the rule of the working directory
     * @param registry the bots, whose output options are recognised by name
     * @param overrides key to option to value, as {@link WorkflowSession#parseOverrides} returns them
     * @return the rule with those outputs allowed
     */
    static OutputPaths allow(final OutputPaths outputs, final BotRegistry registry,
            final Map<String, Map<String, Object>> overrides) {
        Set<String> names = new HashSet<>();
        for (Bot<?, ?> bot : registry.getBots()) {
            bot.getDescriptor().getOptions().stream().filter(BotOption::isOutputFile).map(BotOption::getName)
                    .forEach(names::add);
        }
        OutputPaths result = outputs;
        for (Map.Entry<String, Map<String, Object>> key : overrides.entrySet()) {
            for (Map.Entry<String, Object> option : key.getValue().entrySet()) {
                if (names.contains(option.getKey()) && option.getValue() instanceof String text && !text.isBlank()) {
                    result = allow(result, text, "--set " + key.getKey() + "." + option.getKey());
                }
            }
        }
        return result;
    }

    private static OutputPaths allow(final OutputPaths outputs, final String text, final String what) {
        Path file = outputs.getWorkspace().resolve(text).normalize();
        OutputPaths.checkWritable(file, what);
        return outputs.allowing(file);
    }
}
