package io.lotabots.report.junit;

import io.lotabots.util.LogSink;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JUnitReportGeneratorTest {
    @Test
    void shouldWriteTheSameBytesForTheSameSettings() throws IOException {
        JUnitReportGenerator generator = JUnitReportGenerator.of(500, 0.1).withOutputLines(3).withCasesPerSuite(7);

        assertThat(write(generator)).isEqualTo(write(generator));
    }

    @Test
    void shouldWriteASurefireShapedReport() throws IOException {
        String xml = new String(write(JUnitReportGenerator.of(4, 0.5).withCasesPerSuite(2)), StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"generated\" tests=\"4\" failures=\"2\">\n"
                + "  <testsuite name=\"io.lotabots.generated.GeneratedTest00000\" tests=\"2\" failures=\"1\""
                + " errors=\"0\" skipped=\"0\">\n")
                .contains("    <testcase name=\"shouldHandleCase0\" classname=\"io.lotabots.generated.GeneratedTest00000\""
                        + " time=\"0.000\"/>\n")
                .contains("<failure message=\"expected: &lt;1&gt; but was: &lt;2&gt;\""
                        + " type=\"org.opentest4j.AssertionFailedError\"><![CDATA[org.opentest4j.AssertionFailedError:"
                        + " expected: <1> but was: <2>\n\tat io.lotabots.generated.GeneratedTest00000"
                        + ".shouldHandleCase1(GeneratedTest.java:10)\n")
                .endsWith("  </testsuite>\n</testsuites>\n");
    }

    @Test
    void shouldPromiseWhatItWrites() throws IOException {
        JUnitReportGenerator generator = JUnitReportGenerator.of(3_001, 0.333);

        JUnitReport report = new JUnitReportParser().parse(new ByteArrayInputStream(write(generator)), "g.xml",
                LogSink.NONE);

        assertThat(generator.getTestCases()).isEqualTo(3_001);
        assertThat(generator.getFailures()).isEqualTo(999).isEqualTo(report.getFailed());
        assertThat(generator.getSuites()).isEqualTo(4).isEqualTo(report.getSuites().size());
        assertThat(generator.getDuration()).isEqualTo(report.getDuration()).isEqualTo(1498.5);
    }

    @Test
    void shouldWriteAnEmptyReportForZeroTestCases() throws IOException {
        JUnitReport report = new JUnitReportParser().parse(
                new ByteArrayInputStream(write(JUnitReportGenerator.of(0, 0.5))), "g.xml", LogSink.NONE);

        assertThat(report.getTests()).isZero();
        assertThat(report.getFiles()).containsExactly("g.xml");
    }

    @Test
    void shouldRefuseValuesOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> JUnitReportGenerator.of(-1, 0))
                .withMessage("testCases must not be negative, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> JUnitReportGenerator.of(1, 1.5))
                .withMessage("failureRate must be between 0 and 1, was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> JUnitReportGenerator.of(1, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> JUnitReportGenerator.of(1, 0).withCasesPerSuite(0))
                .withMessage("casesPerSuite must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> JUnitReportGenerator.of(1, 0).withOutputLines(-1))
                .withMessage("outputLines must not be negative, was -1");
    }

    private static byte[] write(final JUnitReportGenerator generator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeTo(out);
        return out.toByteArray();
    }
}
