package io.lotabots.bot.security.reports;

import io.lotabots.bot.security.findings.SecurityFinding;

import java.util.List;

/**
 * What reading scanner reports gave: the findings of every report that could be read, a summary per report, and
 * the problems of those that could not be read (or only in part).
 */
public final class ScannerReportResult {
    private final List<SecurityFinding> findings;
    private final List<ReportSummary> reports;
    private final List<ReportProblem> problems;

    ScannerReportResult(final List<SecurityFinding> findings, final List<ReportSummary> reports,
            final List<ReportProblem> problems) {
        this.findings = List.copyOf(findings);
        this.reports = List.copyOf(reports);
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the findings, report by report in the order read, each in its report's order.
     *
     * @return the findings
     */
    public List<SecurityFinding> getFindings() {
        return findings;
    }

    /**
     * Returns one summary per report read.
     *
     * @return the summaries
     */
    public List<ReportSummary> getReports() {
        return reports;
    }

    /**
     * Returns the problems: reports refused or unreadable, and reports read only in part.
     *
     * @return the problems
     */
    public List<ReportProblem> getProblems() {
        return problems;
    }

    /**
     * Returns whether any report had a problem.
     *
     * @return {@code true} if there are problems
     */
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    @Override
    public String toString() {
        return findings.size() + " findings from " + reports.size() + " reports, " + problems.size() + " problems";
    }
}
