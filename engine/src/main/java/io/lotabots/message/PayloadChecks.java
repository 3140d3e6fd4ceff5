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

    /** The problems of the payload being checked, when every problem is wanted rather than the first. */
    private static final ThreadLocal<List<InvalidMessageException>> COLLECTED = new ThreadLocal<>();

    private PayloadChecks() {
    }

    /**
     * Runs a payload's construction and returns every problem its checks find, rather than stopping at the first:
     * a failed check is recorded and the construction goes on with the value as it is. A later failure that only
     * follows from an earlier one (a {@code null} unboxed) ends the construction.
     *
     * @param construction builds the payload
     * @return the problems, in the order of the checks; empty if the payload is valid
     */
    static List<InvalidMessageException> collecting(final Runnable construction) {
        List<InvalidMessageException> problems = new java.util.ArrayList<>();
        List<InvalidMessageException> outer = COLLECTED.get();
        COLLECTED.set(problems);
        try {
            construction.run();
        }
        catch (InvalidMessageException e) {
            problems.add(e);
        }
        catch (RuntimeException e) {
            if (problems.isEmpty()) {
                throw e;
            }
        }
        finally {
            if (outer == null) {
                COLLECTED.remove();
            }
            else {
                COLLECTED.set(outer);
            }
        }
        return problems;
    }

    private static void fail(final String type, final String field, final String problem) {
        InvalidMessageException invalid = InvalidMessageException.invalidField(type, field, problem);
        List<InvalidMessageException> problems = COLLECTED.get();
        if (problems == null) {
            throw invalid;
        }
        problems.add(invalid);
    }

    static <T> T required(final String type, final String field, @CheckForNull final T value) {
        if (value == null) {
            fail(type, field, "is required but missing");
        }
        return value;
    }

    static String requiredText(final String type, final String field, @CheckForNull final String value) {
        String text = required(type, field, value);
        if (value == null) {
            return text;  // recorded as missing: only when every problem is collected does it come here
        }
        if (text.isBlank()) {
            fail(type, field, "must not be empty");
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
            fail(type, field,
                    "is " + value.length() + " characters long, more than the limit of " + MAX_TEXT_LENGTH);
        }
    }

    /**
     * A check of a present value; it throws {@link InvalidMessageException} naming the type and field.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    private interface Check<T> {
        void check(String type, String field, T value);
    }

    private static <T> T requiredChecked(final String type, final String field, @CheckForNull final T value,
            final Check<T> check) {
        T present = required(type, field, value);
        if (present != null) {
            check.check(type, field, present);
        }
        return present;
    }

    @CheckForNull
    private static <T> T optionalChecked(final String type, final String field, @CheckForNull final T value,
            final Check<T> check) {
        if (value != null) {
            check.check(type, field, value);
        }
        return value;
    }

    static Integer requiredNonNegative(final String type, final String field, @CheckForNull final Integer value) {
        return requiredChecked(type, field, value, PayloadChecks::checkNonNegative);
    }

    @CheckForNull
    static Integer nonNegative(final String type, final String field, @CheckForNull final Integer value) {
        return optionalChecked(type, field, value, PayloadChecks::checkNonNegative);
    }

    static Long requiredNonNegative(final String type, final String field, @CheckForNull final Long value) {
        return requiredChecked(type, field, value, PayloadChecks::checkNonNegative);
    }

    @CheckForNull
    static Long nonNegative(final String type, final String field, @CheckForNull final Long value) {
        return optionalChecked(type, field, value, PayloadChecks::checkNonNegative);
    }

    static Double requiredFinite(final String type, final String field, @CheckForNull final Double value) {
        return requiredChecked(type, field, value, PayloadChecks::checkFinite);
    }

    @CheckForNull
    static Double finite(final String type, final String field, @CheckForNull final Double value) {
        return optionalChecked(type, field, value, PayloadChecks::checkFinite);
    }

    static Double requiredNonNegative(final String type, final String field, @CheckForNull final Double value) {
        return requiredChecked(type, field, value, PayloadChecks::checkNonNegativeNumber);
    }

    @CheckForNull
    static Double nonNegative(final String type, final String field, @CheckForNull final Double value) {
        return optionalChecked(type, field, value, PayloadChecks::checkNonNegativeNumber);
    }

    static Double requiredPercentage(final String type, final String field, @CheckForNull final Double value) {
        return requiredChecked(type, field, value, PayloadChecks::checkPercentage);
    }

    @CheckForNull
    static Double percentage(final String type, final String field, @CheckForNull final Double value) {
        return optionalChecked(type, field, value, PayloadChecks::checkPercentage);
    }

    static String requiredOneOf(final String type, final String field, @CheckForNull final String value,
            final Set<String> allowed) {
        return requiredChecked(type, field, value, (t, f, v) -> checkOneOf(t, f, v, allowed));
    }

    @CheckForNull
    static String oneOf(final String type, final String field, @CheckForNull final String value,
            final Set<String> allowed) {
        return optionalChecked(type, field, value, (t, f, v) -> checkOneOf(t, f, v, allowed));
    }

    static String requiredSha256(final String type, final String field, @CheckForNull final String value) {
        return requiredChecked(type, field, value, PayloadChecks::checkSha256);
    }

    @CheckForNull
    static String sha256(final String type, final String field, @CheckForNull final String value) {
        return optionalChecked(type, field, value, PayloadChecks::checkSha256);
    }

    private static void checkNonNegative(final String type, final String field, final Number value) {
        if (value.longValue() < 0) {
            fail(type, field, "must not be negative, was " + value);
        }
    }

    private static void checkFinite(final String type, final String field, final Double value) {
        if (!Double.isFinite(value)) {
            fail(type, field, "must be a finite number, was " + value);
        }
    }

    private static void checkNonNegativeNumber(final String type, final String field, final Double value) {
        checkFinite(type, field, value);
        if (value < 0) {
            fail(type, field, "must not be negative, was " + value);
        }
    }

    private static void checkPercentage(final String type, final String field, final Double value) {
        checkFinite(type, field, value);
        if (value < 0 || value > 100) {
            fail(type, field, "must be between 0 and 100, was " + value);
        }
    }

    private static void checkOneOf(final String type, final String field, final String value,
            final Set<String> allowed) {
        if (!allowed.contains(value)) {
            fail(type, field,
                    "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + "; was '"
                            + abbreviate(value) + "'");
        }
    }

    private static void checkSha256(final String type, final String field, final String value) {
        if (!SHA_256.matcher(value).matches()) {
            fail(type, field,
                    "must be a SHA-256 digest of 64 lower-case hex digits, was '" + abbreviate(value) + "'");
        }
    }

    static <T> List<T> list(final String type, final String field, @CheckForNull final List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                fail(type, field, "must not contain null elements");
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
                fail(type, field, "must not contain null keys or values");
            }
        }
        return Map.copyOf(values);
    }

    static void check(final boolean condition, final String type, final String field, final String problem) {
        List<InvalidMessageException> collected = COLLECTED.get();
        if (collected != null && !collected.isEmpty()) {
            return;  // a check across fields means little once a field it compares is wrong
        }
        if (!condition) {
            fail(type, field, problem);
        }
    }

    private static String abbreviate(final String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
