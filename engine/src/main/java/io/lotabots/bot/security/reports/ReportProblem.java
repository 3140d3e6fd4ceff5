package io.lotabots.bot.security.reports;

import java.util.Objects;

/**
 * A report that could not be read, or could be read only in part. The other reports still count.
 *
 * @param report the report path as the user gave it or as found, relative to the workspace
 * @param code what kind of problem it is
 * @param message what failed, where in the file, and what to do
 */
public record ReportProblem(String report, ReportErrorCode code, String message) {
    /**
     * Checks the values.
     */
    public ReportProblem {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
