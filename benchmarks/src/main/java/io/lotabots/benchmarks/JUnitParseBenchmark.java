package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.report.junit.JUnitReport;
import io.lotabots.report.junit.JUnitReportGenerator;
import io.lotabots.report.junit.JUnitReportParser;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Measures {@link JUnitReportParser} on JUnit reports written by {@link JUnitReportGenerator}, against a DOM
 * baseline that reads the same files into a {@link Document} and counts the {@code testcase}, {@code failure},
 * {@code error} and {@code skipped} elements. Each full read is one invocation ({@link Mode#SingleShotTime}); every
 * invocation checks its totals against what was written.
 *
 * <ul>
 *   <li>{@link ReportSet}: 1,000 files of 100 test cases (100,000 in all), 1 % failing; with
 *       {@code outputLines = 14} every test case has 14 lines of {@code <system-out>} (about 46 MB in all), with
 *       {@code 0} none (about 12 MB: the cost per test case rather than per byte). Read file by file with
 *       {@code new JUnitReportParser().parse(path, LogSink.NONE)} and added up with {@link JUnitReport#aggregate}.
 *       Forks with a fixed 1 GB heap.</li>
 *   <li>{@link BigReport}: one report of 2,000,000 test cases with 14 lines of output each, about 1 GB, in suites of
 *       1,000. The streaming read forks with a fixed heap of 64 MB: that it completes shows that the heap does not
 *       grow with the file, and stays under 64 MB baseline included. The DOM read forks with {@code -Xmx16g}.</li>
 * </ul>
 *
 * <p>Every fork but the DOM one has a fixed, pre-touched heap ({@code -Xms} = {@code -Xmx},
 * {@code -XX:+AlwaysPreTouch}). Without it, the {@code System.gc()} before each invocation lets G1 shrink the heap,
 * and the next read pays the page faults of growing it again: on this VM that doubled the time of every other
 * invocation of the report set (145 against 350 ms). The DOM fork fixes its 16 GB heap too but does not pre-touch
 * it.</p>
 *
 * <p>The files are written once per trial into a new temporary folder and deleted at its end. Each invocation is
 * measured by an {@link InvocationMeter} too, which prints MB/s, CPU time and heap (peak of the pools and largest
 * use after a collection, both above the heap in use before the read) at the end of the trial.</p>
 *
 * <p>The aims: at least 150 MB/s per core (the parser is single-threaded), and, for the 1 GB report, under 64 MB
 * of heap above the baseline.</p>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JUnitParseBenchmark {
    /** The share of failing test cases in every generated report. */
    static final double FAILURE_RATE = 0.01;

    /** The lines of {@code <system-out>} of every test case of the 1 GB report. */
    static final int BIG_OUTPUT_LINES = 14;

    /**
     * Reads the set of reports with the streaming parser, file by file, and adds up the results.
     *
     * @param set the reports
     * @return the totals
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public JUnitReport setStreaming(final ReportSet set) {
        List<JUnitReport> reports = new ArrayList<>(set.files.size());
        for (Path file : set.files) {
            reports.add(new JUnitReportParser().parse(file, LogSink.NONE));
        }
        JUnitReport total = JUnitReport.aggregate(reports);
        set.check(total);
        return total;
    }

    /**
     * Reads the set of reports into DOM documents, one by one, and counts their elements.
     *
     * @param set the reports
     * @return the counts
     * @throws Exception if a file cannot be parsed
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public ElementCounts setDom(final ReportSet set) throws Exception {
        DocumentBuilder builder = DomBaseline.newBuilder();
        ElementCounts total = new ElementCounts();
        for (Path file : set.files) {
            DomBaseline.count(builder.parse(file.toFile()), total);
            builder.reset();
        }
        set.check(total);
        return total;
    }

    /**
     * Reads the 1 GB report with the streaming parser in a 64 MB heap.
     *
     * @param big the report
     * @return the totals
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch"})
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public JUnitReport bigStreaming(final BigReport big) {
        JUnitReport report = new JUnitReportParser().parse(big.file, LogSink.NONE);
        big.check(report);
        return report;
    }

    /**
     * Reads the 1 GB report into one DOM document in a 16 GB heap.
     *
     * @param big the report
     * @return the counts
     * @throws Exception if the file cannot be parsed
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms16g", "-Xmx16g"})
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public ElementCounts bigDom(final BigReport big) throws Exception {
        ElementCounts counts = new ElementCounts();
        DomBaseline.count(DomBaseline.newBuilder().parse(big.file.toFile()), counts);
        big.check(counts);
        return counts;
    }

    /**
     * The set of 1,000 reports of 100 test cases.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class ReportSet extends MeteredFiles {
        /** The number of files. */
        @Param("1000")
        public int fileCount;

        /** The test cases in each file. */
        @Param("100")
        public int casesPerFile;

        /** The lines of {@code <system-out>} of every test case. */
        @Param({"14", "0"})
        public int outputLines;

        private final List<Path> files = new ArrayList<>();
        private JUnitReportGenerator generator;

        /**
         * Writes the reports into a new temporary folder.
         *
         * @param params the benchmark being run
         * @throws IOException if a file cannot be written
         */
        @Setup(Level.Trial)
        public void writeReports(final BenchmarkParams params) throws IOException {
            Path folder = newFolder(params.getBenchmark() + " outputLines=" + outputLines, "lotabots-junit-set-");
            generator = JUnitReportGenerator.of(casesPerFile, FAILURE_RATE).withCasesPerSuite(casesPerFile)
                    .withOutputLines(outputLines);
            long start = System.nanoTime();
            for (int i = 0; i < fileCount; i++) {
                Path file = folder.resolve(String.format(Locale.ROOT, "TEST-io.lotabots.generated.Module%04d.xml", i));
                try (OutputStream out = Files.newOutputStream(file)) {
                    generator.writeTo(out);
                }
                files.add(file);
                written(file);
            }
            System.out.printf(Locale.ROOT, "%nWrote %,d reports of %,d test cases (%,d failing each), %,d bytes, in "
                    + "%.1f s%n", fileCount, casesPerFile, generator.getFailures(), bytes(),
                    (System.nanoTime() - start) / 1e9);
        }


        void check(final JUnitReport total) {
            long tests = (long) fileCount * casesPerFile;
            long failed = (long) fileCount * generator.getFailures();
            if (total.getTests() != tests || total.getFailed() != failed || total.getErrors() != 0
                    || total.getSkipped() != 0 || total.getFiles().size() != fileCount) {
                throw new IllegalStateException("Read " + total + "; expected " + tests + " tests, " + failed
                        + " failed, from " + fileCount + " reports");
            }
        }

        void check(final ElementCounts total) {
            total.check((long) fileCount * casesPerFile, (long) fileCount * generator.getFailures());
        }
    }

    /**
     * The report of about 1 GB.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class BigReport extends MeteredFiles {
        /** The number of test cases: 2,000,000 with 14 lines of output each is about 1.01 GB (507 bytes each). */
        @Param("2000000")
        public int cases;

        private Path file;
        private JUnitReportGenerator generator;

        /**
         * Writes the report into a new temporary folder.
         *
         * @param params the benchmark being run
         * @throws IOException if the file cannot be written
         */
        @Setup(Level.Trial)
        public void writeReport(final BenchmarkParams params) throws IOException {
            file = newFolder(params.getBenchmark(), "lotabots-junit-big-").resolve("TEST-io.lotabots.generated.Big.xml");
            generator = JUnitReportGenerator.of(cases, FAILURE_RATE).withOutputLines(BIG_OUTPUT_LINES);
            long start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(file)) {
                generator.writeTo(out);
            }
            written(file);
            System.out.printf(Locale.ROOT, "%nWrote one report of %,d test cases (%,d failing) in %,d suites, %,d "
                    + "bytes, in %.1f s; free in its folder afterwards: %,d MB%n", cases, generator.getFailures(),
                    generator.getSuites(), bytes(), (System.nanoTime() - start) / 1e9,
                    Files.getFileStore(folder()).getUsableSpace() / 1_000_000);
        }


        void check(final JUnitReport report) {
            if (report.getTests() != cases || report.getFailed() != generator.getFailures() || report.getErrors() != 0
                    || report.getSkipped() != 0 || report.getSuites().size() != generator.getSuites()
                    || report.getFailures().size() != Math.min(generator.getFailures(), JUnitReport.MAX_KEPT_TEST_CASES)) {
                throw new IllegalStateException("Read " + report + " with " + report.getSuites().size() + " suites; "
                        + "expected " + cases + " tests, " + generator.getFailures() + " failed");
            }
        }

        void check(final ElementCounts counts) {
            counts.check(cases, generator.getFailures());
        }
    }

    /**
     * The counts of the DOM baseline.
     */
    public static final class ElementCounts {
        private long testCases;
        private long failures;
        private long errors;
        private long skipped;

        void check(final long expectedTests, final long expectedFailures) {
            if (testCases != expectedTests || failures != expectedFailures || errors != 0 || skipped != 0) {
                throw new IllegalStateException(String.format(Locale.ROOT, "Counted %d testcase, %d failure, %d error "
                        + "and %d skipped elements; expected %d test cases and %d failures", testCases, failures,
                        errors, skipped, expectedTests, expectedFailures));
            }
        }

        @Override
        public String toString() {
            return testCases + " testcase, " + failures + " failure, " + errors + " error, " + skipped + " skipped";
        }
    }

    /**
     * Reads a report the simple way: a whole DOM document, then a walk over its elements. The factory is set up
     * as the OWASP XXE cheat sheet says: no DOCTYPE at all, no external entities or DTDs, no XInclude.
     */
    static final class DomBaseline {
        private DomBaseline() {
        }

        static DocumentBuilder newBuilder() throws ParserConfigurationException {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder();
        }

        /** Counts the elements of a document, without recursion. */
        static void count(final Document document, final ElementCounts counts) {
            Deque<Node> pending = new ArrayDeque<>();
            pending.push(document.getDocumentElement());
            while (!pending.isEmpty()) {
                Node node = pending.pop();
                switch (node.getNodeName()) {
                    case "testcase" -> counts.testCases++;
                    case "failure" -> counts.failures++;
                    case "error" -> counts.errors++;
                    case "skipped" -> counts.skipped++;
                    default -> {
                        // suites, properties, output
                    }
                }
                for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child.getNodeType() == Node.ELEMENT_NODE) {
                        pending.push(child);
                    }
                }
            }
        }
    }
}
