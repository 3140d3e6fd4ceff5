package io.lotabots.message;

import io.lotabots.error.ErrorCode;

/**
 * Codes for messages that cannot be read or are not valid.
 */
public enum MessageErrorCode implements ErrorCode {
    /** The text is not JSON, or not a JSON object where one is required. */
    MALFORMED_JSON,
    /** An envelope attribute such as {@code type} or {@code source.bot_name} is missing or wrong. */
    INVALID_ENVELOPE,
    /** A payload field is missing, of the wrong kind or out of range. */
    INVALID_FIELD,
    /** The type is not in the catalogue and strict validation was asked for. */
    UNKNOWN_TYPE,
    /** The serialized message is larger than {@link MessageCodec#MAX_MESSAGE_BYTES}. */
    TOO_LARGE
}
