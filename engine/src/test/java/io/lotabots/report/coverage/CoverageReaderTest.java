package io.lotabots.report.coverage;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.xml.stream.XMLInputFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CoverageReaderTest {
    private static final double PRECISION = 1e-9;

    @TempDir
    Path folder;

    private final EngineLog log = new EngineLog("Errors while reading coverage reports:");

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldReadJacocoReportWithItsDoctype(final Supplier<XMLInputFactory> factory) {
        CoverageSummary summary = CoverageReader.create(true, factory).read(fixture("jacoco.xml"), log);

        // Cart.java: lines 8, 9, 12, 13, 20, 30, 31 covered, 15 and 21 missed; branches 1/2 (line 12), 2/4 (20)
        // Strings.java: lines 5 and 6 (partly covered: ci > 0) covered, 3 and 7 missed; branches 2/2, 1/2
        assertThat(summary.getName()).isEqualTo("shop");
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(9, 4));
        assertThat(summary.getLines().getPercentage()).isCloseTo(100.0 * 9 / 13, within(PRECISION));
        assertThat(summary.getLines().getPercentage()).isCloseTo(69.230_769_230_8, within(1e-9));
        assertThat(summary.getBranches()).contains(CoverageCounter.of(6, 4));
        assertThat(summary.getBranches().orElseThrow().getPercentage()).isEqualTo(60.0);
        assertThat(summary.getFileCount()).isEqualTo(2);
        assertThat(summary.getClassCount()).isEqualTo(3);
        assertThat(log.getInfoLines()).singleElement().asString()
                .contains("JaCoCo XML report", "jacoco.xml", "69.23% (9/13)", "60.00% (6/10)", "2 files", "3 classes");
        assertThat(log.hasErrors()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldReadCoberturaReportOfCoveragePy(final Supplier<XMLInputFactory> factory) {
        CoverageSummary summary = CoverageReader.create(true, factory).read(fixture("coverage-py.xml"), log);

        // __init__.py 1/1, cart.py 5/8 (lines 7, 10, 12 missed), money.py 2/4; branches 1/2 + 2/2 + 0/2
        assertThat(summary.getName()).isEqualTo("coverage-py.xml");
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(8, 5));
        assertThat(summary.getLines().getPercentage()).isCloseTo(61.538_461_538_5, within(PRECISION));
        assertThat(summary.getBranches()).contains(CoverageCounter.of(3, 3));
        assertThat(summary.getBranches().orElseThrow().getPercentage()).isEqualTo(50.0);
        assertThat(summary.getFileCount()).isEqualTo(3);
        assertThat(summary.getClassCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldReadCoberturaReportOfMavenPluginCountingClassLinesOnlyOnce(final Supplier<XMLInputFactory> factory) {
        CoverageSummary summary = CoverageReader.create(true, factory)
                .read(fixture("cobertura-maven-plugin.xml"), CoverageFormat.COBERTURA, log);

        // Cart.java (Cart and Cart$Item): 8, 12, 13, 30 covered, 15, 34 missed; Strings.java: 5, 6 covered, 7, 8
        // missed. The <method> lines repeat the class lines and are not counted again. Branches 1/2 + 2/4.
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(6, 4));
        assertThat(summary.getLines().getPercentage()).isEqualTo(60.0);
        assertThat(summary.getBranches()).contains(CoverageCounter.of(3, 3));
        assertThat(summary.getFileCount()).isEqualTo(2);
        assertThat(summary.getClassCount()).isEqualTo(3);
    }

    @Test
    void shouldReadLcovOfIstanbul() {
        CoverageSummary summary = CoverageReader.strict().read(fixture("lcov.info"), log);

        // cart.js 5 of 8 lines, branches 2/2 (line 6), 2/2 (line 7), 0/2 (line 13); format.js 3 of 3 lines
        assertThat(summary.getName()).isEqualTo("lcov.info");
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(8, 3));
        assertThat(summary.getLines().getPercentage()).isCloseTo(72.727_272_727_3, within(PRECISION));
        assertThat(summary.getBranches()).contains(CoverageCounter.of(4, 2));
        assertThat(summary.getBranches().orElseThrow().getPercentage()).isCloseTo(66.666_666_666_7,
                within(PRECISION));
        assertThat(summary.getFileCount()).isEqualTo(2);
        assertThat(summary.getClassCount()).isZero();
        assertThat(log.hasErrors()).isFalse();
    }

    @Test
    void shouldReadLcovOfGeninfoWithChecksumsAndBlocksThatNeverRan() {
        CoverageSummary summary = CoverageReader.strict().read(fixture("geninfo.info"), CoverageFormat.LCOV, log);

        assertThat(summary.getName()).isEqualTo("unit_tests");
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(3, 3));
        assertThat(summary.getBranches()).contains(CoverageCounter.of(1, 3));
        assertThat(summary.getBranches().orElseThrow().getPercentage()).isEqualTo(25.0);
        assertThat(summary.getFileCount()).isEqualTo(1);
    }

    @Test
    void shouldLeaveBranchesAbsentWhenTheReportHasNone() throws IOException {
        Path report = write("no-branches.xml", """
                <?xml version="1.0" ?>
                <coverage version="7.6.1" line-rate="0.5" branch-rate="0" branches-valid="0">
                  <packages><package name="app"><classes>
                    <class name="main.py" filename="app/main.py"><methods/><lines>
                      <line number="1" hits="1"/><line number="2" hits="0"/>
                    </lines></class>
                  </classes></package></packages>
                </coverage>
                """);

        CoverageSummary summary = CoverageReader.strict().read(report, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 1));
        assertThat(summary.getBranches()).isEmpty();
    }

    @Test
    void shouldRefuseReportOfAnotherFormatThanAskedFor() {
        assertThatThrownBy(() -> CoverageReader.strict().read(fixture("jacoco.xml"), CoverageFormat.COBERTURA, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_FORMAT_MISMATCH))
                .hasMessageContaining("jacoco.xml")
                .hasMessageContaining("should be a Cobertura XML report but it is a JaCoCo XML report");
        assertThatThrownBy(() -> CoverageReader.strict().read(fixture("lcov.info"), CoverageFormat.JACOCO, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_FORMAT_MISMATCH))
                .hasMessageContaining("it is not XML");
    }

    @Test
    void shouldRefuseJunitReportGivenAsCoverage() throws IOException {
        Path report = write("TEST-com.example.CartTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="com.example.CartTest" tests="2" failures="0" errors="0" skipped="0" time="0.03">
                  <testcase name="shouldAdd" classname="com.example.CartTest" time="0.01"/>
                  <testcase name="shouldTotal" classname="com.example.CartTest" time="0.02"/>
                </testsuite>
                """);

        assertThatThrownBy(() -> CoverageReader.lenient().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_UNKNOWN_FORMAT))
                .hasMessageContaining("TEST-com.example.CartTest.xml")
                .hasMessageContaining("root element is <testsuite> (a JUnit test report?)");
    }

    @Test
    void shouldRefuseFileThatIsNeitherXmlNorLcov() throws IOException {
        Path report = write("coverage.json", "{\"total\": {\"lines\": {\"pct\": 80}}}\n");

        assertThatThrownBy(() -> CoverageReader.lenient().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_UNKNOWN_FORMAT))
                .hasMessageContaining("coverage.json")
                .hasMessageContaining("neither XML nor an LCOV tracefile");
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldReportTruncatedXmlWithFileAndLastLine(final Supplier<XMLInputFactory> factory) throws IOException {
        String whole = Files.readString(fixture("jacoco.xml"));
        Path report = write("jacoco.xml", whole.substring(0, whole.indexOf("<line nr=\"13\"") + 20));

        assertThatThrownBy(() -> CoverageReader.create(false, factory).read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_TRUNCATED))
                .hasMessageContaining("'" + report + "' (line 50)")
                .hasMessageContaining("Is the file complete");
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldReportTruncatedXmlThatEndsAfterATag(final Supplier<XMLInputFactory> factory) throws IOException {
        String whole = Files.readString(fixture("coverage-py.xml"));
        Path report = write("coverage.xml", whole.substring(0, whole.indexOf("</lines>")));

        assertThatThrownBy(() -> CoverageReader.create(false, factory).read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_TRUNCATED));
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldReportMalformedXmlWithFileAndLine(final Supplier<XMLInputFactory> factory) throws IOException {
        Path report = write("jacoco.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <report name="shop">
                  <package name="com/example">
                    <sourcefile name="A.java" <line nr="1" mi="0" ci="1" mb="0" cb="0"/>
                  </package>
                </report>
                """);

        assertThatThrownBy(() -> CoverageReader.create(false, factory).read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_MALFORMED))
                .hasMessageContaining("'" + report + "' (line 4)")
                .hasMessageContaining("not well-formed");
    }

    @Test
    void shouldReportEmptyFile() throws IOException {
        Path report = write("jacoco.xml", "  \n\n");

        assertThatThrownBy(() -> CoverageReader.lenient().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_EMPTY))
                .hasMessageContaining("'" + report + "' is empty");
    }

    @Test
    void shouldReportJacocoReportWithoutSourceFilesAsEmpty() throws IOException {
        Path report = write("jacoco.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="empty-module"><sessioninfo id="a" start="1" dump="2"/></report>
                """);

        assertThatThrownBy(() -> CoverageReader.lenient().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_EMPTY))
                .hasMessageContaining("is a JaCoCo XML report without any source file");
    }

    @Test
    void shouldReportMissingFile() {
        Path report = folder.resolve("target/site/jacoco/jacoco.xml");

        assertThatThrownBy(() -> CoverageReader.lenient().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_UNREADABLE))
                .hasMessageContaining("'" + report + "': the file does not exist");
    }

    @Test
    void shouldReportNegativeAndNonNumericCountsInXmlWithLine() throws IOException {
        Path negative = write("negative.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <report name="shop">
                  <package name="com/example">
                    <sourcefile name="A.java">
                      <line nr="1" mi="0" ci="-3" mb="0" cb="0"/>
                    </sourcefile>
                  </package>
                </report>
                """);
        Path text = write("text.xml", """
                <?xml version="1.0" ?>
                <coverage><packages><package name="p"><classes><class name="a.py" filename="p/a.py"><lines>
                  <line number="1" hits="many"/>
                </lines></class></classes></package></packages></coverage>
                """);

        assertThatThrownBy(() -> CoverageReader.lenient().read(negative, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.COUNT_INVALID))
                .hasMessageContaining("'" + negative + "' (line 5): attribute 'ci' of <line> is negative: '-3'");
        assertThatThrownBy(() -> CoverageReader.lenient().read(text, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.COUNT_INVALID))
                .hasMessageContaining("(line 3): attribute 'hits' of <line> is not a whole number: 'many'");
    }

    @Test
    void shouldMergeReportsOfDifferentFilesBySummingThem() {
        CoverageSummary merged = CoverageReader.strict().readAll(
                List.of(fixture("jacoco.xml"), fixture("coverage-py.xml"), fixture("lcov.info")), log);

        assertThat(merged.getName()).isEqualTo("shop, coverage-py.xml, lcov.info");
        assertThat(merged.getLines()).isEqualTo(CoverageCounter.of(9 + 8 + 8, 4 + 5 + 3));
        assertThat(merged.getBranches()).contains(CoverageCounter.of(6 + 3 + 4, 4 + 3 + 2));
        assertThat(merged.getFileCount()).isEqualTo(2 + 3 + 2);
        assertThat(merged.getClassCount()).isEqualTo(3 + 3);
        assertThat(log.getInfoLines()).hasSize(4).last().asString().startsWith("Merged 3 of 3 coverage reports");
    }

    @Test
    void shouldUniteFilesThatUnitAndIntegrationTestReportsShare() throws IOException {
        Path unit = write("jacoco-unit.xml", jacoco("shop", "com/example", "Cart.java",
                "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/>"
                        + "<line nr=\"2\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
                        + "<line nr=\"3\" mi=\"0\" ci=\"1\" mb=\"1\" cb=\"1\"/>"
                        + "<line nr=\"4\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"));
        Path integration = write("jacoco-it.xml", jacoco("shop", "com/example", "Cart.java",
                "<line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
                        + "<line nr=\"2\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/>"
                        + "<line nr=\"3\" mi=\"1\" ci=\"0\" mb=\"2\" cb=\"0\"/>"
                        + "<line nr=\"4\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"));
        Path otherModule = write("jacoco-billing.xml", jacoco("billing", "com/example", "Cart.java",
                "<line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"));

        CoverageSummary merged = CoverageReader.strict().readAll(List.of(unit, integration, otherModule), log);

        // shop's Cart.java: lines 1 (unit), 2 (integration) and 3 covered, 4 missed; line 3 keeps 1 of 2 branches.
        // billing's Cart.java is another file: its line 1 is added, missed.
        assertThat(merged.getName()).isEqualTo("shop, billing");
        assertThat(merged.getLines()).isEqualTo(CoverageCounter.of(3, 1 + 1));
        assertThat(merged.getBranches()).contains(CoverageCounter.of(1, 1));
        assertThat(merged.getFileCount()).isEqualTo(2);
        assertThat(merged.getClassCount()).isEqualTo(2);
    }

    @Test
    void shouldSkipUnreadableReportWhenLenientAndFailWhenStrict() throws IOException {
        Path broken = write("broken.xml", "<report name=\"x\"><package name=\"p\">");
        List<Path> reports = List.of(fixture("lcov.info"), broken);

        CoverageSummary summary = CoverageReader.lenient().readAll(reports, log);

        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(8, 3));
        assertThat(log.getErrorLines()).singleElement().asString()
                .contains("broken.xml", "Skipped this report.");
        assertThatThrownBy(() -> CoverageReader.strict().readAll(reports, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_TRUNCATED));
    }

    @Test
    void shouldFailWhenNoReportCanBeRead() throws IOException {
        Path empty = write("empty.info", "");

        assertThatThrownBy(() -> CoverageReader.lenient().readAll(List.of(empty), log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.NO_REPORTS))
                .hasMessageContaining("None of the 1 coverage reports could be read")
                .hasMessageContaining("empty.info");
        assertThatThrownBy(() -> CoverageReader.lenient().readAll(List.of(), log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.NO_REPORTS));
    }

    private static String jacoco(final String name, final String packageName, final String file,
            final String lines) {
        String className = file.replace(".java", "");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><!DOCTYPE report PUBLIC "
                + "\"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"" + name + "\">"
                + "<package name=\"" + packageName + "\"><class name=\"" + packageName + "/" + className
                + "\" sourcefilename=\"" + file + "\"/><sourcefile name=\"" + file + "\">" + lines
                + "</sourcefile></package></report>";
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    static Path fixture(final String name) {
        try {
            return Path.of(CoverageReaderTest.class.getResource(name).toURI());
        }
        catch (URISyntaxException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
