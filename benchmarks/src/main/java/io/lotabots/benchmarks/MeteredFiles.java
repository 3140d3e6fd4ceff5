package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The state every report-reading benchmark shares: a temporary folder with the files the trial wrote, their total
 * size, and an {@link InvocationMeter} around each invocation. After the trial the measurements are printed and the
 * files and folder deleted. Subclasses write their files in their own {@code @Setup(Level.Trial)} method, calling
 * {@link #newFolder} first and {@link #written} for each file.
 */
public abstract class MeteredFiles {
    private final InvocationMeter meter = new InvocationMeter();
    private final List<Path> files = new ArrayList<>();
    @CheckForNull
    private Path folder;
    private String benchmark = "";
    private long bytes;

    /**
     * Creates the temporary folder of the trial.
     *
     * @param name what the printed measurements are called
     * @param prefix the prefix of the folder's name
     * @return the folder
     * @throws IOException if it cannot be created
     */
    protected final Path newFolder(final String name, final String prefix) throws IOException {
        benchmark = name;
        Path created = Files.createTempDirectory(prefix);
        folder = created;
        return created;
    }

    /**
     * Records a file the trial wrote, so that its size counts and it is deleted afterwards.
     *
     * @param file the file
     * @throws IOException if its size cannot be read
     */
    protected final void written(final Path file) throws IOException {
        files.add(file);
        bytes += Files.size(file);
    }

    /**
     * Returns the total size of the files written.
     *
     * @return bytes
     */
    protected final long bytes() {
        return bytes;
    }

    /**
     * Returns the folder of the trial.
     *
     * @return the folder
     */
    protected final Path folder() {
        return Objects.requireNonNull(folder, "newFolder was not called");
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
     * Prints the measurements and deletes the files and their folder.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        System.out.print(meter.report(benchmark, bytes));
        for (Path file : files) {
            Files.delete(file);
        }
        Files.delete(folder());
    }
}
