package io.lotabots.report.junit;

import java.util.Objects;

/**
 * The totals of one test suite: a {@code <testsuite>} (or an xUnit collection) that holds test cases directly.
 * A suite that only wraps other suites is not listed, so the counts of all suites add up to the report's totals.
 *
 * @param name the suite's {@code name} attribute, empty if absent
 * @param file the report the suite was read from
 * @param tests the number of test cases directly in the suite
 * @param failed how many of them failed
 * @param errors how many of them ended in an error
 * @param skipped how many of them were skipped
 * @param duration the suite's {@code time} attribute in seconds, or the sum of its test cases if absent
 */
public record JUnitSuite(String name, String file, int tests, int failed, int errors, int skipped,
        double duration) {
    /**
     * Checks the values.
     */
    public JUnitSuite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        if (tests < 0 || failed < 0 || errors < 0 || skipped < 0 || failed + errors + skipped > tests
                || !(duration >= 0)) {
            throw new IllegalArgumentException("Inconsistent totals of suite '" + name + "': tests=" + tests
                    + ", failed=" + failed + ", errors=" + errors + ", skipped=" + skipped + ", duration="
                    + duration);
        }
    }

    /**
     * Returns the number of test cases that passed.
     *
     * @return tests minus failed, errors and skipped
     */
    public int passed() {
        return tests - failed - errors - skipped;
    }
}
