package io.lotabots.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way users type them: {@code 90s}, {@code 2m}, {@code 1h30m} (or {@code 1h 30m}),
 * {@code 500ms}, {@code 0} (zero needs no unit, as in Go and Prometheus), or ISO-8601 {@code PT2M}. Everything a person reads, help defaults, errors, summaries and logs,
 * goes through {@link #format(Duration)}: never {@code PT30M}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the text, for example {@code 1h30m} or {@code PT90S}
     * @return the duration
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(final String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT).replaceAll("(?<=[a-z])\\s+(?=\\d)", "");
        if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
            catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (trimmed.matches("0+")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw invalid(text);
        }
        Duration total = Duration.ZERO;
        Matcher matcher = PART.matcher(trimmed);
        try {
            while (matcher.find()) {
                long amount = Long.parseLong(matcher.group(1));
                total = total.plus(switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        }
        catch (ArithmeticException | NumberFormatException e) {
            throw invalid(text);
        }
        return total;
    }

    private static IllegalArgumentException invalid(final String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write it like 90s, 2m, 1h30m, 500ms"
                + " or PT2M");
    }

    /**
     * Formats a duration for people, in the units they type: {@code 500ms}, {@code 45s}, {@code 1.5s},
     * {@code 30m}, {@code 1h 30m}, {@code 2m 5s}, {@code 24h}. Whole values read back with {@link #parse(String)}.
     * Below a minute, a fraction of a second is shown to a tenth; from a minute on, times are rounded to the second.
     *
     * @param duration the duration
     * @return the text
     */
    public static String format(final Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long tenths = Math.round(millis / 100.0);
        if (tenths < 600 && tenths % 10 != 0) {
            return tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = Math.round(millis / 1000.0);
        StringBuilder text = new StringBuilder();
        append(text, seconds / 3600, "h");
        append(text, seconds % 3600 / 60, "m");
        append(text, seconds % 60, "s");
        return text.toString();
    }

    private static void append(final StringBuilder text, final long amount, final String unit) {
        if (amount > 0) {
            text.append(text.length() == 0 ? "" : " ").append(amount).append(unit);
        }
    }
}
