package io.lotabots.report.junit;

import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A report of a million test cases and about 200 MB, written to a temporary file and streamed.
 */
class JUnitReportParserLargeTest {
    private static final int TEST_CASES = 1_000_000;

    @Test
    void shouldStreamAReportOfAMillionTestCases(@TempDir final Path folder) throws IOException {
        JUnitReportGenerator generator = JUnitReportGenerator.of(TEST_CASES, 0.01).withOutputLines(1);
        Path file = folder.resolve("TEST-io.lotabots.generated.xml");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                generator.writeTo(out);
            }
            assertThat(Files.size(file)).as("the report is about 200 MB").isBetween(190_000_000L, 230_000_000L);
            EngineLog log = new EngineLog("Errors while reading test reports:");

            JUnitReport report = new JUnitReportParser().parse(file, log);

            assertThat(report.getTests()).isEqualTo(TEST_CASES);
            assertThat(report.getFailed()).isEqualTo(10_000).isEqualTo(generator.getFailures());
            assertThat(report.getPassed()).isEqualTo(990_000);
            assertThat(report.getErrors() + report.getSkipped() + report.getFlaky()).isZero();
            assertThat(report.getDuration()).isCloseTo(generator.getDuration(), within(1e-6)).isEqualTo(499_500.0);
            assertThat(report.getFailures()).hasSize(JUnitReport.MAX_KEPT_TEST_CASES);
            assertThat(report.getFailuresNotKept()).isEqualTo(9_000);
            assertThat(report.getFailures().get(0)).satisfies(failure -> {
                assertThat(failure.testName()).isEqualTo("shouldHandleCase99");
                assertThat(failure.firstLine()).isEqualTo("expected: <99> but was: <100>");
                assertThat(failure.details().lines()).hasSize(FirstLines.MAX_LINES);
            });
            assertThat(report.getSuites()).hasSize(1_000);
            assertThat(log.getErrorLines()).isEmpty();
        }
        finally {
            Files.deleteIfExists(file);
        }
    }
}
