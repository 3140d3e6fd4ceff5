package io.lotabots.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes messages as JSON. Writing puts the envelope attributes first and the payload last, on one line,
 * so that a journal line can be filtered without reading its payload. Reading is strict about the envelope and
 * bounded in size, nesting and string length, so that hostile input fails fast with a message naming the origin.
 */
public final class MessageCodec {
    /**
     * The largest JSON form of a message, in bytes. Larger data belongs in a file or artifact whose path or URL goes
     * into the payload.
     */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    /** The deepest nesting of JSON objects and arrays accepted in a message. */
    public static final int MAX_NESTING_DEPTH = 32;

    static final Set<String> ENVELOPE = Set.of("id", "specversion", "time", "type", "source", "destination",
            "correlation_id", "causation_id", "payload");

    private static final Map<String, Integer> ENVELOPE_BITS = Map.of("id", 1, "specversion", 2, "time", 4,
            "type", 8, "source", 16, "destination", 32, "correlation_id", 64, "causation_id", 128, "payload", 256);

    private static final MessageCodec INSTANCE = new MessageCodec();

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    private MessageCodec() {
        JsonFactory jsonFactory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_MESSAGE_BYTES)
                        .maxNumberLength(64)
                        .maxNameLength(1024)
                        .maxDocumentLength(MAX_MESSAGE_BYTES)
                        .build())
                .build();
        JsonMapper jsonMapper = JsonMapper.builder(jsonFactory)
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual, LogicalType.DateTime}) {
            jsonMapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, scalar == LogicalType.Textual
                            || scalar == LogicalType.DateTime ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, scalar == LogicalType.Integer
                            || scalar == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, scalar == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, scalar == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        this.mapper = jsonMapper;
        this.factory = jsonMapper.getFactory();
    }

    /**
     * Returns the codec. It is thread-safe.
     *
     * @return the codec
     */
    @SuppressFBWarnings(value = "MS_EXPOSE_REP", justification = "the codec is immutable and thread-safe")
    public static MessageCodec get() {
        return INSTANCE;
    }

    /**
     * Returns a copy of the object mapper that binds payloads: snake_case names, ISO-8601 times, no coercion
     * between text, numbers and booleans, and the same read limits as messages.
     *
     * @return a mapper to configure further without changing this codec
     */
    public ObjectMapper copyMapper() {
        return mapper.copy();
    }

    /**
     * Writes a message as one line of JSON, without the line break.
     *
     * @param message the message
     * @return the UTF-8 bytes
     * @throws InvalidMessageException if the JSON is larger than {@link #MAX_MESSAGE_BYTES}
     */
    public byte[] write(final Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = factory.createGenerator(out)) {
            write(message, generator);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.size() > MAX_MESSAGE_BYTES) {
            throw InvalidMessageException.tooLarge(null, message.getType(), out.size());
        }
        return out.toByteArray();
    }

    /**
     * Writes a message as one line of JSON.
     *
     * @param message the message
     * @return the JSON
     */
    public String toJson(final Message message) {
        return new String(write(message), StandardCharsets.UTF_8);
    }

    private void write(final Message message, final JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("id", message.getId());
        generator.writeStringField("specversion", Message.SPEC_VERSION);
        generator.writeStringField("time", message.getTime().toString());
        generator.writeStringField("type", message.getType());
        generator.writeObjectFieldStart("source");
        generator.writeStringField("bot_name", message.getSource());
        generator.writeEndObject();
        if (message.getDestination().isPresent()) {
            generator.writeObjectFieldStart("destination");
            generator.writeStringField("bot_name", message.getDestination().get());
            generator.writeEndObject();
        }
        if (message.getCorrelationId().isPresent()) {
            generator.writeStringField("correlation_id", message.getCorrelationId().get());
        }
        if (message.getCausationId().isPresent()) {
            generator.writeStringField("causation_id", message.getCausationId().get());
        }
        for (Map.Entry<String, String> extension : message.getExtensions().entrySet()) {
            generator.writeStringField(extension.getKey(), extension.getValue());
        }
        generator.writeFieldName("payload");
        mapper.writeTree(generator, message.payloadNode());
        generator.writeEndObject();
    }

    /**
     * Reads a complete message, as written by {@link #write(Message)}: every envelope attribute must be present.
     * The payload is not validated against its type; see {@link #validate(Message, String, boolean)}.
     *
     * @param json the JSON
     * @return the message
     * @throws InvalidMessageException naming what is wrong
     */
    public Message read(final String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return read(bytes, 0, bytes.length, null);
    }

    /**
     * Reads a complete message from part of a byte array, as a journal reader does for each line.
     *
     * @param buffer the bytes
     * @param offset where the JSON starts
     * @param length how many bytes it has
     * @param origin where the bytes come from, for example {@code messages.jsonl:12}, or {@code null}
     * @return the message
     * @throws InvalidMessageException naming the origin and what is wrong
     */
    public Message read(final byte[] buffer, final int offset, final int length, @CheckForNull final String origin) {
        return Objects.requireNonNull(read(buffer, offset, length, origin, false, null), "read without a filter");
    }

    /**
     * Reads a message that a person or another tool wrote: {@code id}, {@code time} and {@code specversion} may be
     * missing and are then filled in, as the bus does when it publishes.
     *
     * @param buffer the bytes
     * @param offset where the JSON starts
     * @param length how many bytes it has
     * @param origin where the bytes come from, or {@code null}
     * @return the message
     * @throws InvalidMessageException naming the origin and what is wrong
     */
    public Message readDraft(final byte[] buffer, final int offset, final int length,
            @CheckForNull final String origin) {
        return Objects.requireNonNull(read(buffer, offset, length, origin, true, null), "read without a filter");
    }

    /**
     * Reads a complete message, skipping its payload if the envelope does not match.
     *
     * @param buffer the bytes
     * @param offset where the JSON starts
     * @param length how many bytes it has
     * @param origin where the bytes come from, or {@code null}
     * @param filter decides from the envelope alone whether the message is wanted
     * @return the message, or {@code null} if the filter rejected it
     * @throws InvalidMessageException naming the origin and what is wrong
     */
    @CheckForNull
    public Message readIf(final byte[] buffer, final int offset, final int length, @CheckForNull final String origin,
            final EnvelopeFilter filter) {
        return read(buffer, offset, length, origin, false, filter);
    }

    /**
     * Decides from the envelope alone whether a message is wanted, so that unwanted payloads are skipped unread.
     */
    @FunctionalInterface
    public interface EnvelopeFilter {
        /**
         * Returns whether the message with this envelope is wanted.
         *
         * @param type the type
         * @param source the sending bot
         * @param destination the addressed bot, or {@code null}
         * @param correlationId the correlation id, or {@code null}
         * @return {@code true} to read the payload and return the message
         */
        boolean accepts(String type, String source, @CheckForNull String destination,
                @CheckForNull String correlationId);
    }

    @CheckForNull
    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private Message read(final byte[] buffer, final int offset, final int length, @CheckForNull final String origin,
            final boolean draft, @CheckForNull final EnvelopeFilter filter) {
        if (length > MAX_MESSAGE_BYTES) {
            throw InvalidMessageException.tooLarge(origin, null, length);
        }
        String id = null;
        String specVersion = null;
        String time = null;
        String type = null;
        String source = null;
        String destination = null;
        String correlationId = null;
        String causationId = null;
        SortedMap<String, String> extensions = new TreeMap<>();
        ObjectNode payload = null;
        boolean payloadSkipped = false;
        try (JsonParser parser = factory.createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw InvalidMessageException.malformed(origin, "is not a JSON object; a message starts with '{'",
                        null);
            }
            String field;
            int seen = 0;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                int bit = ENVELOPE_BITS.getOrDefault(field, 0);
                if ((seen & bit) != 0 || bit == 0 && extensions.containsKey(field)) {
                    throw InvalidMessageException.malformed(origin, "has the attribute '" + field + "' twice", null);
                }
                seen |= bit;
                switch (field) {
                    case "id" -> id = text(parser, token, origin, field);
                    case "specversion" -> specVersion = text(parser, token, origin, field);
                    case "time" -> time = text(parser, token, origin, field);
                    case "type" -> type = text(parser, token, origin, field);
                    case "source" -> source = botName(parser, token, origin, field);
                    case "destination" -> destination = botName(parser, token, origin, field);
                    case "correlation_id" -> correlationId = text(parser, token, origin, field);
                    case "causation_id" -> causationId = text(parser, token, origin, field);
                    case "payload" -> {
                        if (token != JsonToken.START_OBJECT) {
                            throw InvalidMessageException.invalidEnvelope(origin, "payload",
                                    "must be a JSON object, was " + describe(token));
                        }
                        if (filter != null && type != null && source != null
                                && !filter.accepts(type, source, destination, correlationId)) {
                            parser.skipChildren();
                            payloadSkipped = true;
                        }
                        else {
                            payload = mapper.readTree(parser);
                        }
                    }
                    default -> {
                        if (token != JsonToken.VALUE_STRING) {
                            throw InvalidMessageException.invalidEnvelope(origin, field,
                                    "is not an envelope attribute; an extension attribute must be text, was "
                                            + describe(token));
                        }
                        extensions.put(field, parser.getText());
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw InvalidMessageException.malformed(origin, "has more text after the message's closing '}'",
                        null);
            }
        }
        catch (JsonProcessingException e) {
            throw InvalidMessageException.malformed(origin, "is not valid JSON: " + JsonErrors.describe(e), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String checkedType = Message.checkType(origin, type);
        String checkedSource = Message.requireAttribute(origin, "source.bot_name", source);
        if (filter != null && (payloadSkipped || !filter.accepts(checkedType, checkedSource, destination,
                correlationId))) {
            return null;
        }
        if (payload == null) {
            throw InvalidMessageException.invalidEnvelope(origin, "payload", "must be set");
        }
        if (specVersion != null && !Message.SPEC_VERSION.equals(specVersion)) {
            throw InvalidMessageException.invalidEnvelope(origin, "specversion",
                    "must be " + Message.SPEC_VERSION + ", was '" + Message.shorten(specVersion) + "'");
        }
        if (!draft) {
            Message.requireAttribute(origin, "specversion", specVersion);
        }
        String checkedId = draft && id == null ? java.util.UUID.randomUUID().toString()
                : Message.requireAttribute(origin, "id", id);
        Instant checkedTime = draft && time == null ? Instant.now() : parseTime(origin, time);
        return new Message(checkedId, checkedTime, checkedType, checkedSource,
                Message.optionalAttribute(origin, "destination.bot_name", destination),
                Message.optionalAttribute(origin, "correlation_id", correlationId),
                Message.optionalAttribute(origin, "causation_id", causationId),
                Message.checkExtensions(origin, extensions), payload);
    }

    private static String text(final JsonParser parser, final JsonToken token, @CheckForNull final String origin,
            final String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw InvalidMessageException.invalidEnvelope(origin, field, "must be text, was " + describe(token));
        }
        return parser.getText();
    }

    private static String botName(final JsonParser parser, final JsonToken token, @CheckForNull final String origin,
            final String field) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw InvalidMessageException.invalidEnvelope(origin, field,
                    "must be an object such as {\"bot_name\": \"BuildBot\"}, was " + describe(token));
        }
        String botName = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            if ("bot_name".equals(name)) {
                if (botName != null) {
                    throw InvalidMessageException.malformed(origin, "has the attribute '" + field
                            + ".bot_name' twice", null);
                }
                botName = text(parser, value, origin, field + ".bot_name");
            }
            else {
                parser.skipChildren();
            }
        }
        return Message.requireAttribute(origin, field + ".bot_name", botName);
    }

    private static Instant parseTime(@CheckForNull final String origin, @CheckForNull final String time) {
        String text = Message.requireAttribute(origin, "time", time);
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            throw InvalidMessageException.invalidEnvelope(origin, "time",
                    "must be an RFC 3339 time in UTC such as 2026-11-24T10:15:30Z, was '" + Message.shorten(text)
                            + "'");
        }
    }

    private static String describe(@CheckForNull final JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /**
     * Checks a message: its payload must be valid for its type. A custom type (not in the catalogue) is accepted
     * unless {@code strict} is set.
     *
     * @param message the message
     * @param origin where it comes from, or {@code null}
     * @param strict whether custom types are rejected
     * @return the typed payload, or {@code null} for an accepted custom type
     * @throws InvalidMessageException naming the origin, type and field
     */
    @CheckForNull
    public BusMessage validate(final Message message, @CheckForNull final String origin, final boolean strict) {
        MessageType<?> type = message.getMessageType().orElse(null);
        if (type == null) {
            if (strict) {
                throw InvalidMessageException.unknownType(origin, message.getType());
            }
            return null;
        }
        return bind(message.payloadNode(), type.getPayloadType(), message.getType(), origin);
    }

    /**
     * Returns every problem of a message's payload, not only the first: a field of the wrong kind is reported and
     * left out so that the others are still checked, and every check of the payload's fields is applied. A type
     * that is not in the catalogue has no payload problems here; whether it is accepted is the caller's choice.
     *
     * @param message the message
     * @param origin where it comes from, or {@code null}
     * @return the problems, in the order of the fields; empty if the payload is valid
     */
    public List<InvalidMessageException> problems(final Message message, @CheckForNull final String origin) {
        return problems(message.getType(), message.payloadNode(), origin);
    }

    /**
     * Returns every problem of a payload of a type, as {@link #problems(Message, String)} does, for a message whose
     * envelope could not be read.
     *
     * @param typeName the type, for example {@code test.completed}
     * @param payload the payload
     * @param origin where it comes from, or {@code null}
     * @return the problems; empty if the payload is valid or the type is not in the catalogue
     */
    public List<InvalidMessageException> problems(final String typeName, final JsonNode payload,
            @CheckForNull final String origin) {
        Optional<MessageType<?>> found = MessageCatalog.find(typeName);
        if (found.isEmpty() || !payload.isObject()) {
            return List.of();
        }
        Class<?> payloadType = found.get().getPayloadType();
        ObjectNode remaining = ((ObjectNode) payload).deepCopy();
        List<InvalidMessageException> all = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (int round = 0; round <= remaining.size(); round++) {
            List<InvalidMessageException> thrown = new ArrayList<>(1);
            List<InvalidMessageException> checks = PayloadChecks.collecting(() -> {
                try {
                    bind(remaining, payloadType, typeName, origin);
                }
                catch (InvalidMessageException e) {
                    thrown.add(e);
                }
            });
            if (!checks.isEmpty()) {
                checks.stream().map(problem -> problem.at(origin, typeName))
                        .filter(problem -> problem.getField() == null || reported.add(problem.getField()))
                        .forEach(all::add);
                break;
            }
            if (thrown.isEmpty()) {
                break;
            }
            InvalidMessageException problem = thrown.get(0);
            String field = problem.getField();
            if (field == null || !reported.add(field)) {
                all.add(problem);
                break;
            }
            all.add(problem);
            String top = field.split("[.\\[]", 2)[0];
            if (!remaining.has(top)) {
                break;
            }
            remaining.remove(top);  // left out, so that the next round checks the fields after it
            reported.add(top);
        }
        return all;
    }

    <T> T bind(final JsonNode payload, final Class<T> payloadType, final String type,
            @CheckForNull final String origin) {
        try {
            return mapper.treeToValue(payload, payloadType);
        }
        catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidMessageException invalid) {
                throw invalid.at(origin, type, e.getPath().isEmpty() ? "" : path(e));
            }
            Throwable cause = e.getCause();
            throw InvalidMessageException.invalidField(type, path(e), "is not valid" + (cause == null
                    || cause.getMessage() == null ? "" : ": " + cause.getMessage())).at(origin, type);
        }
        catch (JsonMappingException e) {
            if (e.getCause() instanceof InvalidMessageException invalid) {
                throw invalid.at(origin, type, e.getPath().isEmpty() ? "" : path(e));
            }
            JsonNode value = payload.at(pointer(e));
            throw InvalidMessageException.invalidField(type, path(e), "must be " + expected(e) + ", was "
                    + describe(value)).at(origin, type);
        }
        catch (JsonProcessingException e) {
            throw InvalidMessageException.malformed(origin, "payload is not valid: " + JsonErrors.describe(e), e);
        }
    }

    private static String path(final JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "payload" : path.toString();
    }

    private static String pointer(final JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/');
            pointer.append(reference.getFieldName() != null
                    ? reference.getFieldName().replace("~", "~0").replace("/", "~1")
                    : String.valueOf(reference.getIndex()));
        }
        return pointer.toString();
    }

    private static String expected(final JsonMappingException e) {
        Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null ? mismatch.getTargetType() : Object.class;
        if (target == Integer.class || target == Long.class || target == int.class || target == long.class) {
            return "a whole number";
        }
        if (target == Double.class || target == double.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "text";
        }
        if (target == Instant.class) {
            return "an RFC 3339 time such as 2026-11-24T10:15:30Z";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        return "a value of type " + target.getSimpleName();
    }

    private static String describe(final JsonNode value) {
        if (value.isMissingNode()) {
            return "missing";
        }
        String text = value.toString();
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
        return switch (value.getNodeType()) {
            case STRING -> "text (" + shown + ")";
            case NUMBER -> "a number (" + shown + ")";
            case BOOLEAN -> "a boolean (" + shown + ")";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> shown;
        };
    }

    /**
     * Converts a typed payload to its JSON form, in a canonical form equal to what reading its JSON gives.
     *
     * @param payload the payload
     * @return the JSON object
     */
    ObjectNode toTree(final BusMessage payload) {
        try {
            return (ObjectNode) mapper.readTree(mapper.writeValueAsBytes(payload));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a JSON object with the codec's limits, for payloads given as text (CLI options, Pipeline maps).
     *
     * @param json the JSON
     * @param origin where it comes from, or {@code null}
     * @return the object
     * @throws InvalidMessageException if the text is not a JSON object
     */
    public ObjectNode parseObject(final String json, @CheckForNull final String origin) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw InvalidMessageException.malformed(origin, "is not a JSON object", null);
            }
            return (ObjectNode) node;
        }
        catch (JsonProcessingException e) {
            throw InvalidMessageException.malformed(origin, "is not valid JSON: " + JsonErrors.describe(e), e);
        }
    }

    /**
     * Converts a map, as a Pipeline step receives it, to a JSON payload. Only plain data is accepted, by the JDK's own
     * classes: text, numbers, booleans, lists and maps with text keys. Nothing else is called or serialized, so an
     * object a script passes ({@code currentBuild}, {@code env}) cannot run code outside the script's sandbox.
     *
     * @param values the values: text, numbers, booleans, lists and maps
     * @return the JSON object
     * @throws IllegalArgumentException naming the path and class of the first value that is not plain data, or the
     *         limit (nesting {@value #MAX_NESTING_DEPTH}, {@value PlainData#MAX_VALUES} values) it exceeds
     */
    public ObjectNode toObject(final Map<String, ?> values) {
        return PlainData.toObject("payload", values, MAX_NESTING_DEPTH);
    }
}
