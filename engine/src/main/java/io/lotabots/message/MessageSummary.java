package io.lotabots.message;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * One line that sums up a message's payload for timelines: its scalar fields as {@code name=value}, in payload
 * order, cut at a length that fits a console table.
 */
public final class MessageSummary {
    /** The longest summary. */
    public static final int MAX_LENGTH = 100;

    private MessageSummary() {
    }

    /**
     * Sums up a message.
     *
     * @param message the message
     * @return the summary, for example {@code total_tests=370 passed_tests=370 coverage=87.5 duration=45.2}
     */
    public static String of(final Message message) {
        return of(message, MAX_LENGTH);
    }

    /**
     * Sums up a message in a given length, for pages that have room for more than a console table.
     *
     * @param message the message
     * @param maxLength the longest summary, at least 4
     * @return the summary
     */
    public static String of(final Message message, final int maxLength) {
        StringBuilder summary = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = message.payloadNode().fields();
        while (fields.hasNext() && summary.length() < maxLength) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                if (summary.length() > 0) {
                    summary.append(' ');
                }
                summary.append(field.getKey()).append('=').append(value.asText());
            }
            else if (value.isObject() && value.size() > 0 && value.size() <= 5) {
                if (summary.length() > 0) {
                    summary.append(' ');
                }
                summary.append(field.getKey()).append('=').append(value);
            }
        }
        return summary.length() <= maxLength ? summary.toString() : summary.substring(0, maxLength - 3) + "...";
    }
}
