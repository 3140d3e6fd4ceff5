package io.lotabots.bot;

/**
 * How a front-end names a bot's options in the messages it shows: the way its user typed them. A Jenkinsfile
 * writes {@code bluePort: 8181}, so Jenkins' messages say {@code bluePort}; the command line takes
 * {@code --blue-port 8181}, so its messages say {@code --blue-port}. The engine builds every message that names an
 * option through the naming of the run ({@link BotOptions#nameOf(BotOption)}, {@link BotContext#nameOf(BotOption)}).
 */
@FunctionalInterface
public interface OptionNaming {
    /** The names of a Jenkinsfile and of the options map: {@code bluePort}. The default. */
    OptionNaming PIPELINE = BotOption::getName;

    /** The flags of the command line: {@code --blue-port}. */
    OptionNaming COMMAND_LINE = BotOption::getCommandLineName;

    /**
     * Returns the name of an option as the user of this front-end writes it.
     *
     * @param option the option
     * @return the name, for example {@code bluePort} or {@code --blue-port}
     */
    String nameOf(BotOption<?> option);

    /**
     * Returns the name of an option given by its camelCase name, for options that are named in text (a front-end's
     * own settings, or a name the user typed that is no option at all).
     *
     * @param name the camelCase name, for example {@code allowEmpty}
     * @return the name as this front-end writes it, for example {@code --allow-empty}
     */
    default String nameOf(final String name) {
        return nameOf(BotOption.optional(name, OptionType.STRING, null, name));
    }
}
