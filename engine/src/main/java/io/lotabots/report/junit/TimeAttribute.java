package io.lotabots.report.junit;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads a {@code time} attribute as tools actually write it: {@code 0.012}, {@code 12}, {@code 1e-3}, and the
 * locale-formatted numbers of older Surefire versions and of machines with a non-English locale: {@code 1,234.5}
 * and {@code 1.234,5} (grouping and decimal separators), {@code 0,005} (decimal comma). A lone comma followed by
 * exactly three digits ({@code 1,234}) is read as grouping, as the Jenkins JUnit plugin does, unless the number
 * starts with 0 ({@code 0,005}).
 */
final class TimeAttribute {
    /** More than 30 years: no test runs that long, so such a value is a broken report, not a duration. */
    static final double MAX_SECONDS = 1e9;

    private static final Pattern NUMBER = Pattern.compile("\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern GROUPED = Pattern.compile("[1-9]\\d{0,2}(,\\d{3})+");
    private static final Pattern GROUPED_WITH_DECIMAL_POINT = Pattern.compile("[1-9]\\d{0,2}(,\\d{3})+\\.\\d*");
    private static final Pattern GROUPED_WITH_DECIMAL_COMMA = Pattern.compile("[1-9]\\d{0,2}(\\.\\d{3})+,\\d*");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d*,\\d+");

    private TimeAttribute() {
    }

    /**
     * Parses a duration in seconds.
     *
     * @param text the attribute value
     * @return the duration in microseconds, or empty if the text is not a number of seconds between 0 and
     *         {@link #MAX_SECONDS}
     */
    static OptionalLong parseMicros(final String text) {
        long fast = plainMicros(text);
        if (fast >= 0) {
            return OptionalLong.of(fast);
        }
        String number = normalize(text.strip());
        if (!NUMBER.matcher(number).matches()) {
            return OptionalLong.empty();
        }
        double seconds = Double.parseDouble(number);
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(seconds * 1_000_000));
    }

    /**
     * Reads the common form {@code digits[.digits]} without regular expressions or floating point: the time of
     * almost every test case. Returns -1 for anything else, which the general path then reads.
     */
    private static long plainMicros(final String text) {
        int length = text.length();
        if (length == 0 || length > 18) {
            return -1;
        }
        long whole = 0;
        long micros = 0;
        int fractionDigits = -1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && fractionDigits < 0 && i > 0 && i < length - 1) {
                fractionDigits = 0;
            }
            else if (c >= '0' && c <= '9') {
                if (fractionDigits < 0) {
                    whole = whole * 10 + (c - '0');
                }
                else if (fractionDigits < 6) {
                    micros = micros * 10 + (c - '0');
                    fractionDigits++;
                }
                else if (fractionDigits == 6) {
                    if (c >= '5') {
                        micros++;
                    }
                    fractionDigits++;
                }
            }
            else {
                return -1;
            }
        }
        if (whole > MAX_SECONDS) {
            return -1;
        }
        for (int digits = Math.max(fractionDigits, 0); digits < 6; digits++) {
            micros *= 10;
        }
        return whole * 1_000_000 + micros;
    }

    private static String normalize(final String text) {
        if (text.indexOf(',') < 0) {
            return text;
        }
        if (GROUPED_WITH_DECIMAL_POINT.matcher(text).matches() || GROUPED.matcher(text).matches()) {
            return text.replace(",", "");
        }
        if (GROUPED_WITH_DECIMAL_COMMA.matcher(text).matches()) {
            return text.replace(".", "").replace(',', '.');
        }
        if (DECIMAL_COMMA.matcher(text).matches()) {
            return text.replace(',', '.');
        }
        return text;
    }
}
