package io.lotabots.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a payload type or field for the generated catalogue in {@code docs/messages.md}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface Doc {
    /**
     * Returns one sentence that says what the type or field means, with its unit.
     *
     * @return the description
     */
    String value();

    /**
     * Returns whether the field may be absent. The compact constructor of the payload enforces the required fields;
     * a test checks that both agree.
     *
     * @return {@code true} if the field may be absent or {@code null}
     */
    boolean optional() default false;
}
