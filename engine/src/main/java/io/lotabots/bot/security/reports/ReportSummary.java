package io.lotabots.bot.security.reports;

import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One report that was read.
 *
 * @param report the path relative to the workspace, with {@code /}
 * @param format the format, detected or given
 * @param tool the tool that wrote it, as its findings name it ({@code Trivy}, or a SARIF run's driver name)
 * @param toolVersion the tool's version when the report says it, or {@code null}
 * @param informationUri the tool's home page when known, or {@code null}
 * @param target what was scanned when the report says it and it is no workspace file (an image), or {@code null}
 * @param findings how many findings it gave
 * @param pathsOutsideWorkspace how many findings pointed to files outside the workspace and were kept without
 *     their file
 */
public record ReportSummary(String report, ScannerFormat format, String tool, @CheckForNull String toolVersion,
        @CheckForNull String informationUri, @CheckForNull String target, int findings,
        int pathsOutsideWorkspace) {
    /**
     * Checks the values.
     */
    public ReportSummary {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tool, "tool");
    }
}
