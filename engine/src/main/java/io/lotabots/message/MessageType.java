package io.lotabots.message;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the catalogue: a type name with its payload record, version, description and export mapping.
 *
 * @param <T> the payload record
 */
public final class MessageType<T extends BusMessage> {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Class<T> payloadType;
    private final String name;
    private final int version;
    private final String description;
    @CheckForNull
    private final String cdEventsType;

    private MessageType(final Class<T> payloadType) {
        MessageTypeInfo info = Objects.requireNonNull(payloadType.getAnnotation(MessageTypeInfo.class),
                () -> payloadType.getName() + " has no @MessageTypeInfo");
        Doc doc = Objects.requireNonNull(payloadType.getAnnotation(Doc.class),
                () -> payloadType.getName() + " has no @Doc");
        this.payloadType = payloadType;
        this.name = info.name();
        this.version = info.version();
        this.description = doc.value();
        this.cdEventsType = info.cdEventsType().isEmpty() ? null : info.cdEventsType();
    }

    /**
     * Creates the catalogue entry of a payload record from its annotations.
     *
     * @param payloadType the record
     * @param <T> the record type
     * @return the entry
     */
    static <T extends BusMessage> MessageType<T> of(final Class<T> payloadType) {
        return new MessageType<>(payloadType);
    }

    /**
     * Returns the type name, as written in the {@code type} attribute.
     *
     * @return the name, for example {@code build.completed}
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the payload version.
     *
     * @return the version
     */
    public int getVersion() {
        return version;
    }

    /**
     * Returns one sentence that says what the message means.
     *
     * @return the description
     */
    public String getDescription() {
        return description;
    }

    /**
     * Returns the payload record.
     *
     * @return the record class
     */
    public Class<T> getPayloadType() {
        return payloadType;
    }

    /**
     * Returns the CDEvents type this message maps to, if one exists.
     *
     * @return the CDEvents type
     */
    public Optional<String> getCdEventsType() {
        return Optional.ofNullable(cdEventsType);
    }

    /**
     * Returns the CloudEvents {@code type} of the exported event: the CDEvents type where one exists, otherwise
     * a CDEvents custom type ({@code dev.cdeventsx.lotabots-<subject>.<predicate>.<version>.0.0}).
     *
     * @return the CloudEvents type
     */
    public String getCloudEventType() {
        return cdEventsType == null ? customCloudEventType(name, version) : cdEventsType;
    }

    static String customCloudEventType(final String typeName, final int version) {
        String base = typeName.replaceFirst("\\.v\\d+$", "");
        return "dev.cdeventsx.lotabots-" + base + "." + version + ".0.0";
    }

    /**
     * Returns the payload fields in the order they are written.
     *
     * @return the fields
     */
    public List<Field> getFields() {
        return fieldsOf(payloadType);
    }

    static List<Field> fieldsOf(final Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(Field::new).toList();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * A payload field as documented in the catalogue.
     */
    public static final class Field {
        private final RecordComponent component;

        Field(final RecordComponent component) {
            this.component = component;
        }

        /**
         * Returns the JSON name of the field.
         *
         * @return the name, for example {@code build_id}
         */
        public String getName() {
            return SNAKE_CASE.translate(component.getName());
        }

        /**
         * Returns the Java component name of the field.
         *
         * @return the name, for example {@code buildId}
         */
        public String getComponentName() {
            return component.getName();
        }

        /**
         * Returns the Java type of the field.
         *
         * @return the type
         */
        public Class<?> getJavaType() {
            return component.getType();
        }

        /**
         * Returns the generic Java type of the field, as written in the record.
         *
         * @return the type name, for example {@code java.util.List<io.lotabots.message.Artifact>}
         */
        public String getGenericTypeName() {
            return component.getGenericType().getTypeName();
        }

        /**
         * Returns whether the field may be absent.
         *
         * @return {@code true} if optional
         */
        public boolean isOptional() {
            Doc doc = component.getAnnotation(Doc.class);
            return doc != null && doc.optional();
        }

        /**
         * Returns what the field means.
         *
         * @return the description
         */
        public String getDescription() {
            Doc doc = component.getAnnotation(Doc.class);
            return doc == null ? "" : doc.value();
        }
    }
}
