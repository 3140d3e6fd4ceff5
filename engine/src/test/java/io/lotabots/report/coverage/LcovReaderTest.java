package io.lotabots.report.coverage;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LcovReaderTest {
    @TempDir
    Path folder;

    private final EngineLog log = new EngineLog("Errors while reading coverage reports:");

    @Test
    void shouldSkipGarbageLinesWithWarningWhenLenient() throws IOException {
        Path report = write("lcov.info", """
                TN:
                SF:src/a.js
                DA:1,1
                this is not a record
                DA:2,0
                <<<<<<< HEAD
                end_of_record
                """);

        CoverageSummary summary = CoverageReader.lenient().read(report, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 1));
        assertThat(log.getErrorLines()).containsExactly(
                "'" + report + "' (line 4): skipped, not an LCOV record: 'this is not a record'",
                "'" + report + "' (line 6): skipped, not an LCOV record: '<<<<<<< HEAD'");
    }

    @Test
    void shouldFailOnGarbageLineWhenStrict() throws IOException {
        Path report = write("lcov.info", "SF:src/a.js\nDA:1,1\ngarbage\nend_of_record\n");

        assertThatThrownBy(() -> CoverageReader.strict().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.RECORD_INVALID))
                .hasMessageContaining("'" + report + "' (line 3): not an LCOV record: 'garbage'");
    }

    @Test
    void shouldCapWarningsOfAFileFullOfGarbage() throws IOException {
        Path report = write("lcov.info", "SF:src/a.js\nDA:1,1\n" + "garbage\n".repeat(500) + "end_of_record\n");

        CoverageSummary summary = CoverageReader.lenient().read(report, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 0));
        assertThat(log.getErrorLines()).hasSize(21).last().isEqualTo(report + ": 480 more problems not shown");
    }

    @Test
    void shouldRefuseNegativeCountWithLine() throws IOException {
        Path report = write("lcov.info", "SF:src/a.js\nDA:1,1\nDA:2,-1\nend_of_record\n");

        assertThatThrownBy(() -> CoverageReader.lenient().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.COUNT_INVALID))
                .hasMessageContaining("'" + report + "' (line 3): the execution count of DA is negative: '-1'");
    }

    @Test
    void shouldRefuseNonNumericCountsWithLine() throws IOException {
        Path hits = write("hits.info", "SF:src/a.js\nDA:1,often\nend_of_record\n");
        Path taken = write("taken.info", "SF:src/a.js\nDA:1,1\nBRDA:1,0,0,x\nend_of_record\n");
        Path found = write("found.info", "SF:src/a.js\nDA:1,1\nLF:one\nend_of_record\n");
        Path lineNumber = write("line.info", "SF:src/a.js\nDA:1.5,1\nend_of_record\n");

        assertThatThrownBy(() -> CoverageReader.lenient().read(hits, log))
                .hasMessageContaining("(line 2): the execution count of DA is not a whole number: 'often'");
        assertThatThrownBy(() -> CoverageReader.lenient().read(taken, log))
                .hasMessageContaining("(line 3): the taken count of BRDA is not a whole number: 'x'");
        assertThatThrownBy(() -> CoverageReader.lenient().read(found, log))
                .hasMessageContaining("(line 3): the count of LF is not a whole number: 'one'");
        assertThatThrownBy(() -> CoverageReader.lenient().read(lineNumber, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.COUNT_INVALID))
                .hasMessageContaining("(line 2): the line number of DA is not a whole number: '1.5'");
    }

    @Test
    void shouldAcceptHitCountsTooLargeForALong() throws IOException {
        Path report = write("lcov.info", "SF:src/a.c\nDA:1,123456789012345678901234567890\nend_of_record\n");

        assertThat(CoverageReader.strict().read(report, log).getLines()).isEqualTo(CoverageCounter.of(1, 0));
    }

    @Test
    void shouldReportEmptyFileAndFileWithoutSourceFiles() throws IOException {
        Path empty = write("empty.info", "");
        Path onlyTestName = write("tn.info", "TN:unit\n");

        assertThatThrownBy(() -> CoverageReader.lenient().read(empty, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_EMPTY))
                .hasMessageContaining("'" + empty + "' is empty");
        assertThatThrownBy(() -> CoverageReader.lenient().read(onlyTestName, CoverageFormat.LCOV, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_EMPTY))
                .hasMessageContaining("is an LCOV tracefile without any source file");
    }

    @Test
    void shouldPreferDetailedRecordsWhenSummaryDisagrees() throws IOException {
        Path report = write("lcov.info", """
                SF:src/a.js
                DA:1,1
                DA:2,0
                LF:3
                LH:1
                BRDA:2,0,0,-
                BRDA:2,0,1,-
                BRF:2
                BRH:1
                end_of_record
                """);

        CoverageSummary summary = CoverageReader.strict().read(report, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 1));
        assertThat(summary.getBranches()).contains(CoverageCounter.of(0, 2));
        assertThat(log.getErrorLines()).containsExactly(
                "'" + report + "' (line 1): LF:3 of 'src/a.js' disagrees with its 2 lines in DA records; "
                        + "the DA records are used",
                "'" + report + "' (line 1): BRH:1 of 'src/a.js' disagrees with its 0 branches taken in BRDA "
                        + "records; the BRDA records are used");
    }

    @Test
    void shouldUniteRecordsOfTheSameFileFromConcatenatedTracefiles() throws IOException {
        Path report = write("all.info", """
                TN:unit
                SF:src/a.js
                DA:1,1
                DA:2,0
                DA:3,0
                BRDA:2,0,0,1
                BRDA:2,0,1,0
                end_of_record
                TN:e2e
                SF:src/a.js
                DA:1,0
                DA:2,4
                DA:3,0
                BRDA:2,0,0,0
                BRDA:2,0,1,0
                end_of_record
                """);

        CoverageSummary summary = CoverageReader.strict().read(report, log);

        assertThat(summary.getName()).isEqualTo("unit");
        assertThat(summary.getFileCount()).isEqualTo(1);
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(2, 1));
        assertThat(summary.getBranches()).contains(CoverageCounter.of(1, 1));
    }

    @Test
    void shouldCountRecordWithoutEndOfRecordWhenLenientAndFailWhenStrict() throws IOException {
        Path report = write("lcov.info", "SF:src/a.js\nDA:1,1\nDA:2,1\n");

        CoverageSummary summary = CoverageReader.lenient().read(report, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(2, 0));
        assertThat(log.getErrorLines()).singleElement().asString()
                .contains("(line 3): the record of 'src/a.js' has no end_of_record; is the file complete?");
        assertThatThrownBy(() -> CoverageReader.strict().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_TRUNCATED));
    }

    @Test
    void shouldReadWindowsLineEndingsByteOrderMarkAndUnknownRecords() throws IOException {
        Path report = write("lcov.info", "\uFEFFTN:\r\nVER:2.0\r\nSF:C:\\build\\src\\a.c\r\nFNL:0,1,3\r\n"
                + "FNA:0,1,main\r\nDA:1,1\r\nDA:2,0\r\nLF:2\r\nLH:1\r\nend_of_record\r\n");

        CoverageSummary summary = CoverageReader.strict().read(report, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 1));
        assertThat(log.hasErrors()).isFalse();
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
