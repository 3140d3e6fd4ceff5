package io.lotabots.report.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds up test cases, suites and whole reports into a {@link JUnitReport}, keeping only what the report's caps
 * allow. Not thread-safe.
 */
final class JUnitReportCollector {
    int tests;
    int passed;
    int failed;
    int errors;
    int skipped;
    int flaky;
    int reruns;
    long durationMicros;
    final List<JUnitTestCase> failures = new ArrayList<>();
    int failuresNotKept;
    final List<JUnitTestCase> flakyTests = new ArrayList<>();
    int flakyTestsNotKept;
    final List<JUnitSuite> suites = new ArrayList<>();
    int suitesNotKept;
    final List<String> files = new ArrayList<>();
    final List<String> ignoredFiles = new ArrayList<>();
    final List<String> structureProblems = new ArrayList<>();

    /**
     * Counts a test case without keeping it: a passed or skipped one, or one with nothing to show.
     */
    void count(final JUnitTestStatus status, final long micros, final int rerunCount) {
        tests++;
        durationMicros += micros;
        reruns += rerunCount;
        switch (status) {
            case PASSED -> passed++;
            case FAILED -> failed++;
            case ERROR -> errors++;
            default -> skipped++;
        }
    }

    /**
     * Counts a failed or flaky test case and keeps it if the cap allows.
     */
    void add(final JUnitTestCase testCase, final long micros) {
        count(testCase.status(), micros, testCase.reruns());
        if (testCase.status().isFailure()) {
            if (keepsMoreFailures()) {
                failures.add(testCase);
            }
            else {
                failuresNotKept++;
            }
        }
        else if (testCase.flaky()) {
            flaky++;
            if (keepsMoreFlakyTests()) {
                flakyTests.add(testCase);
            }
            else {
                flakyTestsNotKept++;
            }
        }
    }

    /**
     * Returns whether another failed test case would be kept, so that a reader can skip the text of one that
     * would not.
     */
    boolean keepsMoreFailures() {
        return failures.size() < JUnitReport.MAX_KEPT_TEST_CASES;
    }

    /**
     * Returns whether another flaky test case would be kept.
     */
    boolean keepsMoreFlakyTests() {
        return flakyTests.size() < JUnitReport.MAX_KEPT_TEST_CASES;
    }

    void addSuite(final JUnitSuite suite) {
        if (suites.size() < JUnitReport.MAX_KEPT_SUITES) {
            suites.add(suite);
        }
        else {
            suitesNotKept++;
        }
    }

    void addFile(final String file) {
        files.add(file);
    }

    void addIgnoredFile(final String file) {
        ignoredFiles.add(file);
    }

    void addStructureProblem(final String problem) {
        if (structureProblems.size() < JUnitXmlReader.MAX_WARNINGS) {
            structureProblems.add(problem);
        }
    }

    void addAll(final JUnitReport report) {
        tests += report.getTests();
        passed += report.getPassed();
        failed += report.getFailed();
        errors += report.getErrors();
        skipped += report.getSkipped();
        flaky += report.getFlaky();
        reruns += report.getReruns();
        durationMicros += report.getDurationMicros();
        failuresNotKept += report.getFailuresNotKept() + addUpToCap(failures, report.getFailures(),
                JUnitReport.MAX_KEPT_TEST_CASES);
        flakyTestsNotKept += report.getFlakyTestsNotKept() + addUpToCap(flakyTests, report.getFlakyTests(),
                JUnitReport.MAX_KEPT_TEST_CASES);
        suitesNotKept += report.getSuitesNotKept() + addUpToCap(suites, report.getSuites(),
                JUnitReport.MAX_KEPT_SUITES);
        files.addAll(report.getFiles());
        ignoredFiles.addAll(report.getIgnoredFiles());
        structureProblems.addAll(report.getStructureProblems());
    }

    private static <T> int addUpToCap(final List<T> target, final List<T> source, final int cap) {
        int room = Math.max(0, cap - target.size());
        int taken = Math.min(room, source.size());
        target.addAll(source.subList(0, taken));
        return source.size() - taken;
    }

    JUnitReport toReport() {
        return new JUnitReport(this);
    }
}
