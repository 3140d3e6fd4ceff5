package io.lotabots.bot.security.policy;

import io.lotabots.error.ErrorCode;

/**
 * Codes for policy inputs that cannot be used.
 */
public enum PolicyErrorCode implements ErrorCode {
    /** A suppressions file cannot be read or an entry lacks an id, a reason, or has a bad date. */
    INVALID_SUPPRESSIONS,
    /** A baseline file cannot be read or is in no known format. */
    INVALID_BASELINE,
    /** A policy option has a value outside its range. */
    INVALID_POLICY
}
