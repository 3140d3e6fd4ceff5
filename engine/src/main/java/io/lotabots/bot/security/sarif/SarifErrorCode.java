package io.lotabots.bot.security.sarif;

import io.lotabots.error.ErrorCode;

/**
 * Codes for SARIF logs that cannot be written.
 */
public enum SarifErrorCode implements ErrorCode {
    /** The output file cannot be written. */
    WRITE_FAILED
}
