package io.lotabots.report.junit;

import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JUnitReportParserTest {
    private final EngineLog log = new EngineLog("Errors while reading test reports:");

    @Test
    void shouldReadSurefireReport() {
        Path file = fixture("surefire/TEST-com.example.shop.CartServiceTest.xml");

        JUnitReport report = new JUnitReportParser().parse(file, log);

        assertTotals(report, 6, 3, 1, 1, 1);
        assertThat(report.getDuration()).isEqualTo(0.061);
        assertThat(report.getFiles()).containsExactly(file.toString());
        assertThat(report.getSuites()).containsExactly(
                new JUnitSuite("com.example.shop.CartServiceTest", file.toString(), 6, 1, 1, 1, 0.412));
        assertThat(report.getFailures()).hasSize(2);

        JUnitTestCase failure = report.getFailures().get(0);
        assertThat(failure.suiteName()).isEqualTo("com.example.shop.CartServiceTest");
        assertThat(failure.className()).isEqualTo("com.example.shop.CartServiceTest");
        assertThat(failure.testName()).isEqualTo("shouldApplyDiscount");
        assertThat(failure.file()).isEqualTo(file.toString());
        assertThat(failure.duration()).isEqualTo(0.018);
        assertThat(failure.status()).isEqualTo(JUnitTestStatus.FAILED);
        assertThat(failure.flaky()).isFalse();
        assertThat(failure.reruns()).isZero();
        assertThat(failure.failureType()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.firstLine()).isEqualTo("expected: <90.00> but was: <100.00>");
        assertThat(failure.details()).startsWith("org.opentest4j.AssertionFailedError: expected: <90.00> but was:"
                + " <100.00>\n\tat org.junit.jupiter.api.AssertionFailureBuilder.build(")
                .doesNotContain("applying discount");
        assertThat(failure.details().lines()).as("at most 10 lines of a 14-line stack trace").hasSize(10);

        JUnitTestCase error = report.getFailures().get(1);
        assertThat(error.testName()).isEqualTo("shouldComputeShipping");
        assertThat(error.status()).isEqualTo(JUnitTestStatus.ERROR);
        assertThat(error.failureType()).isEqualTo("java.lang.NullPointerException");
        assertThat(error.firstLine()).isEqualTo(
                "Cannot invoke \"com.example.shop.Address.country()\" because \"address\" is null");
        assertThat(log.getErrorLines()).isEmpty();
    }

    @Test
    void shouldReadFailsafeReportAndIgnoreFailsafeSummary() {
        JUnitReportParser parser = new JUnitReportParser();
        Path summaryFile = fixture("failsafe/failsafe-summary.xml");

        JUnitReport summary = parser.parse(summaryFile, log);
        JUnitReport tests = parser.parse(fixture("failsafe/TEST-com.example.shop.CheckoutIT.xml"), log);
        JUnitReport total = JUnitReport.aggregate(List.of(summary, tests));

        assertThat(summary.getTests()).isZero();
        assertThat(summary.getFiles()).isEmpty();
        assertThat(summary.getIgnoredFiles()).containsExactly(summaryFile.toString());
        assertThat(log.getInfoLines()).containsExactly("Skipped '" + summaryFile + "': it is a Failsafe summary, not a"
                + " test report; the TEST-*.xml files next to it hold the results");
        assertThat(log.getErrorLines()).isEmpty();

        assertTotals(total, 3, 2, 1, 0, 0);
        assertThat(total.getDuration()).isEqualTo(4.871);
        assertThat(total.getIgnoredFiles()).containsExactly(summaryFile.toString());
        assertThat(total.getFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.testName()).isEqualTo("shouldSendConfirmationMail");
            assertThat(failure.failureType()).isEqualTo("org.awaitility.core.ConditionTimeoutException");
            assertThat(failure.firstLine()).isEqualTo(
                    "Condition not satisfied within 1 second: mailbox of buyer@example.com is empty");
        });
    }

    @Test
    void shouldCountSurefireRerunsAsFlakyWhenTheTestFinallyPassed() {
        JUnitReport report = new JUnitReportParser().parse(
                fixture("surefire-rerun/TEST-com.example.shop.PaymentGatewayTest.xml"), log);

        assertTotals(report, 6, 4, 1, 1, 0);
        assertThat(report.getFlaky()).isEqualTo(2);
        assertThat(report.getReruns()).as("1 + 2 flaky runs, 2 + 2 reruns of tests that kept failing").isEqualTo(7);
        assertThat(report.getDuration()).isEqualTo(3.207);

        assertThat(report.getFlakyTests()).extracting(JUnitTestCase::testName, JUnitTestCase::status,
                JUnitTestCase::flaky, JUnitTestCase::reruns, JUnitTestCase::failureType, JUnitTestCase::firstLine)
                .containsExactly(
                        tuple("shouldChargeCard", JUnitTestStatus.PASSED, true, 1,
                                "org.opentest4j.AssertionFailedError", "expected: <APPROVED> but was: <TIMEOUT>"),
                        tuple("shouldHandleWebhook", JUnitTestStatus.PASSED, true, 2, "java.net.ConnectException",
                                "Connection refused"));
        assertThat(report.getFlakyTests().get(0).details())
                .as("the stack trace of the failed run, without its captured output")
                .startsWith("org.opentest4j.AssertionFailedError: expected: <APPROVED> but was: <TIMEOUT>\n\tat ")
                .doesNotContain("gateway answered");

        assertThat(report.getFailures()).extracting(JUnitTestCase::testName, JUnitTestCase::status,
                JUnitTestCase::flaky, JUnitTestCase::reruns, JUnitTestCase::firstLine)
                .containsExactly(
                        tuple("shouldRefundOrder", JUnitTestStatus.FAILED, false, 2,
                                "refund of order 1001 expected:<REFUNDED> but was:<PENDING>"),
                        tuple("shouldCapturePayment", JUnitTestStatus.ERROR, false, 2, "Read timed out"));
    }

    @Test
    void shouldReadGradleReportsOnePerClass() {
        JUnitReportParser parser = new JUnitReportParser();
        Path calculator = fixture("gradle/TEST-com.example.inventory.StockCalculatorTest.xml");
        Path warehouse = fixture("gradle/TEST-com.example.inventory.WarehouseTest.xml");

        JUnitReport report = parser.parse(calculator, log).plus(parser.parse(warehouse, log));

        assertTotals(report, 7, 5, 1, 0, 1);
        assertThat(report.getDuration()).isCloseTo(0.099, within(1e-9));
        assertThat(report.getFiles()).containsExactly(calculator.toString(), warehouse.toString());
        assertThat(report.getSuites()).extracting(JUnitSuite::name, JUnitSuite::tests, JUnitSuite::passed,
                JUnitSuite::failed, JUnitSuite::skipped, JUnitSuite::duration)
                .containsExactly(tuple("com.example.inventory.StockCalculatorTest", 4, 2, 1, 1, 0.087),
                        tuple("com.example.inventory.WarehouseTest", 3, 3, 0, 0, 0.052));
        assertThat(report.getFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.testName()).isEqualTo("rejectsNegativeQuantity()");
            assertThat(failure.file()).isEqualTo(calculator.toString());
            assertThat(failure.firstLine()).isEqualTo("org.opentest4j.AssertionFailedError: Expected"
                    + " java.lang.IllegalArgumentException to be thrown, but nothing was thrown.");
        });
    }

    @Test
    void shouldReadPytestReport() {
        JUnitReport report = new JUnitReportParser().parse(fixture("pytest/junit.xml"), log);

        assertTotals(report, 6, 2, 1, 1, 2);
        assertThat(report.getDuration()).isEqualTo(0.008);
        assertThat(report.getSuites()).extracting(JUnitSuite::name, JUnitSuite::tests)
                .containsExactly(tuple("pytest", 6));
        assertThat(report.getFailures()).extracting(JUnitTestCase::suiteName, JUnitTestCase::className,
                JUnitTestCase::testName, JUnitTestCase::status, JUnitTestCase::firstLine)
                .containsExactly(
                        tuple("pytest", "tests.test_pricing", "test_vat[fr-0.2]", JUnitTestStatus.FAILED,
                                "assert 120.0 == 119.99999999999999"),
                        tuple("pytest", "tests.test_db", "test_connect", JUnitTestStatus.ERROR,
                                "failed on setup with \"ConnectionRefusedError: [Errno 111] Connection refused\""));
        assertThat(report.getFailures().get(0).message())
                .isEqualTo("assert 120.0 == 119.99999999999999\n +  where 120.0 = gross(100, 0.2)");
        assertThat(report.getFailures().get(0).details()).startsWith("country = 'fr', rate = 0.2\n\n    @pytest");
    }

    @Test
    void shouldReadJestJunitReport() {
        JUnitReport report = new JUnitReportParser().parse(fixture("jest/junit.xml"), log);

        assertTotals(report, 6, 4, 1, 0, 1);
        assertThat(report.getDuration()).isEqualTo(0.022);
        assertThat(report.getSuites()).extracting(JUnitSuite::name, JUnitSuite::tests, JUnitSuite::failed)
                .containsExactly(tuple("src/cart.test.js", 4, 1), tuple("src/price.test.js", 2, 0));
        assertThat(report.getFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.suiteName()).isEqualTo("src/cart.test.js");
            assertThat(failure.testName()).isEqualTo("cart applies a coupon");
            assertThat(failure.failureType()).as("jest-junit writes no type").isEmpty();
            assertThat(failure.message()).as("jest-junit writes no message attribute").isEmpty();
            assertThat(failure.firstLine()).isEqualTo("Error: expect(received).toBe(expected) // Object.is equality");
            assertThat(failure.details()).contains("Expected: 90\nReceived: 100\n")
                    .contains("at new Promise (<anonymous>)");
        });
    }

    @Test
    void shouldReadGoJunitReport() {
        JUnitReport report = new JUnitReportParser().parse(fixture("go/report.xml"), log);

        assertTotals(report, 6, 3, 1, 1, 1);
        assertThat(report.getDuration()).isEqualTo(0.11);
        assertThat(report.getSuites()).extracting(JUnitSuite::name)
                .containsExactly("github.com/example/shop/cart", "github.com/example/shop/payment",
                        "github.com/example/shop/store");
        assertThat(report.getFailures()).extracting(JUnitTestCase::className, JUnitTestCase::testName,
                JUnitTestCase::status, JUnitTestCase::message)
                .containsExactly(
                        tuple("github.com/example/shop/cart", "TestApplyCoupon", JUnitTestStatus.FAILED, "Failed"),
                        tuple("github.com/example/shop/store", "Failure", JUnitTestStatus.ERROR, "Runtime error"));
        assertThat(report.getFailures().get(0).details()).isEqualTo(
                "cart_test.go:27: ApplyCoupon(\"SPRING10\") = 100, want 90\n"
                        + "    cart_test.go:28: coupon SPRING10 expired at 2025-03-01");
        assertThat(report.getFailures().get(1).details())
                .startsWith("panic: open testdata/fixtures.sql: no such file or directory\n\ngoroutine 1 [running]:");
    }

    @Test
    void shouldReadSuitesNestedInSuites() {
        JUnitReport report = new JUnitReportParser().parse(fixture("phpunit/junit.xml"), log);

        assertTotals(report, 6, 3, 1, 1, 1);
        assertThat(report.getDuration()).isEqualTo(0.031245);
        assertThat(report.getSuites()).as("only suites that hold test cases; they add up to the totals")
                .extracting(JUnitSuite::name, JUnitSuite::tests)
                .containsExactly(tuple("App\\Tests\\PriceTest::testGross", 2), tuple("App\\Tests\\PriceTest", 2),
                        tuple("App\\Tests\\CartTest", 2));
        assertThat(report.getFailures()).extracting(JUnitTestCase::suiteName, JUnitTestCase::className,
                JUnitTestCase::testName, JUnitTestCase::failureType, JUnitTestCase::firstLine)
                .containsExactly(
                        tuple("App\\Tests\\PriceTest::testGross", "App.Tests.PriceTest",
                                "testGross with data set \"fr\"", "PHPUnit\\Framework\\ExpectationFailedException",
                                "App\\Tests\\PriceTest::testGross with data set \"fr\" (100, 0.2, 120.0)"),
                        tuple("App\\Tests\\CartTest", "App.Tests.CartTest", "testCheckout", "TypeError",
                                "App\\Tests\\CartTest::testCheckout"));
    }

    @Test
    void shouldReadXunitV2Report() {
        Path file = fixture("xunit/TestResults.xml");

        JUnitReport report = new JUnitReportParser().parse(file, log);

        assertTotals(report, 6, 2, 2, 1, 1);
        assertThat(report.getDuration()).isEqualTo(0.049346);
        assertThat(report.getSuites()).extracting(JUnitSuite::name, JUnitSuite::tests, JUnitSuite::duration)
                .containsExactly(
                        tuple("/home/ci/shop/tests/Shop.Tests/bin/Release/net8.0/Shop.Tests.dll", 1, 0.0),
                        tuple("Test collection for Shop.Tests.CartTests", 3, 0.215),
                        tuple("Test collection for Shop.Tests.PriceTests", 2, 0.101));
        assertThat(report.getFailures()).extracting(JUnitTestCase::className, JUnitTestCase::testName,
                JUnitTestCase::status, JUnitTestCase::failureType, JUnitTestCase::firstLine)
                .containsExactly(
                        tuple("Shop.Tests.DatabaseTests", "test-class-cleanup", JUnitTestStatus.ERROR,
                                "System.InvalidOperationException", "System.InvalidOperationException : The"
                                        + " connection was not closed. The connection's current state is open."),
                        tuple("Shop.Tests.CartTests", "AppliesCoupon(code: \"SPRING10\", expected: 90)",
                                JUnitTestStatus.FAILED, "Xunit.Sdk.EqualException",
                                "Assert.Equal() Failure: Values differ"),
                        tuple("Shop.Tests.PriceTests", "RoundsToCents", JUnitTestStatus.FAILED,
                                "System.DivideByZeroException",
                                "System.DivideByZeroException : Attempted to divide by zero."));
        JUnitTestCase coupon = report.getFailures().get(1);
        assertThat(coupon.message()).isEqualTo("Assert.Equal() Failure: Values differ\nExpected: 90\nActual:   100");
        assertThat(coupon.details()).isEqualTo("at Shop.Tests.CartTests.AppliesCoupon(String code, Int32 expected)"
                + " in /home/ci/shop/tests/Shop.Tests/CartTests.cs:line 34");
    }

    @Test
    void shouldSumDurationsWrittenWithLocaleFormats() {
        String xml = """
                <testsuite name="com.example.SlowTest" time="1,234.5">
                  <testcase name="grouped" classname="com.example.SlowTest" time="1,234.5"/>
                  <testcase name="germanGrouped" classname="com.example.SlowTest" time="1.234,5"/>
                  <testcase name="decimalComma" classname="com.example.SlowTest" time="0,25"/>
                  <testcase name="groupedWithoutFraction" classname="com.example.SlowTest" time="2,000"/>
                  <testcase name="plain" classname="com.example.SlowTest" time=" 0.125 "/>
                  <testcase name="exponent" classname="com.example.SlowTest" time="1e-3"/>
                  <testcase name="missing" classname="com.example.SlowTest"/>
                  <testcase name="empty" classname="com.example.SlowTest" time=""/>
                </testsuite>
                """;

        JUnitReport report = parse(xml);

        assertThat(report.getTests()).isEqualTo(8);
        assertThat(report.getDuration()).isEqualTo(1234.5 + 1234.5 + 0.25 + 2000 + 0.125 + 0.001);
        assertThat(report.getSuites()).singleElement().extracting(JUnitSuite::duration).isEqualTo(1234.5);
        assertThat(log.getErrorLines()).as("missing and empty times are normal, not warnings").isEmpty();
    }

    @Test
    void shouldWarnAboutTimesThatAreNotNumbersAndCountThemAsZero() {
        String xml = """
                <testsuite name="com.example.BrokenTimesTest" time="fast">
                  <testcase name="a" classname="com.example.BrokenTimesTest" time="1.5"/>
                  <testcase name="b" classname="com.example.BrokenTimesTest" time="abc"/>
                  <testcase name="c" classname="com.example.BrokenTimesTest" time="NaN"/>
                  <testcase name="d" classname="com.example.BrokenTimesTest" time="-1"/>
                  <testcase name="e" classname="com.example.BrokenTimesTest" time="1e400"/>
                  <testcase name="f" classname="com.example.BrokenTimesTest" time="0x10"/>
                </testsuite>
                """;

        JUnitReport report = parse(xml);

        assertThat(report.getTests()).isEqualTo(6);
        assertThat(report.getPassed()).isEqualTo(6);
        assertThat(report.getDuration()).isEqualTo(1.5);
        assertThat(report.getSuites()).singleElement().extracting(JUnitSuite::duration)
                .as("the sum of the test cases replaces a broken suite time").isEqualTo(1.5);
        assertThat(log.getErrorLines()).containsExactly(
                "JUnit report 'inline.xml' line 1: time=\"fast\" of <testsuite> is not a number of seconds; counted"
                        + " as 0",
                "JUnit report 'inline.xml' line 3: time=\"abc\" of <testcase> is not a number of seconds; counted"
                        + " as 0",
                "JUnit report 'inline.xml' line 4: time=\"NaN\" of <testcase> is not a number of seconds; counted"
                        + " as 0",
                "JUnit report 'inline.xml' line 5: time=\"-1\" of <testcase> is not a number of seconds; counted"
                        + " as 0",
                "JUnit report 'inline.xml' line 6: time=\"1e400\" of <testcase> is not a number of seconds; counted"
                        + " as 0",
                "JUnit report 'inline.xml' line 7: time=\"0x10\" of <testcase> is not a number of seconds; counted"
                        + " as 0");
    }

    @Test
    void shouldLogTheFirstWarningsOfAFileAndCountTheRest() {
        StringBuilder xml = new StringBuilder("<testsuite name=\"s\">\n");
        for (int i = 0; i < 25; i++) {
            xml.append("<testcase name=\"t").append(i).append("\" time=\"slow\"/>\n");
        }
        xml.append("</testsuite>\n");

        JUnitReport report = parse(xml.toString());

        assertThat(report.getTests()).isEqualTo(25);
        assertThat(log.getErrorLines()).hasSize(JUnitXmlReader.MAX_WARNINGS + 1)
                .last().isEqualTo("JUnit report 'inline.xml': 15 more warnings not shown");
    }

    @Test
    void shouldReadReportWithZeroTests() {
        JUnitReport suite = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"com.example.NoTests\""
                + " time=\"0\" tests=\"0\" errors=\"0\" skipped=\"0\" failures=\"0\">\n  <properties/>\n</testsuite>\n");
        JUnitReport suites = parse("<testsuites/>");

        assertTotals(suite, 0, 0, 0, 0, 0);
        assertThat(suite.getDuration()).isZero();
        assertThat(suite.hasFailures()).isFalse();
        assertThat(suite.getFiles()).containsExactly("inline.xml");
        assertThat(suite.getSuites()).containsExactly(new JUnitSuite("com.example.NoTests", "inline.xml", 0, 0, 0, 0,
                0));
        assertTotals(suites, 0, 0, 0, 0, 0);
        assertThat(suites.getSuites()).isEmpty();
        assertThat(log.getErrorLines()).isEmpty();
    }

    @Test
    void shouldCountEveryFailureButKeepOnlyTheFirstThousand() throws IOException {
        JUnitReportGenerator generator = JUnitReportGenerator.of(10_000, 1.0);

        JUnitReport report = parse(generator);

        assertThat(report.getTests()).isEqualTo(10_000);
        assertThat(report.getFailed()).isEqualTo(10_000);
        assertThat(report.getPassed()).isZero();
        assertThat(report.getFailures()).hasSize(JUnitReport.MAX_KEPT_TEST_CASES);
        assertThat(report.getFailuresNotKept()).isEqualTo(9_000);
        assertThat(report.getFailures().get(0).firstLine()).isEqualTo("expected: <0> but was: <1>");
        assertThat(report.getFailures().get(999).testName()).isEqualTo("shouldHandleCase999");
        assertThat(report.getSuites()).hasSize(10);
    }

    @Test
    void shouldMatchTheTotalsTheGeneratorPromises() throws IOException {
        JUnitReportGenerator generator = JUnitReportGenerator.of(2_345, 0.1).withCasesPerSuite(100)
                .withOutputLines(2);

        JUnitReport report = parse(generator);

        assertThat(report.getTests()).isEqualTo(2_345);
        assertThat(report.getFailed()).isEqualTo(generator.getFailures()).isEqualTo(235);
        assertThat(report.getPassed()).isEqualTo(2_345 - 235);
        assertThat(report.getSuites()).hasSize(generator.getSuites()).hasSize(24);
        assertThat(report.getSuites().stream().mapToInt(JUnitSuite::failed).sum()).isEqualTo(235);
        assertThat(report.getDuration()).isCloseTo(generator.getDuration(), within(1e-6));
    }

    @Test
    void shouldUseTheGivenNameForAStream() {
        JUnitReport report = new JUnitReportParser().parse(new ByteArrayInputStream(
                "<testsuite name=\"s\"><testcase name=\"t\"><failure message=\"boom\"/></testcase></testsuite>"
                        .getBytes(StandardCharsets.UTF_8)), "build/test-results/test/TEST-s.xml", log);

        assertThat(report.getFiles()).containsExactly("build/test-results/test/TEST-s.xml");
        assertThat(report.getFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.file()).isEqualTo("build/test-results/test/TEST-s.xml");
            assertThat(failure.firstLine()).isEqualTo("boom");
            assertThat(failure.details()).isEmpty();
        });
    }

    @Test
    void shouldKeepFailureTextBoundedAndSkipHugeCapturedOutput(@TempDir final Path folder) throws IOException {
        Path file = folder.resolve("TEST-huge.xml");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<testsuite name=\"s\"><testcase name=\"t\" time=\"1\"><failure message=\"");
            out.write("m".repeat(50_000));
            out.write("\" type=\"T\"><![CDATA[");
            for (int i = 0; i < 200_000; i++) {
                out.write("\tat frame" + i + "\n");
            }
            out.write("]]></failure><system-out><![CDATA[");
            for (int i = 0; i < 200_000; i++) {
                out.write("log line " + i + " of a chatty test\n");
            }
            out.write("]]></system-out></testcase></testsuite>");
        }

        JUnitReport report = new JUnitReportParser().parse(file, log);

        JUnitTestCase failure = report.getFailures().get(0);
        assertThat(failure.message()).hasSize(FirstLines.MAX_CHARS);
        assertThat(failure.details()).startsWith("at frame0\n\tat frame1\n").doesNotContain("log line");
        assertThat(failure.details().lines()).hasSize(FirstLines.MAX_LINES);
    }

    @Test
    void shouldReadReportWrittenOnWindowsWithByteOrderMarkAndCrLf() throws IOException {
        String report = Files.readString(fixture("xunit/TestResults.xml"), StandardCharsets.UTF_8);
        byte[] windows = ("\uFEFF" + report.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        JUnitReportParser parser = new JUnitReportParser();

        JUnitReport fromWindows = parser.parse(new ByteArrayInputStream(windows), "TestResults.xml", log);
        JUnitReport fromLinux = parser.parse(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)),
                "TestResults.xml", log);

        assertThat(fromWindows).isEqualTo(fromLinux);
        assertThat(fromWindows.getFailures().get(1).message()).isEqualTo(
                "Assert.Equal() Failure: Values differ\nExpected: 90\nActual:   100");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lotabots.report.junit.StaxImplementations#parsers")
    void shouldReadEveryFixtureAlikeWithEveryStaxImplementation(final JUnitReportParser parser) {
        for (String name : List.of("surefire/TEST-com.example.shop.CartServiceTest.xml",
                "surefire-rerun/TEST-com.example.shop.PaymentGatewayTest.xml", "pytest/junit.xml", "jest/junit.xml",
                "go/report.xml", "phpunit/junit.xml", "xunit/TestResults.xml")) {
            Path file = fixture(name);
            assertThat(parser.parse(file, log)).as(name).isEqualTo(new JUnitReportParser().parse(file, log));
        }
    }

    @Test
    void shouldReadSuitesInsideNestedTestsuitesAsTheJUnitPluginDoes() {
        JUnitReport report = parse("""
                <testsuites name="all">
                  <testsuites name="module-a">
                    <testsuite name="a.FirstTest" tests="2">
                      <testcase classname="a.FirstTest" name="works"/>
                      <testcase classname="a.FirstTest" name="breaks"><failure message="boom"/></testcase>
                    </testsuite>
                  </testsuites>
                  <testsuite name="b.SecondTest" tests="1"><testcase classname="b.SecondTest" name="ok"/></testsuite>
                </testsuites>
                """);

        assertTotals(report, 3, 2, 1, 0, 0);
        assertThat(report.getFailures()).extracting(JUnitTestCase::testName).containsExactly("breaks");
        assertThat(report.getStructureProblems()).isEmpty();
    }

    @Test
    void shouldReportTestsInAStructureItDoesNotKnowInsteadOfDroppingThemSilently() {
        JUnitReport report = parse("""
                <testsuites>
                  <testsuite name="ok.Suite" tests="1"><testcase classname="ok.Suite" name="passes"/></testsuite>
                  <group name="hidden">
                    <testcase classname="hidden.Suite" name="fails"><failure message="boom"/></testcase>
                  </group>
                </testsuites>
                """);

        assertTotals(report, 1, 1, 0, 0, 0);
        assertThat(report.getStructureProblems()).singleElement().asString().contains("inline.xml")
                .contains("line 4").contains("<group>").contains("not counted");
        assertThat(log.getErrorLines()).anySatisfy(line -> assertThat(line).contains("<group>"));
    }

    @Test
    void shouldSkipPropertiesAndOutputWithoutAProblem() {
        JUnitReport report = parse("""
                <testsuite name="p.Suite" tests="1">
                  <properties><property name="java.version" value="17"/></properties>
                  <testcase classname="p.Suite" name="passes"/>
                  <system-out>hello</system-out>
                </testsuite>
                """);

        assertTotals(report, 1, 1, 0, 0, 0);
        assertThat(report.getStructureProblems()).isEmpty();
    }

    private JUnitReport parse(final String xml) {
        return new JUnitReportParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "inline.xml", log);
    }

    private JUnitReport parse(final JUnitReportGenerator generator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeTo(out);
        return new JUnitReportParser().parse(new ByteArrayInputStream(out.toByteArray()), "generated.xml", log);
    }

    private static void assertTotals(final JUnitReport report, final int tests, final int passed, final int failed,
            final int errors, final int skipped) {
        assertThat(report).extracting(JUnitReport::getTests, JUnitReport::getPassed, JUnitReport::getFailed,
                JUnitReport::getErrors, JUnitReport::getSkipped)
                .as("tests, passed, failed, errors, skipped")
                .containsExactly(tests, passed, failed, errors, skipped);
    }

    private static org.assertj.core.groups.Tuple tuple(final Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    static Path fixture(final String name) {
        URL resource = Objects.requireNonNull(JUnitReportParserTest.class.getResource(name), name);
        try {
            return Path.of(resource.toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
