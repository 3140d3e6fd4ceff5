package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Map;
import java.util.Set;

/**
 * Test reports were read and the test gates were applied.
 * The payload of the message type {@value #TYPE}.
 *
 * @param totalTests number of tests run.
 * @param passedTests number of tests that passed.
 * @param failedTests number of tests that failed or had errors.
 * @param skippedTests number of tests skipped.
 * @param flakyTests number of tests that failed first and passed on a rerun.
 * @param coverage line coverage in percent, 0 to 100.
 * @param branchCoverage branch coverage in percent, 0 to 100.
 * @param duration sum of the test durations in seconds.
 * @param byKind totals per kind of test: unit, integration, e2e.
 * @param status outcome after the gates.
 * @param gate the gate that decided the status, if one failed.
 */
@MessageTypeInfo(name = TestCompleted.TYPE, version = 1, cdEventsType = "dev.cdevents.testsuiterun.finished.0.2.0")
@Doc("Test reports were read and the test gates were applied.")
public record TestCompleted(
        @Doc(value = "Number of tests run.") Integer totalTests,
        @Doc(value = "Number of tests that passed.") Integer passedTests,
        @Doc(value = "Number of tests that failed or had errors.", optional = true) @CheckForNull Integer failedTests,
        @Doc(value = "Number of tests skipped.", optional = true) @CheckForNull Integer skippedTests,
        @Doc(value = "Number of tests that failed first and passed on a rerun.", optional = true) @CheckForNull Integer flakyTests,
        @Doc(value = "Line coverage in percent, 0 to 100.", optional = true) @CheckForNull Double coverage,
        @Doc(value = "Branch coverage in percent, 0 to 100.", optional = true) @CheckForNull Double branchCoverage,
        @Doc(value = "Sum of the test durations in seconds.") Double duration,
        @Doc(value = "Totals per kind of test: unit, integration, e2e.", optional = true) Map<String, TestCounts> byKind,
        @Doc(value = "Outcome after the gates.", optional = true) @CheckForNull String status,
        @Doc(value = "The gate that decided the status, if one failed.", optional = true) @CheckForNull String gate) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "test.completed";
    private static final Set<String> STATUS_VALUES = Set.of("pass", "unstable", "fail");

    /**
     * Checks every field.
     */
    public TestCompleted {
        totalTests = PayloadChecks.requiredNonNegative(TYPE, "total_tests", totalTests);
        passedTests = PayloadChecks.requiredNonNegative(TYPE, "passed_tests", passedTests);
        failedTests = PayloadChecks.nonNegative(TYPE, "failed_tests", failedTests);
        skippedTests = PayloadChecks.nonNegative(TYPE, "skipped_tests", skippedTests);
        flakyTests = PayloadChecks.nonNegative(TYPE, "flaky_tests", flakyTests);
        coverage = PayloadChecks.percentage(TYPE, "coverage", coverage);
        branchCoverage = PayloadChecks.percentage(TYPE, "branch_coverage", branchCoverage);
        duration = PayloadChecks.requiredNonNegative(TYPE, "duration", duration);
        byKind = PayloadChecks.map(TYPE, "by_kind", byKind);
        status = PayloadChecks.oneOf(TYPE, "status", status, STATUS_VALUES);
        gate = PayloadChecks.optionalText(TYPE, "gate", gate);
        PayloadChecks.check(passedTests <= totalTests, TYPE, "passed_tests",
                "must not be more than total_tests (" + totalTests + "), was " + passedTests);
    }
}
