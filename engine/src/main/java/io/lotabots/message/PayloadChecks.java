package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks that the compact constructors of the payload records apply. Each names the message type and the JSON
 * field it rejects. Optional values pass through as {@code null}.
 */
final class PayloadChecks {
    /** The longest text a single payload field may hold. */
    static final int MAX_TEXT_LENGTH = 16_384;

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    private PayloadChecks() {
    }

    static <T> T required(final String type, final String field, @CheckForNull final T value) {
        if (value == null) {
            throw InvalidMessageException.invalidField(type, field, "is required but missing");
        }
        return value;
    }

    static String requiredText(final String type, final String field, @CheckForNull final String value) {
        String text = required(type, field, value);
        if (text.isBlank()) {
            throw InvalidMessageException.invalidField(type, field, "must not be empty");
        }
        checkLength(type, field, text);
        return text;
    }

    @CheckForNull
    static String optionalText(final String type, final String field, @CheckForNull final String value) {
        if (value != null) {
            checkLength(type, field, value);
        }
        return value;
    }

    private static void checkLength(final String type, final String field, final String value) {
        if (value.length() > MAX_TEXT_LENGTH) {
            throw InvalidMessageException.invalidField(type, field,
                    "is " + value.length() + " characters long, more than the limit of " + MAX_TEXT_LENGTH);
        }
    }

    static Integer requiredNonNegative(final String type, final String field, @CheckForNull final Integer value) {
        Integer number = required(type, field, value);
        checkNonNegative(type, field, number.longValue());
        return number;
    }

    @CheckForNull
    static Integer nonNegative(final String type, final String field, @CheckForNull final Integer value) {
        if (value != null) {
            checkNonNegative(type, field, value.longValue());
        }
        return value;
    }

    static Long requiredNonNegative(final String type, final String field, @CheckForNull final Long value) {
        Long number = required(type, field, value);
        checkNonNegative(type, field, number);
        return number;
    }

    @CheckForNull
    static Long nonNegative(final String type, final String field, @CheckForNull final Long value) {
        if (value != null) {
            checkNonNegative(type, field, value);
        }
        return value;
    }

    private static void checkNonNegative(final String type, final String field, final long value) {
        if (value < 0) {
            throw InvalidMessageException.invalidField(type, field, "must not be negative, was " + value);
        }
    }

    static Double requiredFinite(final String type, final String field, @CheckForNull final Double value) {
        Double number = required(type, field, value);
        checkFinite(type, field, number);
        return number;
    }

    @CheckForNull
    static Double finite(final String type, final String field, @CheckForNull final Double value) {
        if (value != null) {
            checkFinite(type, field, value);
        }
        return value;
    }

    private static void checkFinite(final String type, final String field, final double value) {
        if (!Double.isFinite(value)) {
            throw InvalidMessageException.invalidField(type, field, "must be a finite number, was " + value);
        }
    }

    static Double requiredNonNegative(final String type, final String field, @CheckForNull final Double value) {
        Double number = requiredFinite(type, field, value);
        checkNonNegative(type, field, number.doubleValue());
        return number;
    }

    @CheckForNull
    static Double nonNegative(final String type, final String field, @CheckForNull final Double value) {
        if (value != null) {
            checkFinite(type, field, value);
            checkNonNegative(type, field, value.doubleValue());
        }
        return value;
    }

    private static void checkNonNegative(final String type, final String field, final double value) {
        if (value < 0) {
            throw InvalidMessageException.invalidField(type, field, "must not be negative, was " + value);
        }
    }

    static Double requiredPercentage(final String type, final String field, @CheckForNull final Double value) {
        Double number = requiredFinite(type, field, value);
        checkPercentage(type, field, number);
        return number;
    }

    @CheckForNull
    static Double percentage(final String type, final String field, @CheckForNull final Double value) {
        if (value != null) {
            checkFinite(type, field, value);
            checkPercentage(type, field, value);
        }
        return value;
    }

    private static void checkPercentage(final String type, final String field, final double value) {
        if (value < 0 || value > 100) {
            throw InvalidMessageException.invalidField(type, field, "must be between 0 and 100, was " + value);
        }
    }

    static String requiredOneOf(final String type, final String field, @CheckForNull final String value,
            final Set<String> allowed) {
        String text = required(type, field, value);
        checkOneOf(type, field, text, allowed);
        return text;
    }

    @CheckForNull
    static String oneOf(final String type, final String field, @CheckForNull final String value,
            final Set<String> allowed) {
        if (value != null) {
            checkOneOf(type, field, value, allowed);
        }
        return value;
    }

    private static void checkOneOf(final String type, final String field, final String value,
            final Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw InvalidMessageException.invalidField(type, field,
                    "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + "; was '"
                            + abbreviate(value) + "'");
        }
    }

    static String requiredSha256(final String type, final String field, @CheckForNull final String value) {
        String text = required(type, field, value);
        checkSha256(type, field, text);
        return text;
    }

    @CheckForNull
    static String sha256(final String type, final String field, @CheckForNull final String value) {
        if (value != null) {
            checkSha256(type, field, value);
        }
        return value;
    }

    private static void checkSha256(final String type, final String field, final String value) {
        if (!SHA_256.matcher(value).matches()) {
            throw InvalidMessageException.invalidField(type, field,
                    "must be a SHA-256 digest of 64 lower-case hex digits, was '" + abbreviate(value) + "'");
        }
    }

    static <T> List<T> list(final String type, final String field, @CheckForNull final List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                throw InvalidMessageException.invalidField(type, field, "must not contain null elements");
            }
        }
        return List.copyOf(values);
    }

    static <K, V> Map<K, V> map(final String type, final String field, @CheckForNull final Map<K, V> values) {
        if (values == null) {
            return Map.of();
        }
        for (Map.Entry<K, V> entry : values.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw InvalidMessageException.invalidField(type, field, "must not contain null keys or values");
            }
        }
        return Map.copyOf(values);
    }

    static void check(final boolean condition, final String type, final String field, final String problem) {
        if (!condition) {
            throw InvalidMessageException.invalidField(type, field, problem);
        }
    }

    private static String abbreviate(final String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
