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
    /** The action does not fit the incident's status, for example resolving a resolved incident. */
    INVALID_TRANSITION,
    /** A post-mortem template names an unknown placeholder or cannot be read. */
    TEMPLATE_INVALID,
    /** The message named as the cause of an action is not in the journal. */
    CAUSE_NOT_FOUND,
    /** A stored incident, the counter or the index of open incidents is malformed. */
    STORE_UNREADABLE,
    /** The incident database cannot be reached, refuses the login or does not exist. */
    STORE_UNREACHABLE,
    /** The store cannot be written or locked. */
    STORE_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
