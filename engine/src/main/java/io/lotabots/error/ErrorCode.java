package io.lotabots.error;

/**
 * Classifies a {@link LotaBotsException}. Each area of the engine has its own enum of codes, as Flyway's
 * {@code ErrorCode} does, so that callers can react to a kind of failure without parsing messages.
 */
public interface ErrorCode {
    /**
     * Returns the stable name of this code, for example {@code MESSAGE_INVALID_FIELD}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns whether a user can fix the cause by changing an input (a file, an option, a message). Front-ends
     * print such failures without a stack trace.
     *
     * @return {@code true} for user errors
     */
    default boolean isUserError() {
        return true;
    }
}
