package io.lotabots.reaction;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One condition on a payload field: equals, one of, a numeric comparison, or exists.
 *
 * @param field the payload field, as the catalogue names it ({@code severity}, {@code alert_name})
 * @param operator the comparison
 * @param values the value compared with (one, or several for {@link Operator#ONE_OF}); empty for exists
 */
public record FieldCondition(String field, Operator operator, List<JsonNode> values) {
    /**
     * The comparisons a rule can make.
     */
    public enum Operator {
        /** The field equals the value: text to text, number to number, boolean to boolean. */
        EQUALS("equals"),
        /** The field does not equal the value (a missing field does not equal anything). */
        NOT_EQUALS("not"),
        /** The field equals one of the values. */
        ONE_OF("oneOf"),
        /** The number is greater than the value. */
        GREATER("gt"),
        /** The number is greater than or equal to the value. */
        GREATER_OR_EQUAL("ge"),
        /** The number is less than the value. */
        LESS("lt"),
        /** The number is less than or equal to the value. */
        LESS_OR_EQUAL("le"),
        /** The field is present and not null ({@code exists: true}). */
        EXISTS("exists"),
        /** The field is absent or null ({@code exists: false}). */
        ABSENT("exists");

        private final String key;

        Operator(final String key) {
            this.key = key;
        }

        /**
         * Returns the key a rules file writes this comparison with.
         *
         * @return for example {@code gt}
         */
        public String key() {
            return key;
        }

        boolean isNumeric() {
            return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
        }
    }

    /**
     * Creates a condition.
     *
     * @param field the payload field
     * @param operator the comparison
     * @param values the values
     */
    public FieldCondition {
        values = List.copyOf(values);
    }

    /**
     * Tests the condition on a payload.
     *
     * @param payload the payload of a message
     * @return whether it holds
     */
    public boolean test(final JsonNode payload) {
        JsonNode actual = payload.get(field);
        boolean present = actual != null && !actual.isNull();
        return switch (operator) {
            case EXISTS -> present;
            case ABSENT -> !present;
            case EQUALS -> present && same(actual, values.get(0));
            case NOT_EQUALS -> present && !same(actual, values.get(0));
            case ONE_OF -> present && values.stream().anyMatch(value -> same(actual, value));
            case GREATER -> present && actual.isNumber() && actual.asDouble() > values.get(0).asDouble();
            case GREATER_OR_EQUAL -> present && actual.isNumber() && actual.asDouble() >= values.get(0).asDouble();
            case LESS -> present && actual.isNumber() && actual.asDouble() < values.get(0).asDouble();
            case LESS_OR_EQUAL -> present && actual.isNumber() && actual.asDouble() <= values.get(0).asDouble();
        };
    }

    private static boolean same(final JsonNode actual, final JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return Double.compare(actual.asDouble(), expected.asDouble()) == 0;
        }
        if (actual.isTextual() && expected.isTextual()) {
            return actual.asText().equals(expected.asText());
        }
        return actual.isBoolean() && expected.isBoolean() && actual.asBoolean() == expected.asBoolean();
    }

    /**
     * Describes the condition as a rules file writes it.
     *
     * @return for example {@code severity = critical} or {@code value > 5}
     */
    @Override
    public String toString() {
        String symbol = switch (operator) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "!=";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            case ONE_OF -> "in";
            case EXISTS -> "exists";
            case ABSENT -> "absent";
        };
        if (values.isEmpty()) {
            return field + " " + symbol;
        }
        return field + " " + symbol + " " + (values.size() == 1 ? values.get(0).asText()
                : values.stream().map(JsonNode::asText).toList().toString());
    }
}
