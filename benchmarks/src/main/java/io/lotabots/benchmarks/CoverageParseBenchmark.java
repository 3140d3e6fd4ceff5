package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.report.coverage.CoverageReader;
import io.lotabots.report.coverage.CoverageSummary;
import io.lotabots.report.coverage.JacocoReportGenerator;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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

/**
 * Measures how long {@link CoverageReader#lenient()} takes to read a JaCoCo XML report of 20,000 classes written by
 * {@link JacocoReportGenerator#ofClasses(int)} (50 classes a package, 3 methods a class, 4 lines a method, one
 * source file a class: about 44 MB). The report is written once per trial into a temporary folder and deleted at
 * its end; each read is one invocation ({@link Mode#SingleShotTime}) and is checked against the generator's
 * expected summary. An {@link InvocationMeter} prints MB/s, CPU time and heap at the end of the trial. The fork runs
 * with a fixed, pre-touched heap of 256 MB (see {@link JUnitParseBenchmark} for why fixed).
 *
 * <p>The aim: read the 20,000-class report in under 1 s.</p>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
        justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
public class CoverageParseBenchmark extends MeteredFiles {
    /** How many classes (and source files) the report holds. */
    @Param("20000")
    public int classes;

    private Path file;
    private CoverageSummary expected;

    /**
     * Writes the report into a new temporary folder.
     *
     * @param params the benchmark being run
     * @throws IOException if the file cannot be written
     */
    @Setup(Level.Trial)
    public void writeReport(final BenchmarkParams params) throws IOException {
        file = newFolder(params.getBenchmark(), "lotabots-jacoco-").resolve("jacoco.xml");
        JacocoReportGenerator generator = JacocoReportGenerator.ofClasses(classes);
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            generator.write(out);
        }
        written(file);
        expected = generator.getExpectedSummary();
        System.out.printf(Locale.ROOT, "%nWrote a JaCoCo report of %,d classes in %,d packages, %,d bytes, in %.1f s;"
                + " expected %s%n", classes, generator.getPackageCount(), bytes(), (System.nanoTime() - start) / 1e9,
                expected);
    }


    /**
     * Reads the report, detecting its format.
     *
     * @return the summary
     */
    @Benchmark
    public CoverageSummary readJacoco() {
        CoverageSummary summary = CoverageReader.lenient().read(file, LogSink.NONE);
        if (!summary.equals(expected)) {
            throw new IllegalStateException("Read " + summary + "; expected " + expected);
        }
        return summary;
    }
}
