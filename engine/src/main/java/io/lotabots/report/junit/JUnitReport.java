package io.lotabots.report.junit;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The summary of one or more JUnit reports: totals, the failed and flaky test cases, and the suites. Its size does
 * not grow with the number of passing tests: passes are only counted, and the lists of failures, flaky tests and
 * suites each keep at most a fixed number of entries and count the rest.
 *
 * <p>Every test is counted once: {@code tests = passed + failed + errors + skipped}. A flaky test (one that failed
 * and then passed on a rerun) counts as passed and also in {@link #getFlaky()}.</p>
 */
public final class JUnitReport {
    /** The most failed test cases kept; the same cap applies to flaky test cases. */
    public static final int MAX_KEPT_TEST_CASES = 1_000;
    /** The most suites kept. */
    public static final int MAX_KEPT_SUITES = 10_000;

    private static final JUnitReport EMPTY = new JUnitReportCollector().toReport();

    private final int tests;
    private final int passed;
    private final int failed;
    private final int errors;
    private final int skipped;
    private final int flaky;
    private final int reruns;
    private final long durationMicros;
    private final List<JUnitTestCase> failures;
    private final int failuresNotKept;
    private final List<JUnitTestCase> flakyTests;
    private final int flakyTestsNotKept;
    private final List<JUnitSuite> suites;
    private final int suitesNotKept;
    private final List<String> files;
    private final List<String> ignoredFiles;
    private final List<String> structureProblems;

    JUnitReport(final JUnitReportCollector collector) {
        this.tests = collector.tests;
        this.passed = collector.passed;
        this.failed = collector.failed;
        this.errors = collector.errors;
        this.skipped = collector.skipped;
        this.flaky = collector.flaky;
        this.reruns = collector.reruns;
        this.durationMicros = collector.durationMicros;
        this.failures = List.copyOf(collector.failures);
        this.failuresNotKept = collector.failuresNotKept;
        this.flakyTests = List.copyOf(collector.flakyTests);
        this.flakyTestsNotKept = collector.flakyTestsNotKept;
        this.suites = List.copyOf(collector.suites);
        this.suitesNotKept = collector.suitesNotKept;
        this.files = List.copyOf(collector.files);
        this.ignoredFiles = List.copyOf(collector.ignoredFiles);
        this.structureProblems = List.copyOf(collector.structureProblems);
    }

    /**
     * Returns the summary of no reports at all.
     *
     * @return the empty report
     */
    public static JUnitReport empty() {
        return EMPTY;
    }

    /**
     * Adds up reports, for example one per file. The kept lists are concatenated in the given order, up to their
     * caps.
     *
     * @param reports the reports
     * @return the combined report
     */
    public static JUnitReport aggregate(final Collection<JUnitReport> reports) {
        JUnitReportCollector collector = new JUnitReportCollector();
        reports.forEach(collector::addAll);
        return collector.toReport();
    }

    /**
     * Returns this report combined with another one.
     *
     * @param other the other report
     * @return the combined report
     */
    public JUnitReport plus(final JUnitReport other) {
        return aggregate(List.of(this, other));
    }

    /**
     * Returns the number of test cases.
     *
     * @return passed + failed + errors + skipped
     */
    public int getTests() {
        return tests;
    }

    /**
     * Returns the number of test cases that passed, flaky ones included.
     *
     * @return the count
     */
    public int getPassed() {
        return passed;
    }

    /**
     * Returns the number of test cases that failed an assertion ({@code <failure>}).
     *
     * @return the count
     */
    public int getFailed() {
        return failed;
    }

    /**
     * Returns the number of test cases that ended in an unexpected exception ({@code <error>}).
     *
     * @return the count
     */
    public int getErrors() {
        return errors;
    }

    /**
     * Returns the number of test cases that were skipped.
     *
     * @return the count
     */
    public int getSkipped() {
        return skipped;
    }

    /**
     * Returns the number of test cases that failed first and passed on a rerun. They are also counted as passed.
     *
     * @return the count
     */
    public int getFlaky() {
        return flaky;
    }

    /**
     * Returns how many reruns all test cases needed together, of flaky and of failed tests.
     *
     * @return the count
     */
    public int getReruns() {
        return reruns;
    }

    /**
     * Returns the sum of the test case durations, to the microsecond. Time spent outside test cases (a suite's
     * set-up) is not included.
     *
     * @return the duration in seconds
     */
    public double getDuration() {
        return durationMicros / 1_000_000.0;
    }

    /**
     * Returns whether any test failed or ended in an error.
     *
     * @return {@code true} if failed + errors &gt; 0
     */
    public boolean hasFailures() {
        return failed + errors > 0;
    }

    /**
     * Returns the failed and errored test cases in report order, at most {@link #MAX_KEPT_TEST_CASES}.
     *
     * @return the test cases
     * @see #getFailuresNotKept()
     */
    public List<JUnitTestCase> getFailures() {
        return failures;
    }

    /**
     * Returns how many failed and errored test cases were counted but not kept in {@link #getFailures()}.
     *
     * @return the count
     */
    public int getFailuresNotKept() {
        return failuresNotKept;
    }

    /**
     * Returns the flaky test cases in report order, at most {@link #MAX_KEPT_TEST_CASES}.
     *
     * @return the test cases
     * @see #getFlakyTestsNotKept()
     */
    public List<JUnitTestCase> getFlakyTests() {
        return flakyTests;
    }

    /**
     * Returns how many flaky test cases were counted but not kept in {@link #getFlakyTests()}.
     *
     * @return the count
     */
    public int getFlakyTestsNotKept() {
        return flakyTestsNotKept;
    }

    /**
     * Returns the suites that hold test cases, in the order their end tags appear, at most
     * {@link #MAX_KEPT_SUITES}.
     *
     * @return the suites
     */
    public List<JUnitSuite> getSuites() {
        return suites;
    }

    /**
     * Returns how many suites were seen but not kept in {@link #getSuites()}.
     *
     * @return the count
     */
    public int getSuitesNotKept() {
        return suitesNotKept;
    }

    /**
     * Returns the reports that were read.
     *
     * @return the file names, as given to the parser
     */
    public List<String> getFiles() {
        return files;
    }

    /**
     * Returns the files that were recognised as something other than a test report and skipped, for example
     * Failsafe's {@code failsafe-summary.xml}.
     *
     * @return the file names, as given to the parser
     */
    public List<String> getIgnoredFiles() {
        return ignoredFiles;
    }

    /**
     * Returns the places where a report holds tests in a structure the reader does not understand, for example a
     * {@code <testcase>} inside an element it does not know. Those tests are not counted, so a run must not pass on
     * them silently: TestBot turns UNSTABLE on such a problem in lenient mode and fails in strict mode.
     *
     * @return one line per problem, naming the file and line
     */
    public List<String> getStructureProblems() {
        return structureProblems;
    }

    long getDurationMicros() {
        return durationMicros;
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JUnitReport)) {
            return false;
        }
        JUnitReport that = (JUnitReport) o;
        return tests == that.tests && passed == that.passed && failed == that.failed && errors == that.errors
                && skipped == that.skipped && flaky == that.flaky && reruns == that.reruns
                && durationMicros == that.durationMicros && failuresNotKept == that.failuresNotKept
                && flakyTestsNotKept == that.flakyTestsNotKept && suitesNotKept == that.suitesNotKept
                && failures.equals(that.failures) && flakyTests.equals(that.flakyTests)
                && suites.equals(that.suites) && files.equals(that.files) && ignoredFiles.equals(that.ignoredFiles)
                && structureProblems.equals(that.structureProblems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tests, passed, failed, errors, skipped, flaky, reruns, durationMicros, failures,
                failuresNotKept, flakyTests, flakyTestsNotKept, suites, suitesNotKept, files, ignoredFiles,
                structureProblems);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d tests: %d passed (%d flaky), %d failed, %d errors, %d skipped in %.3f s"
                + " from %d reports", tests, passed, flaky, failed, errors, skipped, getDuration(), files.size());
    }
}
