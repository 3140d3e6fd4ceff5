package io.lotabots.report.junit;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every kind of bad report, with each StAX implementation the parser may meet: each fails with its own code and a
 * message that names the file, the line where there is one, and what to do.
 */
class JUnitReportParserBadInputTest {
    private static final String SUREFIRE = "surefire/TEST-com.example.shop.CartServiceTest.xml";

    private final EngineLog log = new EngineLog("Errors while reading test reports:");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectEmptyFile(final JUnitReportParser parser, @TempDir final Path folder) throws IOException {
        Path empty = Files.writeString(folder.resolve("TEST-empty.xml"), "");
        Path blank = Files.writeString(folder.resolve("TEST-blank.xml"), "  \n\t\n");

        assertFailure(() -> parser.parse(empty, log), JUnitErrorCode.EMPTY_FILE,
                "Cannot parse JUnit report '" + empty + "': the file is empty. Did the test run finish writing it?");
        assertFailure(() -> parser.parse(blank, log), JUnitErrorCode.EMPTY_FILE,
                "Cannot parse JUnit report '" + blank + "': the file is empty. Did the test run finish writing it?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectTruncatedFileWithTheLineWhereItEnds(final JUnitReportParser parser) throws IOException {
        byte[] report = Files.readAllBytes(JUnitReportParserTest.fixture(SUREFIRE));
        int end = indexOf(report, "<testcase name=\"shouldComputeShipping\"") + "<testcase name=\"should".length();

        LotaBotsException failure = parseFailure(parser, Arrays.copyOf(report, end), "TEST-cut.xml");

        assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.TRUNCATED);
        assertThat(failure).hasMessage("Cannot parse JUnit report 'TEST-cut.xml': unexpected end of file at line 45."
                + " Is the file complete?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRecogniseTruncationWhereverTheFileEnds(final JUnitReportParser parser) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String fixture : List.of(SUREFIRE, "surefire-rerun/TEST-com.example.shop.PaymentGatewayTest.xml",
                "pytest/junit.xml", "jest/junit.xml", "go/report.xml", "xunit/TestResults.xml")) {
            String report = Files.readString(JUnitReportParserTest.fixture(fixture), StandardCharsets.UTF_8);
            wrong.addAll(cutsNotReportedAsTruncated(parser, fixture, report.getBytes(StandardCharsets.UTF_8)));
            String windows = "\uFEFF" + report.replace("\n", "\r\n");
            wrong.addAll(cutsNotReportedAsTruncated(parser, fixture + " (BOM, CRLF)",
                    windows.getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(wrong).as("cuts reported as something else than truncation").isEmpty();
    }

    private List<String> cutsNotReportedAsTruncated(final JUnitReportParser parser, final String name,
            final byte[] report) {
        List<String> wrong = new ArrayList<>();
        for (int end = 4; end < report.length - 1; end += 29) {
            byte[] cut = Arrays.copyOf(report, end);
            String text = new String(cut, StandardCharsets.UTF_8).replace("\r\n", "\n");
            int expectedLine = (int) text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") ? 0 : 1);
            LotaBotsException failure = parseFailure(parser, cut, "TEST-cut.xml");
            String expected = "unexpected end of file at line " + expectedLine + ". Is the file complete?";
            if (failure.getCode() != JUnitErrorCode.TRUNCATED || !failure.getMessage().endsWith(expected)) {
                wrong.add(name + " cut at " + end + ": " + failure.getMessage());
            }
        }
        return wrong;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectFilesThatAreNotXml(final JUnitReportParser parser) {
        assertThat(parseFailure(parser, "Tests run: 6, Failures: 1, Errors: 1, Skipped: 1\n", "surefire.txt"))
                .satisfies(failure -> {
                    assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.NOT_XML);
                    assertThat(failure.getMessage()).startsWith("Cannot parse JUnit report 'surefire.txt': it is not"
                            + " an XML file (line 1: ")
                            .endsWith("). Check that the file pattern matches only JUnit XML reports.");
                });
        assertThat(parseFailure(parser, "{\"numTotalTests\": 6, \"success\": false}", "jest-results.json"))
                .extracting(LotaBotsException::getCode).isEqualTo(JUnitErrorCode.NOT_XML);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 1, 2};
        assertThat(parseFailure(parser, png, "screenshot.xml"))
                .extracting(LotaBotsException::getCode).isEqualTo(JUnitErrorCode.NOT_XML);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectMalformedXmlWithTheLineOfTheError(final JUnitReportParser parser) {
        String xml = """
                <testsuite name="com.example.BrokenTest">
                  <testcase name="a" classname="com.example.BrokenTest" time="0.1">
                    <failure message="boom">stack</error>
                  </testcase>
                  <testcase name="b" classname="com.example.BrokenTest" time="0.1"/>
                </testsuite>
                """;

        LotaBotsException failure = parseFailure(parser, xml, "TEST-broken.xml");

        assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.MALFORMED_XML);
        assertThat(failure.getMessage()).startsWith("Cannot parse JUnit report 'TEST-broken.xml': malformed XML at"
                + " line 3: ").contains("failure")
                .endsWith(". Fix the tool that wrote the report, or exclude the file.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectXmlThatIsNotAJUnitReport(final JUnitReportParser parser) {
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <artifactId>shop</artifactId>
                </project>
                """;

        LotaBotsException failure = parseFailure(parser, pom, "pom.xml");

        assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.NOT_A_JUNIT_REPORT);
        assertThat(failure).hasMessage("Cannot parse JUnit report 'pom.xml': it is not a JUnit report: root element"
                + " <project> at line 2, expected <testsuites>, <testsuite> or xUnit's <assemblies>. Check that the"
                + " file pattern matches only test reports.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldNotReadFilesReferencedAsExternalEntities(final JUnitReportParser parser, @TempDir final Path folder)
            throws IOException {
        String secret = "SECRET-" + UUID.randomUUID();
        Path outside = Files.createTempDirectory("lotabots-outside-");
        try {
            Path secretFile = Files.writeString(outside.resolve("credentials.txt"), secret);
            String uri = secretFile.toUri().toString();
            List<String> attacks = List.of(
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + uri + "\">]>\n"
                            + "<testsuite name=\"&xxe;\"><testcase name=\"t\"><failure message=\"&xxe;\">&xxe;"
                            + "</failure></testcase></testsuite>",
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]>\n"
                            + "<testsuite name=\"s\"/>",
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite SYSTEM \"" + uri + "\">\n<testsuite name=\"s\"/>");
            for (String attack : attacks) {
                Path report = Files.writeString(folder.resolve("TEST-xxe.xml"), attack);

                LotaBotsException failure = catchThrowableOfType(LotaBotsException.class,
                        () -> parser.parse(report, log));

                assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.DOCTYPE_REFUSED);
                assertThat(failure).hasMessage("Cannot parse JUnit report '" + report + "': it has a DOCTYPE"
                        + " declaration at line 2. DTDs and entities are refused because they can read local files"
                        + " (XXE) or exhaust memory (billion laughs), and no test tool writes one. Remove the DOCTYPE"
                        + " or exclude the file.");
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
                }
                assertThat(log.getInfoLines()).noneMatch(line -> line.contains(secret));
                assertThat(log.getErrorLines()).noneMatch(line -> line.contains(secret));
            }
        }
        finally {
            Files.deleteIfExists(outside.resolve("credentials.txt"));
            Files.delete(outside);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectBillionLaughsQuickly(final JUnitReportParser parser) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n"
                + "<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<testsuite name=\"&lol9;\"><testcase name=\"&lol9;\"/></testsuite>\n");

        LotaBotsException failure = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> parseFailure(parser, xml.toString(), "TEST-lol.xml"));

        assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.DOCTYPE_REFUSED);
        assertThat(failure.getMessage()).startsWith("Cannot parse JUnit report 'TEST-lol.xml': it has a DOCTYPE"
                + " declaration at line ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldRejectSuitesNestedAbsurdlyDeep(final JUnitReportParser parser) {
        String xml = "<testsuites>\n" + "<testsuite name=\"s\">\n".repeat(JUnitXmlReader.MAX_SUITE_DEPTH + 1)
                + "</testsuite>\n".repeat(JUnitXmlReader.MAX_SUITE_DEPTH + 1) + "</testsuites>\n";

        LotaBotsException failure = parseFailure(parser, xml, "TEST-deep.xml");

        assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.SUITES_TOO_DEEP);
        assertThat(failure).hasMessage("Cannot parse JUnit report 'TEST-deep.xml': test suites are nested more than"
                + " 100 levels deep at line 102. Check the tool that wrote the report.");
    }

    @Test
    void shouldRejectMissingFileAndDirectory(@TempDir final Path folder) {
        Path missing = folder.resolve("TEST-missing.xml");
        JUnitReportParser parser = new JUnitReportParser();

        assertFailure(() -> parser.parse(missing, log), JUnitErrorCode.FILE_NOT_READABLE,
                "Cannot read JUnit report '" + missing + "': the file does not exist. Check the path and the file"
                        + " pattern.");
        assertFailure(() -> parser.parse(folder, log), JUnitErrorCode.FILE_NOT_READABLE,
                "Cannot read JUnit report '" + folder + "': it is a directory. Give a pattern that matches the XML"
                        + " files, for example 'target/surefire-reports/TEST-*.xml'.");
    }

    @Test
    void shouldReportAStreamThatFailsAsAnInputOutputFailure() {
        InputStream failing = new InputStream() {
            private final InputStream start = new ByteArrayInputStream(("<testsuite name=\"s\">\n"
                    + "<testcase name=\"t\"/>\n".repeat(1_000)).getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                int b = start.read();
                if (b < 0) {
                    throw new IOException("Stale file handle");
                }
                return b;
            }
        };

        LotaBotsException failure = catchThrowableOfType(LotaBotsException.class,
                () -> new JUnitReportParser().parse(failing, "nfs/TEST-s.xml", log));

        assertThat(failure.getCode()).isEqualTo(JUnitErrorCode.IO_FAILURE);
        assertThat(failure.getCode().isUserError()).isFalse();
        assertThat(failure).hasMessage("Cannot read JUnit report 'nfs/TEST-s.xml': java.io.IOException: Stale file"
                + " handle. Check the disk or network share that holds it.");
    }

    @Test
    void shouldCountAnUnknownXunitResultAsErrorAndWarn() {
        String xml = """
                <assemblies>
                  <assembly name="Shop.Tests.dll">
                    <collection name="Test collection for Shop.Tests.CartTests" time="0.1">
                      <test name="Shop.Tests.CartTests.AddsItem" type="Shop.Tests.CartTests" method="AddsItem" time="0.1" result="Inconclusive"/>
                    </collection>
                  </assembly>
                </assemblies>
                """;

        JUnitReport report = new JUnitReportParser().parse(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "TestResults.xml", log);

        assertThat(report.getErrors()).isEqualTo(1);
        assertThat(report.getFailures()).singleElement().extracting(JUnitTestCase::testName).isEqualTo("AddsItem");
        assertThat(log.getErrorLines()).containsExactly("JUnit report 'TestResults.xml' line 4: result=\"Inconclusive\""
                + " of <test> is not Pass, Fail or Skip; counted as an error");
    }

    private LotaBotsException parseFailure(final JUnitReportParser parser, final String content, final String name) {
        return parseFailure(parser, content.getBytes(StandardCharsets.UTF_8), name);
    }

    private LotaBotsException parseFailure(final JUnitReportParser parser, final byte[] content, final String name) {
        return catchThrowableOfType(LotaBotsException.class,
                () -> parser.parse(new ByteArrayInputStream(content), name, log));
    }

    private static void assertFailure(final org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            final JUnitErrorCode code, final String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LotaBotsException.class,
                failure -> assertThat(failure.getCode()).isEqualTo(code)).hasMessage(message);
    }

    private static int indexOf(final byte[] content, final String text) {
        return new String(content, StandardCharsets.ISO_8859_1).indexOf(text);
    }
}
