package io.lotabots.report.junit;

import io.lotabots.error.ErrorCode;

/**
 * Codes for JUnit reports that cannot be read.
 */
public enum JUnitErrorCode implements ErrorCode {
    /** The report does not exist, is a directory or may not be opened. */
    FILE_NOT_READABLE,
    /** Reading the report failed part way, for example because a disk failed. */
    IO_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    },
    /** The report has no content at all. */
    EMPTY_FILE,
    /** The report ends before its root element is closed, usually because the test run was killed. */
    TRUNCATED,
    /** The file is not XML. */
    NOT_XML,
    /** The file is XML but not well-formed. */
    MALFORMED_XML,
    /** The file is well-formed XML of another kind, for example a {@code pom.xml}. */
    NOT_A_JUNIT_REPORT,
    /** The file declares a DTD, which could read local files (XXE) or exhaust memory (billion laughs). */
    DOCTYPE_REFUSED,
    /** The test suites nest deeper than any tool writes them. */
    SUITES_TOO_DEEP
}
