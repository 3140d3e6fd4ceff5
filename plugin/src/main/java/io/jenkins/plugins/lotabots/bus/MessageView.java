package io.jenkins.plugins.lotabots.bus;

import hudson.Util;

import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One message as the REST API, the timeline page and the {@code botMessages} step show it. Built on demand from the
 * journal; never persisted.
 *
 * <p>Its properties are exported at visibility 2, so that they appear inside the {@code messages} list of
 * {@code .../lotabots/api/json} at the default depth.</p>
 */
@ExportedBean(defaultVisibility = 2)
public final class MessageView {
    private static final DateTimeFormatter DISPLAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The REST and step field names, in the order they are written. */
    static final List<String> FIELDS = List.of("id", "type", "source", "destination", "stage", "time", "summary",
            "correlationId", "data");

    private final Message message;

    MessageView(final Message message) {
        this.message = message;
    }

    /**
     * Returns the message id.
     *
     * @return the id
     */
    @Exported
    public String getId() {
        return message.getId();
    }

    /**
     * Returns the message type.
     *
     * @return the type, for example {@code test.completed}
     */
    @Exported
    public String getType() {
        return message.getType();
    }

    /**
     * Returns the bot that sent the message.
     *
     * @return the bot name
     */
    @Exported
    public String getSource() {
        return message.getSource();
    }

    /**
     * Returns the bot the message is addressed to.
     *
     * @return the bot name, or {@code null} for a broadcast
     */
    @Exported
    @CheckForNull
    public String getDestination() {
        return message.getDestination().orElse(null);
    }

    /**
     * Returns the Pipeline stage that published the message.
     *
     * @return the stage's display name, or {@code null} outside a stage
     */
    @Exported
    @CheckForNull
    public String getStage() {
        return message.getExtension(BotContext.STAGE_EXTENSION).orElse(null);
    }

    /**
     * Returns when the message was published.
     *
     * @return the time in RFC 3339, for example {@code 2026-11-24T10:15:30Z}
     */
    @Exported
    public String getTime() {
        return message.getTime().toString();
    }

    /**
     * Returns the time for people: to the second, in UTC, for example {@code 2026-11-24 10:15:30 UTC}.
     *
     * @return the time
     */
    public String getDisplayTime() {
        return DISPLAY_TIME.format(message.getTime());
    }

    /**
     * Returns how long ago the message was published, for example {@code 3 min 2 sec}.
     *
     * @return the time span
     */
    public String getAge() {
        return age(message.getTime());
    }

    /**
     * Returns how long ago an instant was, as Jenkins shows build times.
     *
     * @param time the instant
     * @return the time span, for example {@code 3 min 2 sec}
     */
    static String age(final Instant time) {
        return Util.getTimeSpanString(Math.max(0, Duration.between(time, Instant.now()).toMillis()));
    }

    /**
     * Returns one line that sums up the payload.
     *
     * @return the summary
     */
    @Exported
    public String getSummary() {
        return MessageSummary.of(message);
    }

    /**
     * Returns the correlation id.
     *
     * @return the correlation id, or {@code null}
     */
    @Exported
    @CheckForNull
    public String getCorrelationId() {
        return message.getCorrelationId().orElse(null);
    }

    /**
     * Returns the payload as plain maps, lists, text, numbers and booleans.
     *
     * @return the payload
     */
    @Exported
    public Map<String, Object> getData() {
        return toMap(message.getPayload());
    }

    /**
     * Returns the message itself.
     *
     * @return the message
     */
    Message getMessage() {
        return message;
    }

    /**
     * Returns the fields of {@link #FIELDS} as a map that a Pipeline can read and keep.
     *
     * @return a serializable map
     */
    LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("id", getId());
        map.put("type", getType());
        map.put("source", getSource());
        map.put("destination", getDestination());
        map.put("stage", getStage());
        map.put("time", getTime());
        map.put("summary", getSummary());
        map.put("correlationId", getCorrelationId());
        map.put("data", getData());
        return map;
    }

    /**
     * Converts a JSON object to plain Java values: numbers become {@link Long} or {@link Double} (the types the REST
     * export and a Pipeline both understand), never {@code BigDecimal}.
     *
     * @param node the object
     * @return the map, in field order
     */
    static LinkedHashMap<String, Object> toMap(final JsonNode node) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            map.put(field.getKey(), toValue(field.getValue()));
        }
        return map;
    }

    @CheckForNull
    static Object toValue(final JsonNode node) {
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(toValue(item));
            }
            return list;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asText();
    }

    /**
     * Wraps messages.
     *
     * @param messages the messages
     * @return the views, in the same order
     */
    static List<MessageView> of(final List<Message> messages) {
        List<MessageView> views = new ArrayList<>(messages.size());
        for (Message message : messages) {
            views.add(new MessageView(message));
        }
        return Collections.unmodifiableList(views);
    }
}
