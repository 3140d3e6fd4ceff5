package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build's {@code /lotabots/api/json} says: the total, the counts by message type and by bot, and the
 * messages (each with {@code type}, {@code source}, {@code stage}, {@code correlationId}, {@code data}, ...).
 * Fields the answer lacks read as empty, so that an assertion shows what was there rather than failing here.
 */
final class BotMessagesView {
    /** A {@code tree} that asks for every field the tests read. */
    static final String FULL_TREE = "_class,fileName,total,countsByType[*],countsByBot[*],lastMessageTime,"
            + "messages[id,type,stage,time,summary,correlationId,data[*]]";

    private final JsonNode json;

    private BotMessagesView(final JsonNode json) {
        this.json = json;
    }

    static BotMessagesView of(final JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Expected the JSON object of /lotabots/api/json, got " + json);
        }
        return new BotMessagesView(json);
    }

    /** The number of messages of the build, or -1 when the answer has no {@code total}. */
    int total() {
        return json.path("total").asInt(-1);
    }

    /** The class Stapler names in {@code _class}. */
    String className() {
        return json.path("_class").asText("");
    }

    /** Counts by message type, in the answer's order. */
    Map<String, Integer> countsByType() {
        return counts("countsByType");
    }

    /** Counts by bot name, in the answer's order. */
    Map<String, Integer> countsByBot() {
        return counts("countsByBot");
    }

    /** Whether the answer holds the {@code messages} list (a {@code tree} may leave it out). */
    boolean hasMessages() {
        return json.has("messages");
    }

    /** The messages of one type, in order. */
    List<JsonNode> messagesOfType(final String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode message : json.path("messages")) {
            if (type.equals(message.path("type").asText())) {
                found.add(message);
            }
        }
        return found;
    }

    /** The stage of each message of the type, in order (empty text for a message without a stage). */
    List<String> stagesOf(final String type) {
        return messagesOfType(type).stream().map(message -> message.path("stage").asText("")).toList();
    }

    /** The correlation id of the first message of the type. */
    String correlationIdOf(final String type) {
        List<JsonNode> messages = messagesOfType(type);
        if (messages.isEmpty()) {
            throw new AssertionError("No message of type " + type + " in " + json);
        }
        return messages.get(0).path("correlationId").asText("");
    }

    @Override
    public String toString() {
        return json.toString();
    }

    private Map<String, Integer> counts(final String field) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        json.path(field).properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asInt()));
        return counts;
    }
}
