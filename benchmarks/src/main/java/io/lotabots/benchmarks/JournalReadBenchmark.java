package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bus.Journal;
import io.lotabots.bus.JournalScan;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.Message;
import io.lotabots.message.TestCompleted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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

/**
 * Measures how long {@link Journal#scan} takes to read a journal of one million realistic messages (see
 * {@link JournalData}), once keeping only the 10 % that are {@value TestCompleted#TYPE} and once keeping all. Each
 * read is one invocation ({@link Mode#SingleShotTime}). The fork runs with a 64 MB heap ({@code -Xmx64m}): that the
 * benchmark completes shows the read does not need more; the peak use of the heap pools during each read is
 * printed at the end of the trial.
 *
 * <p>The aim (foundation issue): read and filter one million messages in under 2 s with under 64 MB of heap.</p>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
        justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
public class JournalReadBenchmark {
    /** How many messages the journal holds. */
    @Param("1000000")
    public int messages;

    private final HeapPeaks heap = new HeapPeaks();
    private final List<Long> peaks = new ArrayList<>();
    private Path folder;
    private Journal journal;
    private JournalData.Summary written;
    private String benchmark = "";

    /**
     * Writes the journal into a new temporary folder.
     *
     * @param params the benchmark being run
     * @throws IOException if the folder cannot be created
     */
    @Setup(Level.Trial)
    public void writeJournal(final BenchmarkParams params) throws IOException {
        benchmark = params.getBenchmark();
        folder = Files.createTempDirectory("lotabots-read-");
        Path file = folder.resolve("messages.jsonl");
        long start = System.nanoTime();
        written = JournalData.write(file, messages, JournalData.SEED);
        System.out.printf(Locale.ROOT, "%nWrote %,d messages (%,d %s), %,d bytes, in %.1f s%n", written.messages(),
                written.count(TestCompleted.TYPE), TestCompleted.TYPE, written.bytes(),
                (System.nanoTime() - start) / 1e9);
        journal = Journal.at(file);
    }

    /**
     * Collects garbage left by the previous read and forgets the peaks of the heap pools.
     */
    @Setup(Level.Invocation)
    public void resetHeapPeaks() {
        System.gc();
        heap.reset();
    }

    /**
     * Records the peak use of the heap pools during the read.
     */
    @TearDown(Level.Invocation)
    public void recordHeapPeak() {
        peaks.add(heap.read());
    }

    /**
     * Prints the peak heap of each read and deletes the journal.
     *
     * @throws IOException if the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteJournal() throws IOException {
        long max = peaks.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder each = new StringBuilder();
        for (long peak : peaks) {
            each.append(each.length() == 0 ? "" : ", ").append(mb(peak));
        }
        System.out.printf(Locale.ROOT, "%n%s: peak heap use per read (MB, warm-up first): %s; max %s MB"
                + " of -Xmx %s MB%n", benchmark, each, mb(max), mb(HeapPeaks.maxHeap()));
        Files.delete(journal.getFile());
        Files.delete(folder);
    }

    /**
     * Reads the journal and keeps the {@value TestCompleted#TYPE} messages; the payload of every other message is
     * skipped unread.
     *
     * @return what the read found
     */
    @Benchmark
    public JournalScan filterTestCompleted() {
        Counter counter = new Counter();
        JournalScan scan = journal.scan(MessageFilter.ofTypes(TestCompleted.TYPE), counter);
        check(scan, counter, written.count(TestCompleted.TYPE));
        return scan;
    }

    /**
     * Reads the journal and keeps every message, payload included.
     *
     * @return what the read found
     */
    @Benchmark
    public JournalScan readAllNoFilter() {
        Counter counter = new Counter();
        JournalScan scan = journal.scan(MessageFilter.ALL, counter);
        check(scan, counter, written.messages());
        return scan;
    }

    private void check(final JournalScan scan, final Counter counter, final long expected) {
        if (scan.lines() != written.messages() || scan.skipped() != 0 || counter.count != expected
                || scan.matched() != expected) {
            throw new IllegalStateException("Read " + scan + " and counted " + counter.count + " messages; expected "
                    + written.messages() + " lines and " + expected + " kept messages");
        }
    }

    private static String mb(final long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    /**
     * Counts the messages it receives.
     */
    private static final class Counter implements Consumer<Message> {
        private long count;

        @Override
        public void accept(final Message message) {
            count++;
        }
    }
}
