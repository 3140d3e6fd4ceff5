package io.lotabots.report.coverage;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.xml.stream.XMLInputFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hostile XML: entity tricks must be refused without reading the files they point at, on every StAX
 * implementation, while JaCoCo's own DOCTYPE must still be read without fetching its DTD.
 */
class XmlReportReaderTest {
    private static final String SECRET = "TOP-SECRET-7d1f0c9e-do-not-leak";

    @TempDir
    Path reports;
    @TempDir
    Path elsewhere;

    private final EngineLog log = new EngineLog("Errors while reading coverage reports:");

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldIgnoreJacocoDoctypeWithoutFetchingTheDtd(final Supplier<XMLInputFactory> factory) throws IOException {
        Path poisonedDtd = Files.writeString(elsewhere.resolve("report.dtd"), "<!ENTITY % broken \"" + SECRET);
        Path report = write("jacoco.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"" + poisonedDtd.toUri() + "\">"
                + "<report name=\"shop\"><package name=\"a\"><sourcefile name=\"A.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/></sourcefile></package></report>");

        CoverageSummary summary = CoverageReader.create(true, factory).read(report, log);

        // had the DTD been read, its broken declaration would have failed the parse
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 0));
        assertThat(summary.getName()).isEqualTo("shop");
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldRefuseExternalEntityWithoutReadingTheFile(final Supplier<XMLInputFactory> factory)
            throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), SECRET);
        Path report = write("jacoco.xml", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE report [\n"
                + "  <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">\n"
                + "]>\n"
                + "<report name=\"&xxe;\"><package name=\"&xxe;\"><sourcefile name=\"A.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/></sourcefile></package>&xxe;</report>\n");

        LotaBotsException exception = read(factory, report);

        assertThat(exception.getCode()).isEqualTo(CoverageErrorCode.REPORT_ENTITIES_NOT_ALLOWED);
        assertThat(exception).hasMessageContaining("Refusing coverage report '" + report + "' (line ")
                .hasMessageContaining("internal subset");
        assertSecretAppearsNowhere(exception);
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldRefuseExternalParameterEntityWithoutReadingTheFile(final Supplier<XMLInputFactory> factory)
            throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.dtd"),
                "<!ENTITY leak \"" + SECRET + "\">");
        Path report = write("coverage.xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE coverage [<!ENTITY % remote SYSTEM \"" + secret.toUri() + "\"> %remote;]>"
                + "<coverage><packages><package name=\"&leak;\"/></packages></coverage>");

        LotaBotsException exception = read(factory, report);

        assertThat(exception.getCode()).isEqualTo(CoverageErrorCode.REPORT_ENTITIES_NOT_ALLOWED);
        assertSecretAppearsNowhere(exception);
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldRefuseEntityOfAnExternalDtdWithoutReadingIt(final Supplier<XMLInputFactory> factory)
            throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.dtd"),
                "<!ENTITY leak \"" + SECRET + "\">");
        Path report = write("jacoco.xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE report SYSTEM \"" + secret.toUri() + "\">"
                + "<report name=\"shop\"><package name=\"a\"><sourcefile name=\"A.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/></sourcefile></package>&leak;</report>");

        LotaBotsException exception = read(factory, report);

        // the JDK's parser fails on the undeclared entity, Woodstox reports it and the cursor refuses it
        assertThat(exception.getCode()).isIn(CoverageErrorCode.REPORT_ENTITIES_NOT_ALLOWED,
                CoverageErrorCode.REPORT_MALFORMED);
        assertThat(exception).hasMessageContaining("'" + report + "' (line 1)");
        assertSecretAppearsNowhere(exception);
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldDropEntityInAnAttributeWithoutReadingTheExternalDtd(final Supplier<XMLInputFactory> factory)
            throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.dtd"),
                "<!ENTITY leak \"" + SECRET + "\">");
        Path report = write("jacoco.xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE report SYSTEM \"" + secret.toUri() + "\">"
                + "<report name=\"shop&leak;\"><package name=\"a\"><sourcefile name=\"A.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/></sourcefile></package></report>");

        CoverageSummary summary = CoverageReader.create(true, factory).read(report, log);

        // StAX parsers give no event for an entity in an attribute; as the DTD is never read, it expands to nothing
        assertThat(summary.getName()).isEqualTo("shop");
        assertThat(log.getInfoLines()).noneMatch(line -> line.contains(SECRET));
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldRefuseBillionLaughs(final Supplier<XMLInputFactory> factory) throws IOException {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            entities.append("<!ENTITY lol").append(level).append(" \"")
                    .append(("&lol" + (level - 1) + ";").repeat(10)).append("\">\n");
        }
        Path report = write("jacoco.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE report [\n" + entities
                + "]>\n<report name=\"&lol9;\">&lol9;</report>\n");

        LotaBotsException exception = read(factory, report);

        assertThat(exception.getCode()).isEqualTo(CoverageErrorCode.REPORT_ENTITIES_NOT_ALLOWED);
        assertThat(exception.getMessage()).hasSizeLessThan(600).doesNotContain("lollol");
    }

    @Test
    void shouldFindInternalSubsetInTheDtdTextOfEitherParser() {
        assertThat(XmlCursor.hasInternalSubset(
                "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">")).isFalse();
        assertThat(XmlCursor.hasInternalSubset(
                "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">")).isFalse();
        assertThat(XmlCursor.hasInternalSubset("<!DOCTYPE r SYSTEM \"odd[name].dtd\">")).isFalse();
        assertThat(XmlCursor.hasInternalSubset("")).isFalse();
        assertThat(XmlCursor.hasInternalSubset("<!DOCTYPE r [<!ENTITY a \"b\">]>")).isTrue();
        assertThat(XmlCursor.hasInternalSubset("\n<!ENTITY a \"b\">\n")).isTrue(); // Woodstox: the subset alone
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldRefuseJacocoGroupsNestedDeeperThanAnyBuildAtOnce(final Supplier<XMLInputFactory> factory)
            throws IOException {
        int depth = 40_000;
        StringBuilder xml = new StringBuilder(depth * 40).append("<report name=\"bomb\">");
        for (int i = 0; i < depth; i++) {
            xml.append("<group name=\"g").append(i).append("\">");
        }
        for (int i = 0; i < depth; i++) {
            xml.append("</group>");
        }
        Path report = write("jacoco.xml", xml.append("</report>").toString());

        LotaBotsException refused = read(factory, report);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("jacoco.xml").contains("<group>")
                .contains(String.valueOf(JacocoXmlReader.MAX_GROUP_DEPTH));
    }

    @ParameterizedTest
    @MethodSource("io.lotabots.report.coverage.StaxFactories#both")
    void shouldKeepTheScopeOfNestedGroupsWithinTheLimit(final Supplier<XMLInputFactory> factory) throws IOException {
        Path report = write("jacoco.xml", "<report name=\"shop\"><group name=\"backend\"><group name=\"api\">"
                + "<package name=\"a\"><class name=\"a/A\"/><sourcefile name=\"A.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/></sourcefile></package></group></group>"
                + "<group name=\"web\"><package name=\"a\"><sourcefile name=\"A.java\">"
                + "<line nr=\"1\" mi=\"3\" ci=\"0\" mb=\"0\" cb=\"0\"/></sourcefile></package></group></report>");

        CoverageSummary summary = CoverageReader.create(true, factory).read(report, log);

        // the same file name in two groups is two files: backend/api/a/A.java covered, web/a/A.java missed
        assertThat(summary.getLines()).isEqualTo(CoverageCounter.of(1, 1));
    }

    private LotaBotsException read(final Supplier<XMLInputFactory> factory, final Path report) {
        return catchThrowableOfType(LotaBotsException.class,
                () -> CoverageReader.create(false, factory).read(report, log));
    }

    private void assertSecretAppearsNowhere(final LotaBotsException exception) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
        assertThat(log.getInfoLines()).noneMatch(line -> line.contains(SECRET));
        assertThat(log.getErrorLines()).noneMatch(line -> line.contains(SECRET));
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(reports.resolve(name), content, StandardCharsets.UTF_8);
    }
}
