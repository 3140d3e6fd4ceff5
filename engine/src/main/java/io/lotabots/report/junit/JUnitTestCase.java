package io.lotabots.report.junit;

import java.util.Objects;

/**
 * One test case of a report that failed or was flaky. Passing and skipped test cases are only counted, never kept.
 *
 * @param suiteName the name of the innermost {@code <testsuite>} (xUnit: the collection), empty if it has none
 * @param className the {@code classname} attribute (jest: the describe titles, go: the package), empty if absent
 * @param testName the {@code name} attribute, empty if absent
 * @param file the report the test case was read from
 * @param duration the {@code time} attribute in seconds, 0 if absent or not a number
 * @param status the outcome
 * @param flaky whether the test failed first and passed on a rerun (Surefire's {@code <flakyFailure>})
 * @param reruns how often the test was run again after its first run
 * @param failureType the exception type of the failure (of the first failed run for a flaky test), empty if none
 * @param message the first lines of the failure's {@code message}, empty if none
 * @param details the first lines of the failure's text, usually a stack trace or captured output, empty if none
 */
public record JUnitTestCase(String suiteName, String className, String testName, String file, double duration,
        JUnitTestStatus status, boolean flaky, int reruns, String failureType, String message, String details) {
    /**
     * Checks the values.
     */
    public JUnitTestCase {
        Objects.requireNonNull(suiteName, "suiteName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failureType, "failureType");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
        if (!(duration >= 0) || reruns < 0) {
            throw new IllegalArgumentException("duration and reruns must not be negative, were " + duration + " and "
                    + reruns);
        }
    }

    /**
     * Returns the line that best says what went wrong: the first line of the message, or of the details if the
     * message is empty.
     *
     * @return the line, empty if the report gave no text at all
     */
    public String firstLine() {
        return (message.isEmpty() ? details : message).lines().findFirst().orElse("");
    }
}
