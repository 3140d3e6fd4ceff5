package io.lotabots.bot;

import io.lotabots.error.ErrorCode;

/**
 * Codes for failures in configuring or finding bots.
 */
public enum BotErrorCode implements ErrorCode {
    /** An option value is missing, unknown or of the wrong kind. */
    INVALID_OPTION,
    /** No bot has the requested id. */
    UNKNOWN_BOT
}
