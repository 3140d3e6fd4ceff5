package io.lotabots.bot.security;

import io.lotabots.error.ErrorCode;

/**
 * Codes for SecurityBot runs that cannot go on as asked.
 */
public enum SecurityErrorCode implements ErrorCode {
    /** An option names a file or folder that is missing or outside the workspace. */
    INVALID_INPUT,
    /** An input could not be read in strict mode. */
    INPUT_UNREADABLE
}
