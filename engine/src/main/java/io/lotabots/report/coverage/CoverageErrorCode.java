package io.lotabots.report.coverage;

import io.lotabots.error.ErrorCode;

/**
 * Why a coverage report could not be read. Every one of them is a user error: the message names the report, the
 * line where known, and what to check.
 */
public enum CoverageErrorCode implements ErrorCode {
    /** The file does not exist, is a folder or cannot be opened. */
    REPORT_UNREADABLE,
    /** The file is empty or holds no coverage data. */
    REPORT_EMPTY,
    /** The XML ends before the report does, or the LCOV file inside a record (strict mode). */
    REPORT_TRUNCATED,
    /** The XML is not well-formed. */
    REPORT_MALFORMED,
    /** The file is no coverage report that is supported, for example a JUnit report. */
    REPORT_UNKNOWN_FORMAT,
    /** The file is of another format than the one asked for. */
    REPORT_FORMAT_MISMATCH,
    /** The XML declares or uses entities (an internal DTD subset): refused, since that is how XXE works. */
    REPORT_ENTITIES_NOT_ALLOWED,
    /**
     * Coverage data in a structure the reader does not understand (an element where its format never puts one, a
     * record outside of its file): it is not counted, so it is never dropped silently. A named problem of the
     * summary in lenient mode, a failure in strict mode.
     */
    REPORT_STRUCTURE_UNKNOWN,
    /** The data kept for a report would exceed the limit of {@link CoverageLimits}. */
    REPORT_TOO_LARGE,
    /** A count or line number is negative or not a number. */
    COUNT_INVALID,
    /** A line of an LCOV file is no LCOV record (strict mode only; lenient mode skips it). */
    RECORD_INVALID,
    /** None of the given reports could be read, or none was given. */
    NO_REPORTS
}
