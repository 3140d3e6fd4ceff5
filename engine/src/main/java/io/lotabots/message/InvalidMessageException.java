package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

/**
 * A message that cannot be read or is not valid. The message names where it came from (a file and line, when
 * known), the message type and the field.
 */
public final class InvalidMessageException extends LotaBotsException {
    private static final long serialVersionUID = 1L;

    @CheckForNull
    private final String type;
    @CheckForNull
    private final String field;
    private final String problem;

    private InvalidMessageException(final MessageErrorCode code, @CheckForNull final String origin,
            @CheckForNull final String type, @CheckForNull final String field, final String problem,
            @CheckForNull final Throwable cause) {
        super(code, describe(origin, type, field, problem), cause);
        this.type = type;
        this.field = field;
        this.problem = problem;
    }

    private static String describe(@CheckForNull final String origin, @CheckForNull final String type,
            @CheckForNull final String field, final String problem) {
        StringBuilder text = new StringBuilder();
        if (origin != null) {
            text.append(origin).append(": ");
        }
        if (type != null) {
            text.append("message type '").append(type).append("': ");
        }
        if (field != null) {
            text.append("field '").append(field).append("' ");
        }
        return text.append(problem).toString();
    }

    /**
     * A payload field that is missing, of the wrong kind or out of range.
     *
     * @param type the message type, for example {@code test.completed}
     * @param field the JSON name of the field, for example {@code coverage}
     * @param problem what is wrong, for example {@code must be between 0 and 100, was 120.0}
     * @return the exception
     */
    public static InvalidMessageException invalidField(final String type, final String field, final String problem) {
        return new InvalidMessageException(MessageErrorCode.INVALID_FIELD, null, type, field, problem, null);
    }

    /**
     * An envelope attribute that is missing or wrong.
     *
     * @param origin where the message came from, or {@code null}
     * @param attribute the attribute, for example {@code source.bot_name}
     * @param problem what is wrong
     * @return the exception
     */
    public static InvalidMessageException invalidEnvelope(@CheckForNull final String origin, final String attribute,
            final String problem) {
        return new InvalidMessageException(MessageErrorCode.INVALID_ENVELOPE, origin, null, null,
                "attribute '" + attribute + "' " + problem, null);
    }

    /**
     * Text that is not the JSON object of a message.
     *
     * @param origin where the text came from, or {@code null}
     * @param problem what is wrong
     * @param cause the parser's failure, or {@code null}
     * @return the exception
     */
    public static InvalidMessageException malformed(@CheckForNull final String origin, final String problem,
            @CheckForNull final Throwable cause) {
        return new InvalidMessageException(MessageErrorCode.MALFORMED_JSON, origin, null, null, problem, cause);
    }

    /**
     * A type that is not in the catalogue, under strict validation.
     *
     * @param origin where the message came from, or {@code null}
     * @param type the unknown type
     * @return the exception
     */
    public static InvalidMessageException unknownType(@CheckForNull final String origin, final String type) {
        return new InvalidMessageException(MessageErrorCode.UNKNOWN_TYPE, origin, type, null,
                "is not in the catalogue; see docs/messages.md for the known types, or drop --strict to accept"
                        + " custom types", null);
    }

    /**
     * A message whose JSON form is larger than the limit.
     *
     * @param origin where the message came from, or {@code null}
     * @param type the message type, or {@code null} if not known
     * @param size the size in bytes
     * @return the exception
     */
    public static InvalidMessageException tooLarge(@CheckForNull final String origin, @CheckForNull final String type,
            final long size) {
        return new InvalidMessageException(MessageErrorCode.TOO_LARGE, origin, type, null,
                "is " + size + " bytes, more than the limit of " + MessageCodec.MAX_MESSAGE_BYTES
                        + " bytes; keep large data in a file or artifact and put its path or URL into the payload",
                null);
    }

    /**
     * Returns this exception with the origin (a file and line) and type put in front of its message.
     *
     * @param origin where the message came from
     * @param messageType the message type, or {@code null} if this exception already names it
     * @return a new exception with the same code, type, field and problem
     */
    InvalidMessageException at(@CheckForNull final String origin, @CheckForNull final String messageType) {
        return at(origin, messageType, "");
    }

    /**
     * Returns this exception with the origin and type put in front of its message, and the field placed under a
     * path: a check of a nested record knows only its own field ({@code sha256}); the codec knows where the record
     * is ({@code artifacts[0]}).
     *
     * @param origin where the message came from
     * @param messageType the message type, or {@code null} if this exception already names it
     * @param path the path of the nested record, or empty
     * @return a new exception with the same code and problem
     */
    InvalidMessageException at(@CheckForNull final String origin, @CheckForNull final String messageType,
            final String path) {
        String knownType = type == null ? messageType : type;
        String fullField = field == null || path.isEmpty() ? field : path + "." + field;
        return new InvalidMessageException((MessageErrorCode) getCode(), origin, knownType, fullField, problem,
                this);
    }

    /**
     * Returns the message type the problem was found in, if known.
     *
     * @return the type, or {@code null}
     */
    @CheckForNull
    public String getType() {
        return type;
    }

    /**
     * Returns the JSON name of the payload field at fault, if the problem is in one field.
     *
     * @return the field, or {@code null}
     */
    @CheckForNull
    public String getField() {
        return field;
    }
}
