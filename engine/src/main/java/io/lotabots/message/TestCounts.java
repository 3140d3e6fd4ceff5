package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Test totals of one kind of test.
 *
 * @param total number of tests run.
 * @param passed number of tests that passed.
 * @param failed number of tests that failed or had errors.
 * @param skipped number of tests skipped.
 */
@Doc("Test totals of one kind of test.")
public record TestCounts(
        @Doc(value = "Number of tests run.") Integer total,
        @Doc(value = "Number of tests that passed.") Integer passed,
        @Doc(value = "Number of tests that failed or had errors.", optional = true) @CheckForNull Integer failed,
        @Doc(value = "Number of tests skipped.", optional = true) @CheckForNull Integer skipped) {

    /**
     * Checks every field.
     */
    public TestCounts {
        total = PayloadChecks.requiredNonNegative(TestCompleted.TYPE, "total", total);
        passed = PayloadChecks.requiredNonNegative(TestCompleted.TYPE, "passed", passed);
        failed = PayloadChecks.nonNegative(TestCompleted.TYPE, "failed", failed);
        skipped = PayloadChecks.nonNegative(TestCompleted.TYPE, "skipped", skipped);
    }
}
