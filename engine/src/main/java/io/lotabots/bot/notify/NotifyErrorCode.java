package io.lotabots.bot.notify;

import io.lotabots.error.ErrorCode;

/**
 * Codes for notifications that NotificationBot cannot send.
 */
public enum NotifyErrorCode implements ErrorCode {
    /** A channel name is not one NotificationBot knows. */
    UNKNOWN_CHANNEL,
    /** A channel needs a secret or option that is not given. */
    MISSING_SETTING,
    /** A routing rule, in an option or a file, is malformed. */
    INVALID_ROUTE,
    /** There is no message to notify about: the journal is empty or has no message of the requested type. */
    NOTHING_TO_NOTIFY,
    /** A notification could not be delivered and {@code failOnError} is set. */
    DELIVERY_FAILED
}
