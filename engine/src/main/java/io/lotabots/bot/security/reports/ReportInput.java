package io.lotabots.bot.security.reports;

import java.util.Objects;
import java.util.Optional;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One report to read: a path or Ant-style pattern relative to the workspace, and the format when the user names
 * it instead of letting the content decide.
 *
 * @param pattern the path or pattern, for example {@code reports/*.sarif}
 * @param format the format, or {@code null} to detect it from each file's content
 */
public record ReportInput(String pattern, @CheckForNull ScannerFormat format) {
    /**
     * Checks the values.
     */
    public ReportInput {
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Reads a report argument: {@code PATH}, or {@code FORMAT:PATH} with a format id of {@link ScannerFormat}
     * ({@code trivy:reports/image.json}). A prefix that is no format id is part of the path.
     *
     * @param spec the argument
     * @return the input
     */
    public static ReportInput parse(final String spec) {
        int colon = spec.indexOf(':');
        if (colon > 1) {
            Optional<ScannerFormat> format = ScannerFormat.ofId(spec.substring(0, colon));
            if (format.isPresent()) {
                return new ReportInput(spec.substring(colon + 1), format.get());
            }
        }
        return new ReportInput(spec, null);
    }

    @Override
    public String toString() {
        return format == null ? pattern : format.id() + ":" + pattern;
    }
}
