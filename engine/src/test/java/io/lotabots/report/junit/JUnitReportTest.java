package io.lotabots.report.junit;

import io.lotabots.util.LogSink;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import nl.jqno.equalsverifier.EqualsVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JUnitReportTest {
    @Test
    void shouldBeEmptyWithoutReports() {
        JUnitReport empty = JUnitReport.empty();

        assertThat(empty.getTests()).isZero();
        assertThat(empty.getDuration()).isZero();
        assertThat(empty.hasFailures()).isFalse();
        assertThat(empty.getFailures()).isEmpty();
        assertThat(empty.getSuites()).isEmpty();
        assertThat(empty.getFiles()).isEmpty();
        assertThat(JUnitReport.aggregate(List.of())).isEqualTo(empty);
        assertThat(empty.toString()).isEqualTo("0 tests: 0 passed (0 flaky), 0 failed, 0 errors, 0 skipped in 0.000 s"
                + " from 0 reports");
    }

    @Test
    void shouldAddUpReportsAndKeepFailuresUpToTheCap() throws IOException {
        JUnitReport first = generated("TEST-a.xml", JUnitReportGenerator.of(1_000, 0.8));
        JUnitReport second = generated("TEST-b.xml", JUnitReportGenerator.of(1_000, 0.7));

        JUnitReport total = first.plus(second);

        assertThat(total.getTests()).isEqualTo(2_000);
        assertThat(total.getFailed()).isEqualTo(1_500);
        assertThat(total.getPassed()).isEqualTo(500);
        assertThat(total.getDuration()).isEqualTo(first.getDuration() + second.getDuration());
        assertThat(total.getFailures()).hasSize(JUnitReport.MAX_KEPT_TEST_CASES);
        assertThat(total.getFailures().get(799).file()).isEqualTo("TEST-a.xml");
        assertThat(total.getFailures().get(800).file()).isEqualTo("TEST-b.xml");
        assertThat(total.getFailuresNotKept()).isEqualTo(500);
        assertThat(total.getFiles()).containsExactly("TEST-a.xml", "TEST-b.xml");
        assertThat(total.getSuites()).hasSize(2);
        assertThat(total).isEqualTo(JUnitReport.aggregate(List.of(first, second)));
        assertThat(total.toString()).isEqualTo("2000 tests: 500 passed (0 flaky), 1500 failed, 0 errors, 0 skipped"
                + " in 999.000 s from 2 reports");
    }

    @Test
    void shouldCountFlakyTestsAndSuitesBeyondTheirCaps() {
        JUnitReportCollector collector = new JUnitReportCollector();
        for (int i = 0; i < JUnitReport.MAX_KEPT_TEST_CASES + 5; i++) {
            collector.add(new JUnitTestCase("s", "c", "t" + i, "f.xml", 0.001, JUnitTestStatus.PASSED, true, 1, "",
                    "", ""), 1_000);
        }
        for (int i = 0; i < JUnitReport.MAX_KEPT_SUITES + 3; i++) {
            collector.addSuite(new JUnitSuite("s" + i, "f.xml", 0, 0, 0, 0, 0));
        }

        JUnitReport report = collector.toReport();

        assertThat(report.getTests()).isEqualTo(1_005);
        assertThat(report.getPassed()).isEqualTo(1_005);
        assertThat(report.getFlaky()).isEqualTo(1_005);
        assertThat(report.getReruns()).isEqualTo(1_005);
        assertThat(report.getFlakyTests()).hasSize(JUnitReport.MAX_KEPT_TEST_CASES);
        assertThat(report.getFlakyTestsNotKept()).isEqualTo(5);
        assertThat(report.getSuites()).hasSize(JUnitReport.MAX_KEPT_SUITES);
        assertThat(report.getSuitesNotKept()).isEqualTo(3);
        assertThat(report.getDuration()).isEqualTo(1.005);
        assertThat(report.plus(report).getFlakyTestsNotKept()).isEqualTo(1_010);
    }

    @Test
    void shouldHaveValueSemantics() {
        EqualsVerifier.forClass(JUnitReport.class)
                .withPrefabValues(JUnitSuite.class, new JUnitSuite("a", "a.xml", 1, 0, 0, 0, 1),
                        new JUnitSuite("b", "b.xml", 2, 1, 0, 0, 2))
                .withPrefabValues(JUnitTestCase.class, testCase("a", "x"), testCase("b", "y"))
                .verify();
    }

    @Test
    void shouldRefuseInconsistentValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JUnitSuite("s", "f.xml", 1, 1, 1, 0, 0))
                .withMessage("Inconsistent totals of suite 's': tests=1, failed=1, errors=1, skipped=0, duration=0.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new JUnitTestCase("s", "c", "t", "f.xml", -1,
                JUnitTestStatus.FAILED, false, 0, "", "", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new JUnitTestCase("s", "c", "t", "f.xml", Double.NaN,
                JUnitTestStatus.FAILED, false, 0, "", "", ""));
    }

    @Test
    void shouldTakeTheFirstLineFromTheMessageOrElseTheDetails() {
        assertThat(testCase("expected: <1>\nbut was: <2>", "stack").firstLine()).isEqualTo("expected: <1>");
        assertThat(testCase("", "java.lang.NullPointerException\n\tat A.b(A.java:1)").firstLine())
                .isEqualTo("java.lang.NullPointerException");
        assertThat(testCase("", "").firstLine()).isEmpty();
        assertThat(new JUnitSuite("s", "f.xml", 5, 1, 1, 1, 0.5).passed()).isEqualTo(2);
    }

    private static JUnitTestCase testCase(final String message, final String details) {
        return new JUnitTestCase("s", "c", "t", "f.xml", 0, JUnitTestStatus.FAILED, false, 0, "T", message, details);
    }

    private static JUnitReport generated(final String name, final JUnitReportGenerator generator)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeTo(out);
        return new JUnitReportParser().parse(new ByteArrayInputStream(out.toByteArray()), name, LogSink.NONE);
    }
}
