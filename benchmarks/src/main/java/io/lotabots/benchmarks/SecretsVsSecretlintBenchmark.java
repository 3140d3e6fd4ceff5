package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bot.security.secrets.MonorepoCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * A whole {@code lotabots security --secrets .} run against a whole {@code secretlint "**}{@code /*"} run (preset
 * recommend) on the same held-out monorepo ({@link MonorepoCorpus}), each a fresh process, start-up included (issue
 * 14). Each run is one invocation ({@link Mode#SingleShotTime}, so JMH's score is the wall time); the figure the
 * issue asks for, the CPU seconds (user + system) of the process and all its children, is measured with
 * {@link ChildCpu} and printed per run and as the mean of the measured runs at the end of the trial.
 *
 * <p>Parameters: {@code megabytes} (the tree, 20 and 55 by default), {@code lotabots} (the launcher script, by default
 * {@code ./lotabots} of the checkout JMH runs in) and {@code secretlint} (a folder where {@code npm i secretlint
 * @secretlint/secretlint-rule-preset-recommend} was run, holding {@code .secretlintrc.json}; nothing from npm goes into
 * this repository). Both tools' output goes to files in the temporary folder; LotaBots' journal and SARIF are deleted
 * after each run so that secretlint does not read them.</p>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SecretsVsSecretlintBenchmark {
    /**
     * Runs LotaBots' SecurityBot on the tree.
     *
     * @param tree the tree
     * @return the run
     * @throws Exception if the process cannot be run
     */
    @Benchmark
    public ChildCpu.Run lotabots(final Tree tree) throws Exception {
        return tree.measure("lotabots", List.of(tree.launcher().toString(), "security", "--secrets", ".",
                "--journal=" + tree.scratch().resolve("journal.jsonl")));
    }

    /**
     * Runs secretlint on the tree.
     *
     * @param tree the tree
     * @return the run
     * @throws Exception if the process cannot be run
     */
    @Benchmark
    public ChildCpu.Run secretlint(final Tree tree) throws Exception {
        Path home = Path.of(tree.secretlint).toAbsolutePath();
        return tree.measure("secretlint", List.of(home.resolve("node_modules/.bin/secretlint").toString(),
                "--secretlintrc", home.resolve(".secretlintrc.json").toString(), "**/*"));
    }

    /**
     * The generated tree and the measured runs.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class Tree {
        /** The size of the tree in MiB. */
        @Param({"20", "55"})
        public int megabytes;

        /** The {@code lotabots} launcher script. */
        @Param("lotabots")
        public String lotabots;

        /** The folder of the secretlint installation. */
        @Param("/work/tools/secretlint")
        public String secretlint;

        @CheckForNull
        private Path scratch;
        private final List<String> measured = new ArrayList<>();
        private final List<ChildCpu.Run> runs = new ArrayList<>();
        private boolean warmup;

        /**
         * Writes the tree.
         */
        @Setup(Level.Trial)
        public void writeTree() throws IOException {
            scratch = Files.createTempDirectory("lotabots-vs-secretlint-");
            MonorepoCorpus.Written written = MonorepoCorpus.write(tree(), MonorepoCorpus.SEED,
                    megabytes * 1024L * 1024);
            System.out.printf(Locale.ROOT, "%nwrote %d files, %d bytes, %d planted secrets%n", written.files(),
                    written.bytes(), written.secrets().size());
        }

        /**
         * Notes whether the coming run is a warm-up.
         *
         * @param iteration the iteration being run
         */
        @Setup(Level.Invocation)
        public void startInvocation(final IterationParams iteration) {
            warmup = iteration.getType() == IterationType.WARMUP;
        }

        Path scratch() {
            return java.util.Objects.requireNonNull(scratch, "writeTree was not called");
        }

        Path tree() {
            return scratch().resolve("tree");
        }

        Path launcher() {
            return Path.of(lotabots).toAbsolutePath();
        }

        ChildCpu.Run measure(final String tool, final List<String> command) throws Exception {
            Files.createDirectories(tree());
            ChildCpu.Run run = ChildCpu.run(tree(), scratch().resolve(tool + ".out"), command);
            ScratchFolders.delete(tree().resolve(".lotabots"));
            if (run.exitCode() > 1) {
                throw new IllegalStateException(tool + " failed with exit code " + run.exitCode() + "; see "
                        + scratch().resolve(tool + ".out"));
            }
            System.out.printf(Locale.ROOT, "%n%s %d MiB%s: %s%n", tool, megabytes, warmup ? " (warm-up)" : "",
                    ChildCpu.format(run));
            if (!warmup) {
                measured.add(tool);
                runs.add(run);
            }
            return run;
        }

        /**
         * Prints the mean CPU time of the measured runs and deletes the tree.
         */
        @TearDown(Level.Trial)
        public void report() throws IOException {
            for (String tool : List.of("lotabots", "secretlint")) {
                double cpu = 0;
                double wall = 0;
                int count = 0;
                for (int i = 0; i < runs.size(); i++) {
                    if (measured.get(i).equals(tool)) {
                        cpu += runs.get(i).cpuSeconds();
                        wall += runs.get(i).wallSeconds();
                        count++;
                    }
                }
                if (count > 0) {
                    System.out.printf(Locale.ROOT, "%s %d MiB: mean CPU %.2f s, mean wall %.2f s over %d runs%n", tool,
                            megabytes, cpu / count, wall / count, count);
                }
            }
            ScratchFolders.delete(scratch());
        }
    }
}
