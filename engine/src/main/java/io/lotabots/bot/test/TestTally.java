package io.lotabots.bot.test;

import io.lotabots.message.TestCounts;
import io.lotabots.report.junit.JUnitSuite;

/**
 * Adds up suites.
 */
final class TestTally {
    private int total;
    private int passed;
    private int failed;
    private int skipped;
    private double duration;

    void add(final JUnitSuite suite) {
        total += suite.tests();
        passed += suite.passed();
        failed += suite.failed() + suite.errors();
        skipped += suite.skipped();
        duration += suite.duration();
    }

    int total() {
        return total;
    }

    int failed() {
        return failed;
    }

    double duration() {
        return duration;
    }

    TestCounts toCounts() {
        return new TestCounts(total, passed, failed, skipped);
    }
}
