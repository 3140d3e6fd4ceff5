package io.lotabots.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the catalogue entry of a payload record: its type name, version and CDEvents mapping.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageTypeInfo {
    /**
     * Returns the type name, as written in the {@code type} attribute of a message.
     *
     * @return the name, for example {@code build.completed}
     */
    String name();

    /**
     * Returns the payload version. A change to the payload's shape is a new version with a new type name
     * ({@code build.completed.v2}); the old type stays readable.
     *
     * @return the version, from 1
     */
    int version();

    /**
     * Returns the CDEvents type this message maps to, if one exists.
     *
     * @return the CDEvents type, for example {@code dev.cdevents.build.finished.0.2.0}, or empty
     */
    String cdEventsType() default "";
}
