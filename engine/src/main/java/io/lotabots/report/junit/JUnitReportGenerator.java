package io.lotabots.report.junit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes synthetic JUnit reports in Maven Surefire's shape, of any size, for tests and benchmarks of report
 * readers. The output is deterministic: test case {@code i} takes {@code (i % 1000) / 1000} seconds, and the
 * failures are spread evenly, so that the expected totals are known without parsing.
 *
 * <pre>{@code
 * JUnitReportGenerator generator = JUnitReportGenerator.of(1_000_000, 0.01).withOutputLines(1);
 * try (OutputStream out = Files.newOutputStream(file)) {
 *     generator.writeTo(out);
 * }
 * }</pre>
 */
public final class JUnitReportGenerator {
    private static final int DEFAULT_CASES_PER_SUITE = 1_000;
    private static final int MILLIS_CYCLE = 1_000;
    private static final int STACK_FRAMES = 12;
    private static final int BUFFER = 1 << 16;

    private final int testCases;
    private final int failures;
    private final int casesPerSuite;
    private final int outputLines;

    private JUnitReportGenerator(final int testCases, final int failures, final int casesPerSuite,
            final int outputLines) {
        this.testCases = testCases;
        this.failures = failures;
        this.casesPerSuite = casesPerSuite;
        this.outputLines = outputLines;
    }

    /**
     * Creates a generator with 1,000 test cases per suite and no captured output.
     *
     * @param testCases the number of test cases, 0 or more
     * @param failureRate the share of failing test cases, from 0 to 1; the number of failures is rounded
     * @return the generator
     * @throws IllegalArgumentException if a value is out of range
     */
    public static JUnitReportGenerator of(final int testCases, final double failureRate) {
        if (testCases < 0) {
            throw new IllegalArgumentException("testCases must not be negative, was " + testCases);
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1, was " + failureRate);
        }
        return new JUnitReportGenerator(testCases, (int) Math.round(testCases * failureRate),
                DEFAULT_CASES_PER_SUITE, 0);
    }

    /**
     * Returns a generator that puts the given number of test cases in each {@code <testsuite>}.
     *
     * @param count the number of test cases per suite, 1 or more
     * @return the generator
     */
    public JUnitReportGenerator withCasesPerSuite(final int count) {
        if (count < 1) {
            throw new IllegalArgumentException("casesPerSuite must be at least 1, was " + count);
        }
        return new JUnitReportGenerator(testCases, failures, count, outputLines);
    }

    /**
     * Returns a generator that writes a {@code <system-out>} with the given number of lines into each test case,
     * as Surefire does with {@code redirectTestOutputToFile=false}; it makes the report larger per test case.
     *
     * @param lines the number of lines, 0 for none
     * @return the generator
     */
    public JUnitReportGenerator withOutputLines(final int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("outputLines must not be negative, was " + lines);
        }
        return new JUnitReportGenerator(testCases, failures, casesPerSuite, lines);
    }

    /**
     * Returns the number of test cases.
     *
     * @return the count
     */
    public int getTestCases() {
        return testCases;
    }

    /**
     * Returns the number of failing test cases.
     *
     * @return the count
     */
    public int getFailures() {
        return failures;
    }

    /**
     * Returns the number of suites.
     *
     * @return the count
     */
    public int getSuites() {
        return (testCases + casesPerSuite - 1) / casesPerSuite;
    }

    /**
     * Returns the sum of the test case durations.
     *
     * @return the duration in seconds
     */
    public double getDuration() {
        long full = testCases / MILLIS_CYCLE;
        long rest = testCases % MILLIS_CYCLE;
        long millis = full * (MILLIS_CYCLE - 1) * MILLIS_CYCLE / 2 + rest * (rest - 1) / 2;
        return millis / 1000.0;
    }

    /**
     * Writes the report as UTF-8. The stream is flushed, not closed.
     *
     * @param output where to write
     * @throws IOException if writing fails
     */
    public void writeTo(final OutputStream output) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), BUFFER);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"generated\" tests=\"" + testCases + "\" failures=\"" + failures + "\">\n");
        for (int start = 0; start < testCases; start += casesPerSuite) {
            int end = Math.min(testCases, start + casesPerSuite);
            writeSuite(out, start / casesPerSuite, start, end);
        }
        out.write("</testsuites>\n");
        out.flush();
    }

    private void writeSuite(final Writer out, final int suite, final int start, final int end) throws IOException {
        String className = String.format(Locale.ROOT, "io.lotabots.generated.GeneratedTest%05d", suite);
        out.write("  <testsuite name=\"" + className + "\" tests=\"" + (end - start) + "\" failures=\""
                + (failuresBefore(end) - failuresBefore(start)) + "\" errors=\"0\" skipped=\"0\">\n");
        out.write("    <properties>\n      <property name=\"java.version\" value=\"17.0.15\"/>\n    </properties>\n");
        for (int i = start; i < end; i++) {
            writeTestCase(out, className, i);
        }
        out.write("  </testsuite>\n");
    }

    private void writeTestCase(final Writer out, final String className, final int i) throws IOException {
        boolean failing = failuresBefore(i + 1) > failuresBefore(i);
        out.write("    <testcase name=\"shouldHandleCase" + i + "\" classname=\"" + className + "\" time=\""
                + seconds(i) + "\"");
        if (!failing && outputLines == 0) {
            out.write("/>\n");
            return;
        }
        out.write(">\n");
        if (failing) {
            out.write("      <failure message=\"expected: &lt;" + i + "&gt; but was: &lt;" + (i + 1)
                    + "&gt;\" type=\"org.opentest4j.AssertionFailedError\"><![CDATA[org.opentest4j."
                    + "AssertionFailedError: expected: <" + i + "> but was: <" + (i + 1) + ">\n");
            for (int frame = 0; frame < STACK_FRAMES; frame++) {
                out.write("\tat " + className + ".shouldHandleCase" + i + "(GeneratedTest.java:" + (frame + 10)
                        + ")\n");
            }
            out.write("]]></failure>\n");
        }
        if (outputLines > 0) {
            out.write("      <system-out><![CDATA[");
            for (int line = 0; line < outputLines; line++) {
                out.write("INFO case " + i + " line " + line + "\n");
            }
            out.write("]]></system-out>\n");
        }
        out.write("    </testcase>\n");
    }

    /** The number of failing test cases among the first {@code n}: spreads the failures evenly. */
    private long failuresBefore(final int n) {
        return testCases == 0 ? 0 : (long) n * failures / testCases;
    }

    private static String seconds(final int i) {
        int millis = i % MILLIS_CYCLE;
        return "0." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + millis;
    }
}
