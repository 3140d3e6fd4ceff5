package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bot.incident.FileIncidentStore;
import io.lotabots.bot.incident.IncidentFixtures;
import io.lotabots.bot.incident.IncidentQuery;
import io.lotabots.bot.incident.IncidentSeverity;
import io.lotabots.bot.incident.IncidentStore;
import io.lotabots.bot.incident.NewIncident;
import io.lotabots.bot.incident.PostgresIncidentStore;
import io.lotabots.bot.incident.TestPostgresDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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

/**
 * Measures {@code lotabots incident list --status open}: {@link IncidentStore#forEach} with
 * {@link IncidentQuery#open()} over a store of 100,000 incidents (one in a hundred open, five events each; see
 * {@link IncidentFixtures}), on the file store and, as its peer, on PostgreSQL (the test server of
 * {@code scripts/services}: {@code POSTGRES_URL}, {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}, in a database
 * made for the run and dropped after it). The fork runs with a 64 MB heap. Also measured: the open incidents of one
 * service, every incident (which reads the whole store), and opening a new incident in the same stores (the
 * store's part of IncidentBot's open, apart from paging).
 *
 * <p>The aim (issue 16): {@code list --status open} over 100,000 incidents in under 1 s, memory independent of the
 * count (that part is proven by {@code IncidentStoreContract}'s test in a 48 MB child JVM).</p>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IncidentStoreBenchmark {
    /** How many incidents a store holds. */
    static final int INCIDENTS = 100_000;
    /** Every how many one is open. */
    static final int OPEN_EVERY = 100;
    /** Events per incident. */
    static final int EVENTS = 5;

    /**
     * A file store of {@link #INCIDENTS} incidents in a temporary folder, with its index of open incidents built.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class Files100k {
        /** How many incidents the store holds. */
        @Param("100000")
        public int incidents;

        private Path folder;
        private IncidentStore store;
        private long opened;

        /**
         * Writes the store and builds its index (the first listing).
         *
         * @throws IOException if the folder cannot be written
         */
        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("lotabots-incidents-");
            long start = System.nanoTime();
            IncidentFixtures.writeFileStore(folder, incidents, OPEN_EVERY, EVENTS);
            store = FileIncidentStore.in(folder);
            long written = System.nanoTime();
            long open = count(store, IncidentQuery.open());
            System.out.printf(Locale.ROOT, "%nWrote %,d incidents (%,d open) in %.1f s; the first listing built the"
                    + " index in %.1f s%n", incidents, open, (written - start) / 1e9, (System.nanoTime() - written) / 1e9);
        }

        /**
         * Deletes the folder.
         *
         * @throws IOException if it cannot be deleted
         */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            ScratchFolders.delete(folder);
        }
    }

    /**
     * A PostgreSQL store of {@link #INCIDENTS} incidents in a database of its own on the test server.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class Postgres100k {
        /** How many incidents the store holds. */
        @Param("100000")
        public int incidents;

        private TestPostgresDatabase database;
        private IncidentStore store;
        private long opened;

        /**
         * Creates the database, the store's tables and the incidents.
         *
         * @throws SQLException if the server refuses
         */
        @Setup(Level.Trial)
        public void fill() throws SQLException {
            database = TestPostgresDatabase.create("lotabots_bench_");
            store = PostgresIncidentStore.connect(database.url(), database.user(), database.password());
            try (Connection connection = database.connect()) {
                IncidentFixtures.fillDatabase(connection, incidents, OPEN_EVERY, EVENTS);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE lotabots_incident");
                }
            }
        }

        /**
         * Drops the database.
         *
         * @throws SQLException if the server refuses
         */
        @TearDown(Level.Trial)
        public void drop() throws SQLException {
            database.close();
        }
    }

    /**
     * Lists the open incidents of the file store.
     *
     * @param state the store
     * @return how many
     */
    @Benchmark
    public long fileListOpen(final Files100k state) {
        return check(count(state.store, IncidentQuery.open()), state.incidents / OPEN_EVERY);
    }

    /**
     * Lists the open incidents of one service of the file store.
     *
     * @param state the store
     * @return how many
     */
    @Benchmark
    public long fileListOpenOfOneService(final Files100k state) {
        return check(count(state.store, IncidentQuery.open().service(IncidentFixtures.EVEN_SERVICE)),
                state.incidents / OPEN_EVERY);
    }

    /**
     * Lists every incident of the file store, which reads every file.
     *
     * @param state the store
     * @return how many
     */
    @Benchmark
    @Measurement(iterations = 3, time = 10)
    @Warmup(iterations = 1, time = 10)
    public long fileListAll(final Files100k state) {
        return check(count(state.store, IncidentQuery.all()), state.incidents);
    }

    /**
     * Lists the open incidents of the PostgreSQL store.
     *
     * @param state the store
     * @return how many
     */
    @Benchmark
    public long postgresListOpen(final Postgres100k state) {
        return check(count(state.store, IncidentQuery.open()), state.incidents / OPEN_EVERY);
    }

    /**
     * Lists every incident of the PostgreSQL store.
     *
     * @param state the store
     * @return how many
     */
    @Benchmark
    @Measurement(iterations = 3, time = 10)
    @Warmup(iterations = 1, time = 10)
    public long postgresListAll(final Postgres100k state) {
        return check(count(state.store, IncidentQuery.all()), state.incidents);
    }

    /**
     * Opens a new incident in the file store of 100,000 (a dedup key of its own each time): the counter, the index
     * and the incident's file are each forced to disk.
     *
     * @param state the store
     * @return the new incident's number
     */
    @Benchmark
    public long fileOpenIncident(final Files100k state) {
        return state.store.open(newAlert(++state.opened)).incident().number();
    }

    /**
     * Opens a new incident in the PostgreSQL store of 100,000 (a dedup key of its own each time), one transaction
     * on a new connection.
     *
     * @param state the store
     * @return the new incident's number
     */
    @Benchmark
    public long postgresOpenIncident(final Postgres100k state) {
        return state.store.open(newAlert(++state.opened)).incident().number();
    }

    private static NewIncident newAlert(final long n) {
        return new NewIncident("High error rate " + n, IncidentSeverity.P2, "shop", "production", "bench/" + n,
                "MonitorBot", Instant.parse("2026-12-07T10:00:00Z"), List.of("cli/bench"));
    }

    private static long count(final IncidentStore store, final IncidentQuery query) {
        long[] count = new long[1];
        store.forEach(query, incident -> count[0]++);
        return count[0];
    }

    private static long check(final long counted, final long expected) {
        if (counted != expected) {
            throw new IllegalStateException("Listed " + counted + " incidents; expected " + expected);
        }
        return counted;
    }
}
