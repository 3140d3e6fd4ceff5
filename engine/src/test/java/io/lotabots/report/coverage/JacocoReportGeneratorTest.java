package io.lotabots.report.coverage;

import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JacocoReportGeneratorTest {
    @TempDir
    Path folder;

    private final EngineLog log = new EngineLog("Errors while reading coverage reports:");

    @Test
    void shouldReadGeneratedReportOfTwentyThousandClasses() throws IOException {
        JacocoReportGenerator generator = JacocoReportGenerator.ofClasses(20_000);
        Path report = folder.resolve("jacoco.xml");
        try (OutputStream out = Files.newOutputStream(report)) {
            generator.write(out);
        }

        CoverageSummary summary = CoverageReader.strict().read(report, log);

        // 20,000 classes x 3 methods x 4 lines; a quarter of the methods never ran (4 lines and 2 branches missed
        // each), in the others a fifth of the lines after the first one are missed, and the decision takes both
        // branches in every other method
        assertThat(summary).isEqualTo(generator.getExpectedSummary());
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(153_000, 87_000));
        assertThat(summary.getLines().getPercentage()).isEqualTo(63.75);
        assertThat(summary.getBranches()).contains(CoverageCounter.of(60_000, 60_000));
        assertThat(summary.getFileCount()).isEqualTo(20_000);
        assertThat(summary.getClassCount()).isEqualTo(20_000);
        assertThat(generator.getPackageCount()).isEqualTo(400);
    }

    @Test
    void shouldWriteTheShapeOfAJacocoReport() throws IOException {
        String xml = write(JacocoReportGenerator.ofClasses(1).withMethodsPerClass(1).withLinesPerMethod(2)
                .withName("shop"));

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">"
                + "<report name=\"shop\">"
                + "<sessioninfo id=\"build-agent-7f3c2a\" start=\"1764000000000\" dump=\"1764000123456\"/>"
                + "<package name=\"io/lotabots/generated/p0\">"
                + "<class name=\"io/lotabots/generated/p0/Generated0\" sourcefilename=\"Generated0.java\">"
                + "<method name=\"method0\" desc=\"(I)Ljava/lang/String;\" line=\"3\">"
                + "<counter type=\"INSTRUCTION\" missed=\"6\" covered=\"0\"/>"
                + "<counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"COMPLEXITY\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"METHOD\" missed=\"1\" covered=\"0\"/>"
                + "</method>"
                + "<counter type=\"INSTRUCTION\" missed=\"6\" covered=\"0\"/>"
                + "<counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"COMPLEXITY\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"METHOD\" missed=\"1\" covered=\"0\"/>"
                + "<counter type=\"CLASS\" missed=\"1\" covered=\"0\"/>"
                + "</class>"
                + "<sourcefile name=\"Generated0.java\">"
                + "<line nr=\"3\" mi=\"3\" ci=\"0\" mb=\"2\" cb=\"0\"/>"
                + "<line nr=\"4\" mi=\"3\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
                + "<counter type=\"INSTRUCTION\" missed=\"6\" covered=\"0\"/>"
                + "<counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"COMPLEXITY\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"METHOD\" missed=\"1\" covered=\"0\"/>"
                + "<counter type=\"CLASS\" missed=\"1\" covered=\"0\"/>"
                + "</sourcefile>"
                + "<counter type=\"INSTRUCTION\" missed=\"6\" covered=\"0\"/>"
                + "<counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"COMPLEXITY\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"METHOD\" missed=\"1\" covered=\"0\"/>"
                + "<counter type=\"CLASS\" missed=\"1\" covered=\"0\"/>"
                + "</package>"
                + "<counter type=\"INSTRUCTION\" missed=\"6\" covered=\"0\"/>"
                + "<counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"COMPLEXITY\" missed=\"2\" covered=\"0\"/>"
                + "<counter type=\"METHOD\" missed=\"1\" covered=\"0\"/>"
                + "<counter type=\"CLASS\" missed=\"1\" covered=\"0\"/>"
                + "</report>");
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSettings() throws IOException {
        JacocoReportGenerator generator = JacocoReportGenerator.ofClasses(120).withClassesPerPackage(7);

        assertThat(write(generator)).isEqualTo(write(generator));
        assertThat(generator.getPackageCount()).isEqualTo(18);
    }

    @Test
    void shouldMatchItsExpectedSummaryForOtherShapes() throws IOException {
        JacocoReportGenerator generator = JacocoReportGenerator.ofClasses(37).withClassesPerPackage(5)
                .withMethodsPerClass(7).withLinesPerMethod(1).withName("other");
        Path report = Files.writeString(folder.resolve("other.xml"), write(generator));

        assertThat(CoverageReader.strict().read(report, log)).isEqualTo(generator.getExpectedSummary());
    }

    @Test
    void shouldRefuseImpossibleShapes() {
        assertThatIllegalArgumentException().isThrownBy(() -> JacocoReportGenerator.ofClasses(-1))
                .withMessage("classCount must be at least 0: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> JacocoReportGenerator.ofClasses(1)
                .withLinesPerMethod(0)).withMessage("linesPerMethod must be at least 1: 0");
    }

    private static String write(final JacocoReportGenerator generator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
