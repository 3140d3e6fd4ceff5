package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.lotabots.bot.ProcessingMode;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;
import io.lotabots.util.WorkspaceConfinement;
import io.lotabots.util.WorkspaceFiles;
import io.lotabots.util.WorkspaceFiles.Selection;
import io.lotabots.util.WorkspaceFiles.Skipped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads the reports of security scanners into {@link SecurityFinding}s: SARIF 2.1.0 of any static analyser, Trivy,
 * Grype, OSV-Scanner, OWASP Dependency-Check (JSON) and Gitleaks. The format is told from each file's content
 * unless the input names it.
 *
 * <p>Reading is lenient: a report that is refused or cannot be read becomes a {@link ReportProblem} (and an error
 * line naming the file and the position) and the other reports still count; in {@link ProcessingMode#STRICT} the
 * first problem is thrown instead. A report path that leaves the workspace ({@code ..}, an absolute path
 * elsewhere, a symbolic link out) is refused, and so is a report above the size limit. A finding whose file lies
 * outside the workspace is kept without its file, and the log says how many were.</p>
 *
 * <p>Example:</p>
 * <pre>{@code
 * ScannerReportResult result = ScannerReports.read(List.of("reports/*.sarif", "trivy:trivy.json"), workspace, log);
 * result.getFindings().forEach(...);
 * }</pre>
 */
public final class ScannerReports {
    /** The largest report read unless told otherwise: 64 MiB. */
    public static final long DEFAULT_MAX_REPORT_BYTES = 64L * 1024 * 1024;

    private final long maxReportBytes;
    private final ProcessingMode mode;
    private final Predicate<String> leftOut;
    private final Function<String, String> leftOutReason;

    private ScannerReports(final long maxReportBytes, final ProcessingMode mode, final Predicate<String> leftOut,
            final Function<String, String> leftOutReason) {
        this.maxReportBytes = maxReportBytes;
        this.mode = mode;
        this.leftOut = leftOut;
        this.leftOutReason = leftOutReason;
    }

    /**
     * Returns a lenient reader with the default size limit.
     *
     * @return the reader
     */
    public static ScannerReports create() {
        return new ScannerReports(DEFAULT_MAX_REPORT_BYTES, ProcessingMode.LENIENT, path -> false, path -> path);
    }

    /**
     * Returns a reader with another size limit.
     *
     * @param bytes the largest report read, at least 1
     * @return the reader
     */
    public ScannerReports withMaxReportBytes(final long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("The report size limit must be at least 1 byte, was " + bytes);
        }
        return new ScannerReports(bytes, mode, leftOut, leftOutReason);
    }

    /**
     * Returns a reader with another processing mode.
     *
     * @param value {@link ProcessingMode#LENIENT} to record problems and go on, {@link ProcessingMode#STRICT} to
     *     throw the first
     * @return the reader
     */
    public ScannerReports withMode(final ProcessingMode value) {
        return new ScannerReports(maxReportBytes, value, leftOut, leftOutReason);
    }

    /**
     * Returns a reader that leaves some files out even when a pattern matches them: SecurityBot leaves out what
     * LotaBots writes, so that a scan never reads its own SARIF report of an earlier run as a scanner's report.
     *
     * @param files whether a file, by its path relative to the workspace, is left out
     * @param reason the log line that says why a file is left out, from its relative path
     * @return the reader
     */
    public ScannerReports leavingOut(final Predicate<String> files, final Function<String, String> reason) {
        return new ScannerReports(maxReportBytes, mode, files, reason);
    }

    /**
     * Reads reports leniently with the default size limit.
     *
     * @param specs the reports, each {@code PATH} or {@code FORMAT:PATH} ({@link ReportInput#parse}); a path may be
     *     an Ant-style pattern relative to the workspace
     * @param workspace the workspace
     * @param log where progress and problems are logged
     * @return the findings, summaries and problems
     */
    public static ScannerReportResult read(final Collection<String> specs, final Path workspace,
            final LogSink log) {
        return create().readInputs(specs.stream().map(ReportInput::parse).toList(), workspace, log);
    }

    /**
     * Reads reports.
     *
     * @param inputs the reports
     * @param workspace the workspace
     * @param log where progress and problems are logged
     * @return the findings, summaries and problems
     * @throws LotaBotsException in {@link ProcessingMode#STRICT}, the first problem
     */
    public ScannerReportResult readInputs(final List<ReportInput> inputs, final Path workspace,
            final LogSink log) {
        List<SecurityFinding> findings = new ArrayList<>();
        List<ReportSummary> summaries = new ArrayList<>();
        List<ReportProblem> problems = new ArrayList<>();
        WorkspaceFiles files = WorkspaceFiles.of(workspace);
        for (ReportInput input : inputs) {
            Selection selection;
            try {
                selection = files.find(input.pattern());
            }
            catch (LotaBotsException e) {
                boolean outside = e.getCode() == WorkspaceFiles.WorkspaceErrorCode.OUTSIDE_WORKSPACE;
                problem(problems, log, input.pattern(), outside ? ReportErrorCode.OUTSIDE_WORKSPACE
                        : ReportErrorCode.NOT_FOUND, "Refused scanner report '" + input.pattern() + "': "
                        + e.getMessage(), e);
                continue;
            }
            for (Skipped skipped : selection.getSkipped()) {
                problem(problems, log, skipped.path(), ReportErrorCode.OUTSIDE_WORKSPACE, "Refused scanner report '"
                        + skipped.path() + "': " + skipped.reason() + "; reports are read from the workspace only.",
                        null);
            }
            int leftOutCount = 0;
            for (String relative : selection.getRelativePaths()) {
                if (leftOut.test(relative)) {
                    leftOutCount++;
                    log.info(leftOutReason.apply(relative));
                }
            }
            if (selection.getRelativePaths().size() == leftOutCount && selection.getSkipped().isEmpty()) {
                problem(problems, log, input.pattern(), ReportErrorCode.NOT_FOUND, "No scanner report matches '"
                        + input.pattern() + "' in the workspace" + (leftOutCount > 0 ? " besides what LotaBots"
                        + " writes" : "") + ". Did the scanner run and write it there?", null);
            }
            for (int i = 0; i < selection.getFiles().size(); i++) {
                String relative = selection.getRelativePaths().get(i);
                if (leftOut.test(relative)) {
                    continue;
                }
                try {
                    ReportContext context = new ReportContext(selection.getFiles().get(i), relative, workspace,
                            log, maxReportBytes);
                    List<SecurityFinding> read = readOne(context, input.format(), files.getWorkspace());
                    findings.addAll(read);
                    summaries.add(summarize(context, read.size(), log));
                }
                catch (LotaBotsException e) {
                    problem(problems, log, relative, e.getCode() instanceof ReportErrorCode code ? code
                            : ReportErrorCode.UNREADABLE, e.getMessage(), e);
                }
            }
        }
        return new ScannerReportResult(findings, summaries, problems);
    }

    private List<SecurityFinding> readOne(final ReportContext context, @CheckForNull final ScannerFormat given,
            final Path workspace) {
        Path file = context.file();
        try {
            WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace, file);
            if (!location.isInside()) {
                throw LotaBotsException.of(ReportErrorCode.OUTSIDE_WORKSPACE, String.format(Locale.ROOT,
                        "Refused scanner report '%s': it resolves to '%s', outside the workspace; reports are read"
                                + " from the workspace only.", context.report(), location.real()));
            }
            long size = Files.size(location.real());
            if (size > maxReportBytes) {
                throw LotaBotsException.of(ReportErrorCode.TOO_LARGE, String.format(Locale.ROOT,
                        "Refused scanner report '%s': it is %,d bytes, above the limit of %,d bytes. Scan less at"
                                + " once, or raise the limit if the report is genuine.", context.report(), size,
                        maxReportBytes));
            }
            FormatDetector.refuseXml(context);
            ScannerFormat format = given == null ? FormatDetector.detect(context) : given;
            context.format(format);
            return switch (format) {
                case SARIF -> SarifReader.read(context);
                case TRIVY -> TrivyReader.read(context);
                case GRYPE -> GrypeReader.read(context);
                case OSV_SCANNER -> OsvScannerReader.read(context);
                case DEPENDENCY_CHECK -> DependencyCheckReader.read(context);
                case GITLEAKS -> GitleaksReader.read(context);
            };
        }
        catch (JsonProcessingException e) {
            throw context.malformed(e);
        }
        catch (IOException e) {
            throw LotaBotsException.of(ReportErrorCode.UNREADABLE, String.format(Locale.ROOT,
                    "Cannot read scanner report '%s': %s. Is it readable?", context.report(),
                    e.getClass().getSimpleName()), e);
        }
    }

    private static ReportSummary summarize(final ReportContext context, final int findings, final LogSink log) {
        ScannerFormat format = context.format();
        String named = context.tool();
        String tool = named == null ? format.toolName() : named;
        String target = context.target();
        if (context.outsideCount() > 0) {
            log.error(String.format(Locale.ROOT, "Scanner report '%s': %d findings point to files outside the"
                    + " workspace (for example '%s'); they are kept without their file", context.report(),
                    context.outsideCount(), context.outsideExample()));
        }
        log.info(String.format(Locale.ROOT, "Read %s report '%s'%s: %d findings", tool, context.report(),
                target == null ? "" : " of " + target, findings));
        return new ReportSummary(context.report(), format, tool, context.toolVersion(),
                format == ScannerFormat.SARIF ? null : format.informationUri(), target, findings,
                context.outsideCount());
    }

    private void problem(final List<ReportProblem> problems, final LogSink log, final String report,
            final ReportErrorCode code, final String message, @CheckForNull final LotaBotsException cause) {
        if (mode == ProcessingMode.STRICT) {
            throw cause != null && cause.getCode() == code ? cause : LotaBotsException.of(code, message);
        }
        problems.add(new ReportProblem(report, code, message));
        log.error(message);
    }
}
