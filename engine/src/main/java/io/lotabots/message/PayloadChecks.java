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
        return optionalText(type, field, text);
    }

    @CheckForNull
    static String optionalText(final String type, final String field, @CheckForNull final String value) {
        if (value != null && value.length() > MAX_TEXT_LENGTH) {
            throw InvalidMessageException.invalidField(type, field,
                    "is " + value.length() + " characters long, more than the limit of " + MAX_TEXT_LENGTH);
        }
        return value;
    }

    @CheckForNull
    static Integer nonNegative(final String type, final String field, @CheckForNull final Integer value) {
        if (value != null && value < 0) {
            throw InvalidMessageException.invalidField(type, field, "must not be negative, was " + value);
        }
        return value;
    }

    @CheckForNull
    static Long nonNegative(final String type, final String field, @CheckForNull final Long value) {
        if (value != null && value < 0) {
            throw InvalidMessageException.invalidField(type, field, "must not be negative, was " + value);
        }
        return value;
    }

    @CheckForNull
    static Double finite(final String type, final String field, @CheckForNull final Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw InvalidMessageException.invalidField(type, field, "must be a finite number, was " + value);
        }
        return value;
    }

    @CheckForNull
    static Double nonNegative(final String type, final String field, @CheckForNull final Double value) {
        Double number = finite(type, field, value);
        if (number != null && number < 0) {
            throw InvalidMessageException.invalidField(type, field, "must not be negative, was " + number);
        }
        return number;
    }

    @CheckForNull
    static Double percentage(final String type, final String field, @CheckForNull final Double value) {
        Double number = finite(type, field, value);
        if (number != null && (number < 0 || number > 100)) {
            throw InvalidMessageException.invalidField(type, field, "must be between 0 and 100, was " + number);
        }
        return number;
    }

    @CheckForNull
    static String oneOf(final String type, final String field, @CheckForNull final String value,
            final Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw InvalidMessageException.invalidField(type, field,
                    "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + "; was '"
                            + abbreviate(value) + "'");
        }
        return value;
    }

    @CheckForNull
    static String sha256(final String type, final String field, @CheckForNull final String value) {
        if (value != null && !SHA_256.matcher(value).matches()) {
            throw InvalidMessageException.invalidField(type, field,
                    "must be a SHA-256 digest of 64 lower-case hex digits, was '" + abbreviate(value) + "'");
        }
        return value;
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
