package io.lotabots.message;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The catalogue of message types: one entry per permitted subtype of {@link BusMessage}. A type that is not in
 * the catalogue is a custom type; it is accepted when its name has the form {@code area.event} and its payload is
 * a JSON object.
 */
public final class MessageCatalog {
    /** The longest type name accepted. */
    public static final int MAX_TYPE_LENGTH = 128;

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Map<String, MessageType<?>> BY_NAME = load();
    private static final Map<Class<?>, MessageType<?>> BY_CLASS = byClass();

    private MessageCatalog() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, MessageType<?>> load() {
        Map<String, MessageType<?>> types = new LinkedHashMap<>();
        Arrays.stream(BusMessage.class.getPermittedSubclasses())
                .map(type -> MessageType.of((Class<? extends BusMessage>) type))
                .sorted(Comparator.comparing(MessageType::getName))
                .forEach(type -> {
                    if (types.put(type.getName(), type) != null) {
                        throw new IllegalStateException("Two payload records declare the type " + type.getName());
                    }
                });
        return types;
    }

    private static Map<Class<?>, MessageType<?>> byClass() {
        Map<Class<?>, MessageType<?>> types = new LinkedHashMap<>();
        BY_NAME.values().forEach(type -> types.put(type.getPayloadType(), type));
        return types;
    }

    /**
     * Returns every type in the catalogue, sorted by name.
     *
     * @return the types
     */
    public static List<MessageType<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * Finds a type by name.
     *
     * @param name the type name, for example {@code build.completed}
     * @return the type, or empty for a custom type
     */
    public static Optional<MessageType<?>> find(final String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * Returns the catalogue entry of a payload record.
     *
     * @param payloadType the record class
     * @param <T> the record type
     * @return the entry
     */
    @SuppressWarnings("unchecked")
    public static <T extends BusMessage> MessageType<T> of(final Class<T> payloadType) {
        MessageType<?> type = BY_CLASS.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not a payload of the catalogue");
        }
        return (MessageType<T>) type;
    }

    /**
     * Returns the catalogue entry of a payload.
     *
     * @param payload the payload
     * @return the entry
     */
    public static MessageType<?> of(final BusMessage payload) {
        return of(payload.getClass());
    }

    /**
     * Returns whether a type name is well formed: lower-case words separated by dots, at least two of them, such
     * as {@code build.completed} or {@code acme.release_signed}.
     *
     * @param name the type name
     * @return {@code true} if well formed
     */
    public static boolean isWellFormedName(final String name) {
        return BY_NAME.containsKey(name) || name.length() <= MAX_TYPE_LENGTH && TYPE_NAME.matcher(name).matches();
    }
}
