package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bot.security.secrets.SecretCorpus;
import io.lotabots.bot.security.secrets.SecretRules;
import io.lotabots.bot.security.secrets.SecretScan;
import io.lotabots.bot.security.secrets.SecretScanner;

import java.io.IOException;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Measures {@link SecretScanner} with the full built-in rule set on one thread, over a source tree that
 * {@link SecretCorpus} writes once per trial into a temporary folder (deleted afterwards): about 500 MB of Java,
 * YAML, properties, JSON, shell, Python, TypeScript and Markdown files of 16 KB, with hashes, UUIDs, lockfile
 * hashes and base64 images that are not secrets, and a planted secret or look-alike about every 400 lines. Each
 * full scan is one invocation ({@link Mode#SingleShotTime}); it checks that every planted secret was found. At the
 * end of the trial it prints MB/s (wall and per CPU second of the benchmark thread, from {@link InvocationMeter})
 * and the share of lines the keyword pre-filter rejected.
 *
 * <p>The aim of issue 4: at least 100 MB/s on one core, with the pre-filter doing most of the work.</p>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SecretScanBenchmark {
    /**
     * Scans the whole tree.
     *
     * @param tree the files
     * @return the scan
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public SecretScan scanTree(final Tree tree) {
        SecretScan scan = tree.scanner.scan(tree.folder());
        tree.check(scan);
        return scan;
    }

    /**
     * The generated source tree.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class Tree {
        /** The size of the tree in MB (10^6 bytes). */
        @Param("500")
        public int megabytes;

        /** A planted block about every this many lines. */
        @Param("400")
        public int plantEvery;

        private final InvocationMeter meter = new InvocationMeter();
        private final SecretScanner scanner = SecretScanner.of(SecretRules.builtIn());
        @CheckForNull
        private Path folder;
        private SecretCorpus.Written written;
        private long secrets;
        private long linesMatched;

        /**
         * Writes the tree.
         *
         * @throws IOException if a file cannot be written
         */
        @Setup(Level.Trial)
        public void writeTree() throws IOException {
            Path created = Files.createTempDirectory("lotabots-secrets-");
            folder = created;
            long start = System.nanoTime();
            written = SecretCorpus.ofBuiltInExamples(7).withFileSize(16_384).withPlantEvery(plantEvery)
                    .write(created, megabytes * 1_000_000L);
            secrets = written.plants().stream().filter(SecretCorpus.Plant::secret).count();
            System.out.printf(Locale.ROOT, "%nwrote %d files, %d lines, %d bytes, %d secrets and %d look-alikes in"
                    + " %d ms%n", written.files(), written.lines(), written.bytes(), secrets,
                    written.plants().size() - secrets, (System.nanoTime() - start) / 1_000_000);
        }

        Path folder() {
            return java.util.Objects.requireNonNull(folder, "writeTree was not called");
        }

        void check(final SecretScan scan) {
            if (scan.getFindings().size() < secrets || scan.getFilesScanned() != written.files()) {
                throw new IllegalStateException("Expected " + secrets + " secrets in " + written.files()
                        + " files, got " + scan.getSummary());
            }
            linesMatched = scan.getLinesMatched();
        }

        /**
         * Collects garbage and starts measuring.
         *
         * @param iteration the iteration being run
         */
        @Setup(Level.Invocation)
        public void startInvocation(final IterationParams iteration) {
            meter.start(iteration.getType() == IterationType.WARMUP);
        }

        /**
         * Stops measuring.
         */
        @TearDown(Level.Invocation)
        public void stopInvocation() {
            meter.stop();
        }

        /**
         * Prints the measurements and deletes the tree.
         *
         * @throws IOException if a file cannot be deleted
         */
        @TearDown(Level.Trial)
        public void deleteTree() throws IOException {
            System.out.print(meter.report("SecretScanBenchmark.scanTree", written.bytes()));
            System.out.printf(Locale.ROOT, "keyword pre-filter: %d of %d lines matched against patterns, %.2f %%"
                    + " rejected%n", linesMatched, written.lines(), 100.0 * (written.lines() - linesMatched)
                    / written.lines());
            ScratchFolders.delete(folder());
        }
    }
}
