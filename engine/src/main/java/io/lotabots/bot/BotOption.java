package io.lotabots.bot;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One option of a bot, declared once in its descriptor: the name a Jenkinsfile uses ({@code minCoverage}), the
 * command-line form derived from it ({@code --min-coverage}), the type, the default and one sentence of help.
 *
 * @param <T> the Java type of the value
 */
public final class BotOption<T> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private final String name;
    private final OptionType<T> type;
    @CheckForNull
    private final T defaultValue;
    private final String help;
    private final boolean required;
    private final boolean output;

    private BotOption(final String name, final OptionType<T> type, @CheckForNull final T defaultValue,
            final String help, final boolean required, final boolean output) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Option name '" + name + "' must be camelCase, like minCoverage");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.help = Objects.requireNonNull(help);
        this.required = required;
        this.output = output;
    }

    /**
     * Declares an option that may be left out; then it has the default value.
     *
     * @param name the camelCase name
     * @param type the type
     * @param defaultValue the default, or {@code null} for none
     * @param help one sentence: meaning, unit and an example
     * @param <T> the Java type
     * @return the option
     */
    public static <T> BotOption<T> optional(final String name, final OptionType<T> type,
            @CheckForNull final T defaultValue, final String help) {
        return new BotOption<>(name, type, defaultValue, help, false, false);
    }

    /**
     * Declares an optional text option that names a file the bot writes. Such a path goes through
     * {@link BotContext#getOutputs()}: it stays inside the workspace after links are resolved, unless the user named
     * it explicitly on the command line, where the front end checks it before the work starts.
     *
     * @param name the camelCase name
     * @param defaultValue the default, relative to the workspace
     * @param help one sentence: meaning and an example
     * @return the option
     */
    public static BotOption<String> outputFile(final String name, final String defaultValue, final String help) {
        return new BotOption<>(name, OptionType.STRING, defaultValue, help, false, true);
    }

    /**
     * Declares an option that must be given.
     *
     * @param name the camelCase name
     * @param type the type
     * @param help one sentence: meaning, unit and an example
     * @param <T> the Java type
     * @return the option
     */
    public static <T> BotOption<T> required(final String name, final OptionType<T> type, final String help) {
        return new BotOption<>(name, type, null, help, true, false);
    }

    /**
     * Returns the camelCase name, as a Jenkinsfile writes it.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the command-line form of the name.
     *
     * @return the long option, for example {@code --min-coverage}
     */
    public String getCommandLineName() {
        return "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the type.
     *
     * @return the type
     */
    public OptionType<T> getType() {
        return type;
    }

    /**
     * Returns the default value.
     *
     * @return the default, or empty if the option has none
     */
    public Optional<T> getDefaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Returns the default value as a person types it: {@code 30m}, not {@code PT30M}.
     *
     * @return the default, or empty if the option has none
     */
    public Optional<String> getDefaultText() {
        return getDefaultValue().map(type::format).filter(text -> !text.isEmpty());
    }

    /**
     * Returns the help sentence.
     *
     * @return the help
     */
    public String getHelp() {
        return help;
    }

    /**
     * Returns whether the option must be given.
     *
     * @return {@code true} if required
     */
    public boolean isRequired() {
        return required;
    }

    /**
     * Returns whether the option names a file the bot writes.
     *
     * @return {@code true} for options declared with {@link #outputFile(String, String, String)}
     */
    public boolean isOutputFile() {
        return output;
    }

    @Override
    public String toString() {
        return name;
    }
}
