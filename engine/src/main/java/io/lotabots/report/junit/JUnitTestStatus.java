package io.lotabots.report.junit;

/**
 * The outcome of one test case, as the report records it.
 */
public enum JUnitTestStatus {
    /** The test passed, possibly after reruns (then it is flaky). */
    PASSED,
    /** An assertion failed: a {@code <failure>} element, or xUnit's {@code result="Fail"}. */
    FAILED,
    /** The test threw an unexpected exception: an {@code <error>} element. */
    ERROR,
    /** The test was not run: a {@code <skipped>} element, or xUnit's {@code result="Skip"}. */
    SKIPPED;

    /**
     * Returns whether this status counts as a failed test: {@link #FAILED} or {@link #ERROR}.
     *
     * @return {@code true} for failures and errors
     */
    public boolean isFailure() {
        return this == FAILED || this == ERROR;
    }
}
