package io.lotabots.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One message on the bus: the envelope with its CloudEvents 1.0 attributes and the payload. Instances are
 * immutable; the payload is kept as JSON so that fields unknown to this version survive a round trip, and is
 * bound to its typed record on demand with {@link #payloadAs(Class)}.
 *
 * <p>Attributes beyond the envelope (for example {@code stage}, the Pipeline stage that emitted the message) are
 * kept as string extensions, as CloudEvents keeps extension attributes.</p>
 */
public final class Message {
    /** The CloudEvents version of the envelope. */
    public static final String SPEC_VERSION = "1.0";

    static final int MAX_ATTRIBUTE_LENGTH = 512;
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final String id;
    private final Instant time;
    private final String type;
    private final String sourceBot;
    @CheckForNull
    private final String destinationBot;
    @CheckForNull
    private final String correlationId;
    @CheckForNull
    private final String causationId;
    private final SortedMap<String, String> extensions;
    private final ObjectNode payload;

    Message(final String id, final Instant time, final String type, final String sourceBot,
            @CheckForNull final String destinationBot, @CheckForNull final String correlationId,
            @CheckForNull final String causationId, final SortedMap<String, String> extensions,
            final ObjectNode payload) {
        this.id = id;
        this.time = time;
        this.type = type;
        this.sourceBot = sourceBot;
        this.destinationBot = destinationBot;
        this.correlationId = correlationId;
        this.causationId = causationId;
        this.extensions = extensions;
        this.payload = payload;
    }

    /**
     * Starts a message of the given payload: the type comes from the catalogue.
     *
     * @param payload the typed payload
     * @return a builder with type and payload set
     */
    public static Builder builder(final BusMessage payload) {
        return new Builder().payload(payload);
    }

    /**
     * Starts an empty message.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder with every attribute of this message, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder().id(id).time(time).type(type).source(sourceBot)
                .destination(destinationBot).correlationId(correlationId).causationId(causationId)
                .payloadJson(payload);
        extensions.forEach(builder::extension);
        return builder;
    }

    /**
     * Returns this message with every text of its payload and of its extension attributes passed through
     * {@code replacement}, for example a secret masker. Identity, type, bots and ids are kept. Used wherever a message
     * is recorded or sent, so that no secret value reaches a journal, a report or a notification.
     *
     * @param replacement maps a text to the text to keep
     * @return this message if no text changed, else a changed copy
     * @throws InvalidMessageException if the changed payload is no longer valid for its type
     */
    public Message withTextsReplaced(final UnaryOperator<String> replacement) {
        ObjectNode copy = payload.deepCopy();
        boolean changed = replaceTexts(copy, replacement);
        Map<String, String> newExtensions = new LinkedHashMap<>();
        for (Map.Entry<String, String> extension : extensions.entrySet()) {
            String value = replacement.apply(extension.getValue());
            changed |= !value.equals(extension.getValue());
            newExtensions.put(extension.getKey(), value);
        }
        if (!changed) {
            return this;
        }
        Builder builder = toBuilder().payloadJson(copy);
        newExtensions.forEach(builder::extension);
        return builder.build();
    }

    /** Replaces the texts inside an object or array in place; returns whether any changed. */
    private static boolean replaceTexts(final JsonNode node, final UnaryOperator<String> replacement) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode replaced = replacedText(field.getValue(), replacement);
                if (replaced != null) {
                    field.setValue(replaced);
                    changed = true;
                }
                else {
                    changed |= replaceTexts(field.getValue(), replacement);
                }
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode replaced = replacedText(array.get(i), replacement);
                if (replaced != null) {
                    array.set(i, replaced);
                    changed = true;
                }
                else {
                    changed |= replaceTexts(array.get(i), replacement);
                }
            }
        }
        return changed;
    }

    /** Returns the replacement of a text node, or {@code null} when the node is no text or its text stays. */
    @CheckForNull
    private static JsonNode replacedText(final JsonNode value, final UnaryOperator<String> replacement) {
        if (!value.isTextual()) {
            return null;
        }
        String replaced = replacement.apply(value.textValue());
        return replaced.equals(value.textValue()) ? null : TextNode.valueOf(replaced);
    }

    /**
     * Returns the unique id.
     *
     * @return the id
     */
    public String getId() {
        return id;
    }

    /**
     * Returns the CloudEvents spec version, always {@value #SPEC_VERSION}.
     *
     * @return the spec version
     */
    public String getSpecVersion() {
        return SPEC_VERSION;
    }

    /**
     * Returns when the message was published.
     *
     * @return the time
     */
    public Instant getTime() {
        return time;
    }

    /**
     * Returns the type name.
     *
     * @return the type, for example {@code build.completed}
     */
    public String getType() {
        return type;
    }

    /**
     * Returns the catalogue entry of the type.
     *
     * @return the entry, or empty for a custom type
     */
    public Optional<MessageType<?>> getMessageType() {
        return MessageCatalog.find(type);
    }

    /**
     * Returns the name of the bot that sent the message ({@code source.bot_name}).
     *
     * @return the bot name, for example {@code BuildBot}
     */
    public String getSource() {
        return sourceBot;
    }

    /**
     * Returns the name of the bot the message is addressed to ({@code destination.bot_name}).
     *
     * @return the bot name, or empty for a broadcast
     */
    public Optional<String> getDestination() {
        return Optional.ofNullable(destinationBot);
    }

    /**
     * Returns the id that ties together every message of one run, and of the runs it triggered.
     *
     * @return the correlation id, for example {@code job/app/main#42}
     */
    public Optional<String> getCorrelationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * Returns the id of the message that caused this one.
     *
     * @return the causation id
     */
    public Optional<String> getCausationId() {
        return Optional.ofNullable(causationId);
    }

    /**
     * Returns the extension attributes, such as {@code stage}.
     *
     * @return the extensions, sorted by name
     */
    public Map<String, String> getExtensions() {
        return extensions;
    }

    /**
     * Returns one extension attribute.
     *
     * @param name the name
     * @return the value
     */
    public Optional<String> getExtension(final String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    /**
     * Returns a copy of the payload as JSON, with every field including the ones this version does not know.
     *
     * @return the payload
     */
    public ObjectNode getPayload() {
        return payload.deepCopy();
    }

    /**
     * Returns a copy of one payload field.
     *
     * @param field the JSON name of the field
     * @return the value, or empty if the payload has no such field
     */
    public Optional<JsonNode> getPayloadField(final String field) {
        JsonNode value = payload.get(field);
        return value == null ? Optional.empty() : Optional.of(value.deepCopy());
    }

    ObjectNode payloadNode() {
        return payload;
    }

    /**
     * Binds the payload to its typed record, validating every field.
     *
     * @param payloadType the record of this message's type
     * @param <T> the record type
     * @return the typed payload
     * @throws InvalidMessageException if the payload is not valid, or the record is not the one of this type
     */
    public <T extends BusMessage> T payloadAs(final Class<T> payloadType) {
        MessageType<T> expected = MessageCatalog.of(payloadType);
        if (!expected.getName().equals(type)) {
            throw InvalidMessageException.invalidEnvelope(null, "type",
                    "is '" + type + "', so the payload cannot be read as " + expected.getName());
        }
        return MessageCodec.get().bind(payload, payloadType, type, null);
    }

    /**
     * Binds the payload to the typed record of its catalogue type, validating every field.
     *
     * @return the typed payload, or empty for a custom type
     * @throws InvalidMessageException if the payload is not valid
     */
    public Optional<BusMessage> typedPayload() {
        return getMessageType().map(messageType -> payloadAs(messageType.getPayloadType()));
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Message)) {
            return false;
        }
        Message that = (Message) other;
        return id.equals(that.id) && time.equals(that.time) && type.equals(that.type)
                && sourceBot.equals(that.sourceBot) && Objects.equals(destinationBot, that.destinationBot)
                && Objects.equals(correlationId, that.correlationId) && Objects.equals(causationId, that.causationId)
                && extensions.equals(that.extensions) && payload.equals(that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, time, type, sourceBot, destinationBot, correlationId, causationId, extensions,
                payload);
    }

    /**
     * Returns the JSON form of the message.
     *
     * @return the JSON
     */
    @Override
    public String toString() {
        return MessageCodec.get().toJson(this);
    }

    /**
     * Builds a {@link Message}. The id defaults to a random UUID and the time to now; type, source and payload
     * must be set.
     */
    public static final class Builder {
        @CheckForNull
        private String id;
        @CheckForNull
        private Instant time;
        @CheckForNull
        private String type;
        @CheckForNull
        private String source;
        @CheckForNull
        private String destination;
        @CheckForNull
        private String correlationId;
        @CheckForNull
        private String causationId;
        private final SortedMap<String, String> extensions = new TreeMap<>();
        @CheckForNull
        private ObjectNode payload;
        private boolean payloadChecked;

        private Builder() {
        }

        /**
         * Sets the id.
         *
         * @param value the id
         * @return this
         */
        public Builder id(@CheckForNull final String value) {
            this.id = value;
            return this;
        }

        /**
         * Sets the time.
         *
         * @param value the time
         * @return this
         */
        public Builder time(@CheckForNull final Instant value) {
            this.time = value;
            return this;
        }

        /**
         * Sets the type name. Prefer {@link #payload(BusMessage)}, which sets the type from the catalogue.
         *
         * @param value the type
         * @return this
         */
        public Builder type(@CheckForNull final String value) {
            if (!java.util.Objects.equals(type, value)) {
                this.payloadChecked = false;
            }
            this.type = value;
            return this;
        }

        /**
         * Sets the sending bot.
         *
         * @param botName the bot name
         * @return this
         */
        public Builder source(@CheckForNull final String botName) {
            this.source = botName;
            return this;
        }

        /**
         * Sets the bot the message is addressed to.
         *
         * @param botName the bot name, or {@code null} for a broadcast
         * @return this
         */
        public Builder destination(@CheckForNull final String botName) {
            this.destination = botName;
            return this;
        }

        /**
         * Sets the correlation id.
         *
         * @param value the correlation id
         * @return this
         */
        public Builder correlationId(@CheckForNull final String value) {
            this.correlationId = value;
            return this;
        }

        /**
         * Sets the id of the message that caused this one.
         *
         * @param value the causation id
         * @return this
         */
        public Builder causationId(@CheckForNull final String value) {
            this.causationId = value;
            return this;
        }

        /**
         * Sets an extension attribute.
         *
         * @param name lower-case letters, digits and underscores, at most 40
         * @param value the value
         * @return this
         */
        public Builder extension(final String name, final String value) {
            extensions.put(name, value);
            return this;
        }

        /**
         * Sets the type and the payload from a typed payload.
         *
         * @param value the payload
         * @return this
         */
        public Builder payload(final BusMessage value) {
            this.type = MessageCatalog.of(value).getName();
            this.payload = MessageCodec.get().toTree(value);
            this.payloadChecked = true;
            return this;
        }

        /**
         * Sets the payload as JSON; it is validated against the type when the message is built.
         *
         * @param value the payload
         * @return this
         */
        public Builder payloadJson(final ObjectNode value) {
            this.payload = value.deepCopy();
            this.payloadChecked = false;
            return this;
        }

        /**
         * Fills the id, time and correlation id where they are not set, as the bus does when it publishes.
         *
         * @param defaultId the id to use if none is set
         * @param defaultTime the time to use if none is set
         * @param defaultCorrelationId the correlation id to use if none is set, or {@code null}
         * @return this
         */
        public Builder withDefaults(final String defaultId, final Instant defaultTime,
                @CheckForNull final String defaultCorrelationId) {
            if (id == null) {
                id = defaultId;
            }
            if (time == null) {
                time = defaultTime;
            }
            if (correlationId == null) {
                correlationId = defaultCorrelationId;
            }
            return this;
        }

        /**
         * Sets the id of the message that caused this one where none is set, as the bus of a run that a message
         * started does (a reaction's run names its triggering message as the cause of all it publishes).
         *
         * @param defaultCausationId the causation id to use if none is set, or {@code null}
         * @return this
         */
        public Builder withDefaultCause(@CheckForNull final String defaultCausationId) {
            if (causationId == null) {
                causationId = defaultCausationId;
            }
            return this;
        }

        /**
         * Builds the message.
         *
         * @return the message
         * @throws InvalidMessageException if an attribute is missing or wrong, or the payload is not valid for
         *         its type
         */
        public Message build() {
            String checkedType = checkType(null, type);
            String checkedSource = requireAttribute(null, "source.bot_name", source);
            ObjectNode checkedPayload = payload;
            if (checkedPayload == null) {
                throw InvalidMessageException.invalidEnvelope(null, "payload", "must be set");
            }
            Message message = new Message(
                    id == null ? UUID.randomUUID().toString() : requireAttribute(null, "id", id),
                    time == null ? Instant.now() : time,
                    checkedType, checkedSource,
                    optionalAttribute(null, "destination.bot_name", destination),
                    optionalAttribute(null, "correlation_id", correlationId),
                    optionalAttribute(null, "causation_id", causationId),
                    checkExtensions(null, extensions),
                    payloadChecked ? checkedPayload : checkedPayload.deepCopy());
            if (!payloadChecked) {
                MessageCodec.get().validate(message, null, false);
            }
            return message;
        }
    }

    static String checkType(@CheckForNull final String origin, @CheckForNull final String type) {
        String checked = requireAttribute(origin, "type", type);
        if (!MessageCatalog.isWellFormedName(checked)) {
            throw InvalidMessageException.invalidEnvelope(origin, "type",
                    "must be lower-case words separated by dots, such as build.completed; was '" + shorten(checked)
                            + "'");
        }
        return checked;
    }

    static String requireAttribute(@CheckForNull final String origin, final String name,
            @CheckForNull final String value) {
        if (value == null || value.isBlank()) {
            throw InvalidMessageException.invalidEnvelope(origin, name, "must be set");
        }
        checkLength(origin, name, value);
        return value;
    }

    @CheckForNull
    static String optionalAttribute(@CheckForNull final String origin, final String name,
            @CheckForNull final String value) {
        if (value != null) {
            checkLength(origin, name, value);
        }
        return value;
    }

    private static void checkLength(@CheckForNull final String origin, final String name, final String value) {
        if (value.length() > MAX_ATTRIBUTE_LENGTH) {
            throw InvalidMessageException.invalidEnvelope(origin, name,
                    "is " + value.length() + " characters long, more than the limit of " + MAX_ATTRIBUTE_LENGTH);
        }
    }

    static SortedMap<String, String> checkExtensions(@CheckForNull final String origin,
            final Map<String, String> extensions) {
        SortedMap<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> entry : extensions.entrySet()) {
            if (!EXTENSION_NAME.matcher(entry.getKey()).matches() || MessageCodec.ENVELOPE.contains(entry.getKey())) {
                throw InvalidMessageException.invalidEnvelope(origin, entry.getKey(),
                        "is not a valid extension attribute: use lower-case letters, digits and underscores,"
                                + " at most 40, and none of the envelope's own names");
            }
            checked.put(entry.getKey(), requireAttribute(origin, entry.getKey(), entry.getValue()));
        }
        return java.util.Collections.unmodifiableSortedMap(checked);
    }

    static String shorten(final String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
