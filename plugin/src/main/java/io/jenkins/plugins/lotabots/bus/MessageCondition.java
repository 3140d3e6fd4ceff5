package io.jenkins.plugins.lotabots.bus;

import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The filter of {@link BotMessageTrigger}: comparisons joined with {@code &&}, each {@code FIELD OPERATOR VALUE}.
 *
 * <ul>
 *   <li>FIELD is {@code type}, {@code source}, {@code destination}, {@code stage}, {@code correlation_id} or
 *       {@code payload.NAME}, where NAME may have dots for nested objects ({@code payload.vulnerabilities.critical}).</li>
 *   <li>OPERATOR is {@code ==}, {@code !=}, {@code >}, {@code >=}, {@code <} or {@code <=}; the ordering operators
 *       compare numbers only.</li>
 *   <li>VALUE is text in single or double quotes, a number, {@code true}, {@code false} or {@code null}.</li>
 * </ul>
 *
 * <p>Example: {@code payload.severity == 'critical' && source == 'MonitorBot'}. A field the message lacks equals
 * only {@code null}. An empty filter matches every message.</p>
 */
@Restricted(NoExternalUse.class)
public final class MessageCondition {
    /** The longest filter accepted. */
    static final int MAX_LENGTH = 1000;

    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*(type|source|destination|stage|correlation_id|payload(?:\\.[A-Za-z0-9_-]+)+)\\s*"
                    + "(==|!=|>=|<=|>|<)\\s*"
                    + "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|null)\\s*");

    private final String text;
    private final List<Comparison> comparisons;

    private MessageCondition(final String text, final List<Comparison> comparisons) {
        this.text = text;
        this.comparisons = comparisons;
    }

    /**
     * Parses a filter.
     *
     * @param filter the filter text, or {@code null} or blank for one that matches everything
     * @return the condition
     * @throws IllegalArgumentException naming the position and what is expected, if the filter is not valid
     */
    public static MessageCondition parse(@CheckForNull final String filter) {
        String text = filter == null ? "" : filter.trim();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The filter is " + text.length() + " characters long, more than the "
                    + "limit of " + MAX_LENGTH + ". Shorten it.");
        }
        List<Comparison> comparisons = new ArrayList<>();
        if (!text.isEmpty()) {
            String[] parts = splitOnAnd(text);
            int position = 0;
            for (String part : parts) {
                Matcher matcher = COMPARISON.matcher(part);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("The filter '" + shorten(text) + "' is not valid at character "
                            + (position + leadingBlanks(part) + 1) + " ('" + shorten(part.trim()) + "'): write FIELD OPERATOR VALUE, for "
                            + "example payload.severity == 'critical', and join comparisons with &&. FIELD is type, "
                            + "source, destination, stage, correlation_id or payload.NAME; OPERATOR is ==, !=, >, >=, "
                            + "< or <=.");
                }
                Comparison comparison = new Comparison(matcher.group(1), matcher.group(2), literal(matcher.group(3)));
                if (comparison.isOrdering() && !(comparison.value instanceof BigDecimal)) {
                    throw new IllegalArgumentException("The filter '" + shorten(text) + "' compares " + matcher.group(1)
                            + " with " + matcher.group(2) + " to " + matcher.group(3) + ": ordering operators need a "
                            + "number, for example payload.vulnerabilities.critical > 0.");
                }
                comparisons.add(comparison);
                position += part.length() + 2;
            }
        }
        return new MessageCondition(text, List.copyOf(comparisons));
    }

    /**
     * Splits on {@code &&} outside quoted text.
     */
    private static String[] splitOnAnd(final String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                }
                else if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            }
            else if (c == '&' && i + 1 < text.length() && text.charAt(i + 1) == '&') {
                parts.add(current.toString());
                current.setLength(0);
                i++;
            }
            else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.toArray(new String[0]);
    }

    private static int leadingBlanks(final String part) {
        int blanks = 0;
        while (blanks < part.length() && Character.isWhitespace(part.charAt(blanks))) {
            blanks++;
        }
        return blanks;
    }

    @CheckForNull
    private static Object literal(final String token) {
        if ("null".equals(token)) {
            return null;
        }
        if ("true".equals(token) || "false".equals(token)) {
            return Boolean.valueOf(token);
        }
        char first = token.charAt(0);
        if (first == '\'' || first == '"') {
            return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return new BigDecimal(token);
    }

    private static String shorten(final String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    /**
     * Returns whether the message matches every comparison.
     *
     * @param message the message
     * @return {@code true} if it matches
     */
    public boolean matches(final Message message) {
        for (Comparison comparison : comparisons) {
            if (!comparison.matches(message)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether the filter matches every message.
     *
     * @return {@code true} for an empty filter
     */
    public boolean isEmpty() {
        return comparisons.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Comparison {
        private final String field;
        private final String operator;
        @CheckForNull
        private final Object value;

        Comparison(final String field, final String operator, @CheckForNull final Object value) {
            this.field = field;
            this.operator = operator;
            this.value = value;
        }

        boolean isOrdering() {
            return !"==".equals(operator) && !"!=".equals(operator);
        }

        boolean matches(final Message message) {
            Object actual = valueOf(message);
            if (isOrdering()) {
                if (!(actual instanceof BigDecimal number) || !(value instanceof BigDecimal limit)) {
                    return false;
                }
                int order = number.compareTo(limit);
                return switch (operator) {
                    case ">" -> order > 0;
                    case ">=" -> order >= 0;
                    case "<" -> order < 0;
                    default -> order <= 0;
                };
            }
            boolean equal = equal(actual, value);
            return "==".equals(operator) == equal;
        }

        private static boolean equal(@CheckForNull final Object actual, @CheckForNull final Object expected) {
            if (actual == null || expected == null) {
                return actual == expected;
            }
            if (actual instanceof BigDecimal && expected instanceof BigDecimal) {
                return ((BigDecimal) actual).compareTo((BigDecimal) expected) == 0;
            }
            if (expected instanceof String) {
                return expected.equals(actual instanceof BigDecimal ? ((BigDecimal) actual).toPlainString()
                        : String.valueOf(actual));
            }
            return expected.equals(actual);
        }

        @CheckForNull
        private Object valueOf(final Message message) {
            switch (field) {
                case "type":
                    return message.getType();
                case "source":
                    return message.getSource();
                case "destination":
                    return message.getDestination().orElse(null);
                case "stage":
                    return message.getExtension(BotContext.STAGE_EXTENSION).orElse(null);
                case "correlation_id":
                    return message.getCorrelationId().orElse(null);
                default:
                    break;
            }
            String[] path = field.substring("payload.".length()).split("\\.");
            JsonNode node = message.getPayloadField(path[0]).orElse(null);
            for (int i = 1; i < path.length && node != null; i++) {
                node = node.get(path[i]);
            }
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual()) {
                return node.textValue();
            }
            return node.toString().toLowerCase(Locale.ROOT);
        }
    }
}
