package io.lotabots.bot.incident;

import io.lotabots.error.ErrorCode;

/**
 * Codes for incidents that cannot be opened, found or stored.
 */
public enum IncidentErrorCode implements ErrorCode {
    /** A value given for an incident is missing or unusable. */
    INVALID_INPUT,
    /** No incident has the id. */
    NOT_FOUND,
    /** A stored incident or the counter is malformed. */
    STORE_UNREADABLE,
    /** The store cannot be written or locked. */
    STORE_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
