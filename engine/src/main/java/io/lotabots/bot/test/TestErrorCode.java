package io.lotabots.bot.test;

import io.lotabots.error.ErrorCode;

/**
 * Codes for TestBot failures a user can fix.
 */
public enum TestErrorCode implements ErrorCode {
    /** A report or project file cannot be read. */
    REPORT_UNREADABLE,
    /** No test results were found and empty results are not allowed. */
    NO_RESULTS,
    /** The scope needs something that is missing, such as {@code since} for {@code affected}. */
    INVALID_SCOPE
}
