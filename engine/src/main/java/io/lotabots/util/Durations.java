package io.lotabots.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way users type them: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 500ms}, or
 * ISO-8601 {@code PT2M}.
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
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
            catch (DateTimeParseException e) {
                throw invalid(text);
            }
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
     * Formats a duration for people: {@code 1m 05s}, {@code 850 ms}.
     *
     * @param duration the duration
     * @return the text
     */
    public static String format(final Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = Math.round(millis / 1000.0);
        if (millis < 59_950) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
