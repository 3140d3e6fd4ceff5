package io.lotabots.report.coverage;

import java.util.function.Supplier;

/**
 * Parses the counts and line numbers of coverage reports: whole numbers of 0 or more, nothing else.
 */
final class Counts {
    private static final int MAX_DIGITS = 18; // every number of 18 digits fits into a long

    private Counts() {
    }

    /**
     * Parses a count. Counts too large for a {@code long} (possible in LCOV hit counts) give {@link Long#MAX_VALUE}.
     *
     * @param text the text
     * @param what names the count in the message, for example "attribute 'ci' of &lt;line&gt;"
     * @param file the report
     * @param line the line of the report
     * @return the count
     */
    static long parse(final String text, final Supplier<String> what, final String file, final int line) {
        String value = text.strip();
        if (value.isEmpty() || !isDigits(value, 0)) {
            String reason = value.length() > 1 && value.charAt(0) == '-' && isDigits(value, 1)
                    ? "is negative" : "is not a whole number";
            throw CoverageProblems.invalidCount(file, line, describe(what) + " " + reason + ": '"
                    + abbreviate(value) + "'");
        }
        if (value.length() > MAX_DIGITS) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(value);
    }

    /**
     * Parses a line number, a whole number from 0 to {@link Integer#MAX_VALUE}.
     */
    static int parseLineNumber(final String text, final Supplier<String> what, final String file, final int line) {
        long value = parse(text, what, file, line);
        if (value > Integer.MAX_VALUE) {
            throw CoverageProblems.invalidCount(file, line, describe(what) + " is too large: '"
                    + abbreviate(text.strip()) + "'");
        }
        return (int) value;
    }

    private static String describe(final Supplier<String> what) {
        return what.get();
    }

    private static boolean isDigits(final String value, final int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return value.length() > from;
    }

    static String abbreviate(final String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
