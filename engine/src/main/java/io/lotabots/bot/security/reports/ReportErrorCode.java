package io.lotabots.bot.security.reports;

import io.lotabots.error.ErrorCode;

/**
 * Codes for scanner reports that cannot be read.
 */
public enum ReportErrorCode implements ErrorCode {
    /** The report path leaves the workspace ({@code ..}, an absolute path elsewhere, a symbolic link out). */
    OUTSIDE_WORKSPACE,
    /** No file matches the report path. */
    NOT_FOUND,
    /** The report is larger than the limit. */
    TOO_LARGE,
    /** The report is not well-formed JSON, or a field has the wrong type. */
    MALFORMED,
    /** The content is none of the formats LotaBots reads, or an XML report (no XML format is read). */
    UNKNOWN_FORMAT,
    /** The report cannot be read from disk. */
    UNREADABLE
}
