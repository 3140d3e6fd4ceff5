package io.lotabots.reaction;

import io.lotabots.error.ErrorCode;

/**
 * Codes for reaction rules that cannot be read and reaction records that cannot be kept.
 */
public enum ReactionErrorCode implements ErrorCode {
    /** A rules file is malformed: YAML, an unknown key, message type, payload field or value. */
    INVALID_RULES,
    /** Another process holds the record of handled reactions. */
    LEDGER_BUSY,
    /** The record of handled reactions cannot be read or written. */
    LEDGER_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
