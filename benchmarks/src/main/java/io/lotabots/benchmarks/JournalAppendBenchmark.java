package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bus.Journal;
import io.lotabots.message.BusMessage;
import io.lotabots.message.Message;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Measures how many messages per second {@link Journal#append(Message)} writes: one thread, four threads sharing
 * one journal, and the publish-like path that also builds the message from its payload record. Each benchmark
 * appends to a fresh file in a temporary folder, deleted after the trial.
 *
 * <p>The aim (foundation issue): at least 100,000 appended messages per second.</p>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 3)
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
        justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
public class JournalAppendBenchmark {
    private static final String CORRELATION_ID = "job/shop/main#42";

    /** Who writes the journal: {@code PROCESSES} (the default, with the OS file lock) or {@code THIS_PROCESS}. */
    @Param({"PROCESSES", "THIS_PROCESS"})
    public String sharing = "PROCESSES";

    private Path folder;
    private Journal journal;
    private Message message;
    private BusMessage payload;
    private String benchmark = "";

    /**
     * Creates an empty journal in a new temporary folder and builds the message that is appended.
     *
     * @param params the benchmark being run
     * @throws IOException if the folder cannot be created
     */
    @Setup(Level.Trial)
    public void createJournal(final BenchmarkParams params) throws IOException {
        benchmark = params.getBenchmark();
        folder = Files.createTempDirectory("lotabots-append-");
        journal = Journal.at(folder.resolve("messages.jsonl"), Journal.Sharing.valueOf(sharing));
        payload = new JournalData(JournalData.SEED).buildCompleted();
        message = draft().build();
    }

    /**
     * Prints how much was written, closes the journal and deletes its folder.
     *
     * @throws IOException if the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteJournal() throws IOException {
        journal.close();
        Path file = journal.getFile();
        long bytes = Files.size(file);
        long lines;
        try (var stream = Files.lines(file)) {
            lines = stream.count();
        }
        System.out.printf(Locale.ROOT, "%n%s: journal of %,d messages, %,d bytes (%d bytes a message)%n",
                benchmark, lines, bytes, lines == 0 ? 0 : bytes / lines);
        Files.delete(file);
        Files.delete(folder);
    }

    /**
     * Appends one pre-built message from one thread.
     */
    @Benchmark
    public void append() {
        journal.append(message);
    }

    /**
     * Appends one pre-built message from four threads into the same journal.
     */
    @Benchmark
    @Threads(4)
    public void appendFourThreads() {
        journal.append(message);
    }

    /**
     * Builds the message from its payload record (new id and time, payload checked against its type) and appends
     * it, as {@code MessageBus.publish} does.
     *
     * @return the message, so that building it is not optimised away
     */
    @Benchmark
    public Message buildAndAppend() {
        Message built = draft().build();
        journal.append(built);
        return built;
    }

    private Message.Builder draft() {
        return Message.builder(payload)
                .source("BuildBot")
                .correlationId(CORRELATION_ID)
                .extension("stage", "Build");
    }
}
