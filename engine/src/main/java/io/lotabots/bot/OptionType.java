package io.lotabots.bot;

import io.lotabots.util.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The kind of value an option takes, with its conversions from command-line text and from the values a Pipeline
 * step receives (numbers, booleans, lists). A conversion that fails throws {@link IllegalArgumentException} with a
 * sentence that says what is expected; {@link BotOptions} puts the bot and option name in front of it.
 *
 * @param <T> the Java type of the value
 */
public final class OptionType<T> {
    /** Text. */
    public static final OptionType<String> STRING = new OptionType<>("text", String.class, text -> text);
    /** A whole number. */
    public static final OptionType<Integer> INTEGER = new OptionType<>("integer", Integer.class,
            OptionType::parseInteger);
    /** A decimal number. */
    public static final OptionType<Double> DECIMAL = new OptionType<>("number", Double.class,
            OptionType::parseDecimal);
    /** {@code true} or {@code false}. */
    public static final OptionType<Boolean> BOOLEAN = new OptionType<>("boolean", Boolean.class,
            OptionType::parseBoolean);
    /** A duration such as {@code 90s}, {@code 2m} or {@code PT2M}. */
    public static final OptionType<Duration> DURATION = new OptionType<>("duration", Duration.class,
            Durations::parse);
    /** A list of texts; on the command line the option is repeated or given comma-separated. */
    public static final OptionType<List<String>> STRING_LIST = listOf();

    private final String name;
    private final Class<?> javaType;
    private final Function<String, T> parser;
    private final List<String> choices;

    private OptionType(final String name, final Class<?> javaType, final Function<String, T> parser) {
        this(name, javaType, parser, List.of());
    }

    private OptionType(final String name, final Class<?> javaType, final Function<String, T> parser,
            final List<String> choices) {
        this.name = name;
        this.javaType = javaType;
        this.parser = parser;
        this.choices = List.copyOf(choices);
    }

    /**
     * Returns a type that accepts one of the given words, case-sensitive.
     *
     * @param values the words, for example {@code rolling}, {@code blueGreen}, {@code canary}
     * @return the type
     */
    public static OptionType<String> choice(final String... values) {
        List<String> allowed = List.of(values);
        return new OptionType<>("one of " + String.join(", ", allowed), String.class, text -> {
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", allowed) + ", was '"
                        + text + "'");
            }
            return text;
        }, allowed);
    }

    @SuppressWarnings("unchecked")
    private static OptionType<List<String>> listOf() {
        return new OptionType<>("list", List.class, text -> Arrays.stream(text.split(","))
                .map(String::trim).filter(part -> !part.isEmpty()).toList());
    }

    /**
     * Returns a short name of the type for help texts.
     *
     * @return the name, for example {@code integer}
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the allowed values of a choice type.
     *
     * @return the values, empty if the type is not a choice
     */
    public List<String> getChoices() {
        return choices;
    }

    /**
     * Returns whether this type takes a list of values.
     *
     * @return {@code true} for lists
     */
    public boolean isList() {
        return javaType == List.class;
    }

    /**
     * Converts command-line text.
     *
     * @param text the text
     * @return the value
     * @throws IllegalArgumentException if the text is not of this type
     */
    public T parse(final String text) {
        return parser.apply(text);
    }

    /**
     * Writes a value of this type as a person types it, for help texts, defaults and messages: {@code 30m} for a
     * duration (never {@code PT30M}), {@code slack,email} for a list, the text of anything else.
     *
     * @param value a value of this type
     * @return the text
     */
    public String format(final T value) {
        if (value instanceof Duration duration) {
            return Durations.format(duration);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /**
     * Converts a value as a Pipeline step or a map of overrides gives it: a value of the right Java type, a
     * number for a number, a collection for a list, or text that {@link #parse(String)} accepts.
     *
     * @param value the value
     * @return the converted value
     * @throws IllegalArgumentException if the value is not of this type
     */
    @SuppressWarnings("unchecked")
    public T convert(final Object value) {
        if (isList() && value instanceof Collection<?> collection) {
            List<String> texts = new ArrayList<>();
            for (Object element : collection) {
                texts.add(String.valueOf(element));
            }
            return (T) List.copyOf(texts);
        }
        if (javaType == Double.class && value instanceof Number number) {
            if (!Double.isFinite(number.doubleValue())) {
                throw new IllegalArgumentException("expected a finite number, was " + value);
            }
            return (T) Double.valueOf(number.doubleValue());
        }
        if (javaType == Integer.class && value instanceof Number number) {
            if (number.doubleValue() != number.intValue()) {
                throw new IllegalArgumentException("expected a whole number, was " + value);
            }
            return (T) Integer.valueOf(number.intValue());
        }
        if (javaType.isInstance(value) && choices.isEmpty()) {
            return (T) value;
        }
        return parse(String.valueOf(value));
    }

    private static Integer parseInteger(final String text) {
        try {
            return Integer.valueOf(text.trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, was '" + text + "'", e);
        }
    }

    private static Double parseDecimal(final String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("expected a finite number, was '" + text + "'");
            }
            return value;
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, was '" + text + "'", e);
        }
    }

    private static Boolean parseBoolean(final String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (Set.of("true", "yes", "on").contains(normalized)) {
            return Boolean.TRUE;
        }
        if (Set.of("false", "no", "off").contains(normalized)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false, was '" + text + "'");
    }

    @Override
    public String toString() {
        return name;
    }
}
