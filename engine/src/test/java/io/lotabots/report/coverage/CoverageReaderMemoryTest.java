package io.lotabots.report.coverage;

import io.lotabots.util.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory of reading a coverage report is bounded by the data kept, not by the report's size (issue 14: a 2 GB
 * JaCoCo report of 45 million lines ended in an uncaught {@link OutOfMemoryError} under {@code -Xmx512m}). Each
 * report is read in a child JVM with a 64 MB heap and a limit of 16 MiB for the data kept: an eighth of the heap,
 * as the default limit ({@link CoverageReader#DEFAULT_MAX_KEPT_BYTES}, 256 MiB) is half of a 512 MB heap. The reports
 * are proportionally smaller than 2 GB, but keep about 3 times the data the heap holds: without the limit the child
 * runs out of memory (and prints the error), with it the child names the file and the limit.
 */
class CoverageReaderMemoryTest {
    private static final String HEAP = "64m";
    private static final long LIMIT = 16L * 1024 * 1024;

    @TempDir
    Path folder;

    @Test
    void shouldRefuseAJacocoReportOfMillionsOfLinesWithinASmallHeap() throws IOException, InterruptedException {
        Path report = folder.resolve("jacoco.xml");
        try (Writer out = writer(report)) {
            out.write("<report name=\"huge\"><package name=\"p\"><sourcefile name=\"A.java\">\n");
            for (int line = 1; line <= 5_000_000; line++) {
                out.write("<line nr=\"" + line + "\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"/>\n");
            }
            out.write("</sourcefile></package></report>\n");
        }

        assertRefused(report);
    }

    @Test
    void shouldRefuseAnLcovFileOfMillionsOfRecordsWithinASmallHeap() throws IOException, InterruptedException {
        Path report = folder.resolve("lcov.info");
        try (Writer out = writer(report)) {
            for (int file = 0; file < 1_000_000; file++) {
                out.write("SF:src/generated/module/File" + file + ".js\nDA:1,1\nDA:2,0\nend_of_record\n");
            }
        }

        assertRefused(report);
    }

    @Test
    void shouldRefuseAnLcovLineLongerThanTheLimitWithinASmallHeap() throws IOException, InterruptedException {
        Path report = folder.resolve("lcov.info");
        try (Writer out = writer(report)) {
            out.write("SF:a.js\nFN:1,");
            String chunk = "x".repeat(1 << 16);
            for (int i = 0; i < 2048; i++) { // 128 M characters without a line break
                out.write(chunk);
            }
        }

        ChildJvm.Result result = ChildJvm.run(HEAP, CoverageReadMain.class, report.toString(),
                String.valueOf(LIMIT));

        assertThat(result.output()).doesNotContain("OutOfMemoryError")
                .contains("refused REPORT_TOO_LARGE").contains(report + "' (line 2)")
                .contains("longer than 1048576 characters");
    }

    @Test
    void shouldRefuseAGigabyteAttributeOrTextNodeWithinASmallHeap() throws IOException, InterruptedException {
        Path attribute = folder.resolve("jacoco.xml");
        Path text = folder.resolve("cobertura.xml");
        String chunk = "x".repeat(1 << 16);
        try (Writer out = writer(attribute); Writer other = writer(text)) {
            out.write("<report name=\"");
            other.write("<coverage line-rate=\"1\"><packages>");
            for (int i = 0; i < 2048; i++) { // 128 M characters in one attribute, and in one text node
                out.write(chunk);
                other.write(chunk);
            }
            out.write("\"></report>\n");
            other.write("</packages></coverage>\n");
        }

        for (Path report : List.of(attribute, text)) {
            // 128 M characters need 256 MB as one string: without the bound this heap runs out
            ChildJvm.Result result = ChildJvm.run("256m", CoverageReadMain.class, report.toString(),
                    String.valueOf(LIMIT));

            assertThat(result.output()).as(report.toString()).doesNotContain("OutOfMemoryError")
                    .contains("refused").contains(report.toString()).contains("longer than");
        }
    }

    private void assertRefused(final Path report) throws IOException, InterruptedException {
        ChildJvm.Result result = ChildJvm.run(HEAP, CoverageReadMain.class, report.toString(),
                String.valueOf(LIMIT));

        assertThat(result.output()).doesNotContain("OutOfMemoryError")
                .contains("refused REPORT_TOO_LARGE").contains(report.toString())
                .contains("more than " + LIMIT + " bytes of memory, the limit");
        assertThat(result.exitCode()).isZero();
    }

    private static Writer writer(final Path report) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8), 1 << 16);
    }
}
