package io.lotabots.bot;

import io.lotabots.error.LotaBotsException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The option values of one bot run, checked against the bot's descriptor: every given name is an option of the
 * bot, every value converts to the option's type, and every required option is present.
 */
public final class BotOptions {
    private final BotDescriptor<?> descriptor;
    private final Map<String, Object> values;
    private final OptionNaming naming;

    private BotOptions(final BotDescriptor<?> descriptor, final Map<String, Object> values,
            final OptionNaming naming) {
        this.descriptor = descriptor;
        this.values = values;
        this.naming = naming;
    }

    /**
     * Checks and converts the given values.
     *
     * @param descriptor the bot
     * @param given option name to value: command-line text, or the values a Pipeline step receives
     * @return the options
     * @throws LotaBotsException with {@link BotErrorCode#INVALID_OPTION} naming the bot, option and problem
     */
    public static BotOptions of(final BotDescriptor<?> descriptor, final Map<String, ?> given) {
        return of(descriptor, given, OptionNaming.PIPELINE);
    }

    /**
     * Checks and converts the given values; problems name the options the way the front-end's user writes them.
     *
     * @param descriptor the bot
     * @param given option name to value: command-line text, or the values a Pipeline step receives
     * @param naming how the front-end names options, for example {@link OptionNaming#COMMAND_LINE}
     * @return the options
     * @throws LotaBotsException with {@link BotErrorCode#INVALID_OPTION} naming the bot, option and problem
     */
    public static BotOptions of(final BotDescriptor<?> descriptor, final Map<String, ?> given,
            final OptionNaming naming) {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : given.entrySet()) {
            BotOption<?> option = descriptor.findOption(entry.getKey()).orElseThrow(() -> invalid(descriptor,
                    naming.nameOf(entry.getKey()), "is not an option of " + descriptor.getName()
                            + "; its options are " + descriptor.getOptions().stream().map(naming::nameOf)
                                    .collect(Collectors.joining(", "))));
            if (entry.getValue() == null) {
                continue;
            }
            try {
                converted.put(option.getName(), option.getType().convert(entry.getValue()));
            }
            catch (IllegalArgumentException e) {
                throw invalid(descriptor, naming.nameOf(option), e.getMessage());
            }
        }
        for (BotOption<?> option : descriptor.getOptions()) {
            if (option.isRequired() && !converted.containsKey(option.getName())) {
                throw invalid(descriptor, naming.nameOf(option), "is required: " + option.getHelp());
            }
        }
        return new BotOptions(descriptor, converted, naming);
    }

    /**
     * Returns the name of an option as the user of the front-end wrote it, for messages about its value:
     * {@code bluePort} in Jenkins, {@code --blue-port} on the command line.
     *
     * @param option the option
     * @return the name
     */
    public String nameOf(final BotOption<?> option) {
        return naming.nameOf(option);
    }

    /**
     * Returns how the front-end names options.
     *
     * @return the naming
     */
    public OptionNaming getNaming() {
        return naming;
    }

    private static LotaBotsException invalid(final BotDescriptor<?> descriptor, final String option,
            final String problem) {
        return LotaBotsException.of(BotErrorCode.INVALID_OPTION,
                "Option '" + option + "' of " + descriptor.getName() + " " + problem);
    }

    /**
     * Returns the value of an option, or its default.
     *
     * @param option the option, which must belong to this bot
     * @param <T> the type
     * @return the value, or {@code null} if neither given nor defaulted
     */
    @edu.umd.cs.findbugs.annotations.CheckForNull
    @SuppressWarnings("unchecked")
    public <T> T get(final BotOption<T> option) {
        if (!descriptor.getOptions().contains(option)) {
            throw new IllegalArgumentException(option + " is not an option of " + descriptor.getName());
        }
        Object value = values.get(option.getName());
        return value == null ? option.getDefaultValue().orElse(null) : (T) value;
    }

    /**
     * Returns the value of an option that has a value or a default.
     *
     * @param option the option
     * @param <T> the type
     * @return the value
     */
    public <T> T require(final BotOption<T> option) {
        return Objects.requireNonNull(get(option), () -> option + " has neither a value nor a default");
    }

    /**
     * Returns whether the option was given, rather than defaulted.
     *
     * @param option the option
     * @return {@code true} if given
     */
    public boolean isGiven(final BotOption<?> option) {
        return values.containsKey(option.getName());
    }

    /**
     * Returns the given values, by option name.
     *
     * @return the values
     */
    public Map<String, Object> getGiven() {
        return Map.copyOf(values);
    }
}
