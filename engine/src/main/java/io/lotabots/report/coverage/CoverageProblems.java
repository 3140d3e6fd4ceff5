package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Builds the exceptions of this package. Every message names the report and, where known, the line, says what is
 * wrong and what to check.
 */
final class CoverageProblems {
    private CoverageProblems() {
    }

    static String where(final String file, final int line) {
        return line > 0 ? "'" + file + "' (line " + line + ")" : "'" + file + "'";
    }

    static String displayName(final CoverageFormat format) {
        switch (format) {
            case JACOCO:
                return "JaCoCo XML report";
            case COBERTURA:
                return "Cobertura XML report";
            default:
                return "LCOV tracefile";
        }
    }

    static String withArticle(final CoverageFormat format) {
        return (format == CoverageFormat.LCOV ? "an " : "a ") + displayName(format);
    }

    static LotaBotsException unreadable(final String file, final IOException cause) {
        String reason;
        if (cause instanceof NoSuchFileException) {
            reason = "the file does not exist. Check the path; relative paths start at the workspace.";
        }
        else if (cause instanceof AccessDeniedException) {
            reason = "access denied. Check the file's permissions.";
        }
        else {
            reason = cause.getClass().getSimpleName() + ": " + cause.getMessage() + ". Is it a readable file?";
        }
        return LotaBotsException.of(CoverageErrorCode.REPORT_UNREADABLE,
                "Cannot read coverage report '" + file + "': " + reason, cause);
    }

    static LotaBotsException empty(final String file, final String detail) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_EMPTY, "Coverage report '" + file + "' " + detail
                + ". Did the tests run with coverage enabled before the report was written?");
    }

    static LotaBotsException truncated(final String file, final int line, final String detail,
            @CheckForNull final Throwable cause) {
        return of(CoverageErrorCode.REPORT_TRUNCATED, "Cannot read coverage report " + where(file, line)
                + ": it ends before the report is complete (" + detail + "). Is the file complete, or was it "
                + "copied while still being written?", cause);
    }

    static LotaBotsException malformed(final String file, final int line, final String detail,
            final Throwable cause) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_MALFORMED, "Cannot parse coverage report "
                + where(file, line) + ": the XML is not well-formed: " + detail
                + ". Is it a coverage report, written completely by its tool?", cause);
    }

    static LotaBotsException tooDeep(final String file, final int line, final String element, final int limit) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_MALFORMED, "Cannot read coverage report "
                + where(file, line) + ": " + element + " elements nest deeper than " + limit + " levels, more than any"
                + " build writes. Is it a coverage report written by its tool?");
    }

    static LotaBotsException unknownFormat(final String file, final String detail) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_UNKNOWN_FORMAT, "Coverage report '" + file + "' "
                + detail + ". Supported are JaCoCo XML (jacoco.xml), Cobertura XML (coverage.xml) and LCOV "
                + "(lcov.info); check which file the pattern selects.");
    }

    static LotaBotsException formatMismatch(final String file, final CoverageFormat expected, final String found) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_FORMAT_MISMATCH, "Coverage report '" + file
                + "' should be " + withArticle(expected) + " but " + found
                + ". Check the format setting, or leave it out to detect the format from the content.");
    }

    static LotaBotsException entitiesNotAllowed(final String file, final int line, final String detail) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_ENTITIES_NOT_ALLOWED, "Refusing coverage report "
                + where(file, line) + ": it " + detail + ". Coverage tools never write entities; such a file "
                + "is an attempt to read other files or exhaust memory (XXE, billion laughs), so it is not read.");
    }

    static LotaBotsException invalidCount(final String file, final int line, final String detail) {
        return LotaBotsException.of(CoverageErrorCode.COUNT_INVALID, "Cannot read coverage report "
                + where(file, line) + ": " + detail + ". Counts and line numbers must be whole numbers of 0 or "
                + "more; was the report edited or written by a broken tool?");
    }

    static LotaBotsException invalidRecord(final String file, final int line, final String detail) {
        return LotaBotsException.of(CoverageErrorCode.RECORD_INVALID, "Cannot read LCOV tracefile "
                + where(file, line) + ": " + detail + ". Read it in lenient mode to skip such lines.");
    }

    static String structure(final String file, final int line, final String detail) {
        return "Coverage report " + where(file, line) + ": " + detail + "; this coverage is not counted. Write the "
                + "report with its tool, or fix the structure, so that no coverage is dropped.";
    }

    static LotaBotsException structureUnknown(final String problem) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_STRUCTURE_UNKNOWN, "Cannot read c"
                + problem.substring(1) + " (strict mode)");
    }

    static LotaBotsException tooLarge(final String file, final int line, final String detail) {
        return LotaBotsException.of(CoverageErrorCode.REPORT_TOO_LARGE, "Refusing coverage report "
                + where(file, line) + ": " + detail + ". Is it one build's report? Read the reports of each module "
                + "separately, or split the report.");
    }

    static LotaBotsException noReports(final String detail, @CheckForNull final Throwable cause) {
        return of(CoverageErrorCode.NO_REPORTS, detail, cause);
    }

    private static LotaBotsException of(final CoverageErrorCode code, final String message,
            @CheckForNull final Throwable cause) {
        return cause == null ? LotaBotsException.of(code, message) : LotaBotsException.of(code, message, cause);
    }
}
