package io.lotabots.bot.build;

import io.lotabots.error.ErrorCode;

/**
 * Codes for builds that BuildBot cannot start.
 */
public enum BuildErrorCode implements ErrorCode {
    /** No command was given and no known build file was found. */
    NO_BUILD_TOOL,
    /** The command is empty or its quotes are not closed. */
    INVALID_COMMAND,
    /** The build id has characters a store key cannot hold. */
    INVALID_BUILD_ID,
    /** A non-essential step name is not a plain word. */
    INVALID_STEP
}
