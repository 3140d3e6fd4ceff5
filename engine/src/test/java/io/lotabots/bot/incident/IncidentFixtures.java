package io.lotabots.bot.incident;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills an incident store quickly with many incidents, for the tests of memory and the benchmarks: documents as the
 * stores write them, without going through {@link IncidentStore#open} (which forces every file to disk). Incident
 * {@code n} is open (triggered) when {@code n} is a multiple of {@code openEvery} and resolved otherwise; its
 * service is {@value #EVEN_SERVICE} for even {@code n} and {@value #ODD_SERVICE} for odd, its environment
 * {@value #ENVIRONMENT}, its dedup key {@code alert-n}; each has {@code events} events of about 200 characters.
 */
public final class IncidentFixtures {
    /** The service of even numbers. */
    public static final String EVEN_SERVICE = "shop";
    /** The service of odd numbers. */
    public static final String ODD_SERVICE = "search";
    /** The environment of every incident. */
    public static final String ENVIRONMENT = "production";
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private IncidentFixtures() {
    }

    /**
     * Writes incidents into an empty file store's folder, and the counter; the store builds its index of open
     * incidents when it is first used.
     *
     * @param folder the folder
     * @param count how many incidents
     * @param openEvery every how many one is open
     * @param events how many events each has
     * @throws IOException if a file cannot be written
     */
    public static void writeFileStore(final Path folder, final int count, final int openEvery, final int events)
            throws IOException {
        Files.createDirectories(folder);
        String template = template(events);
        for (int n = 1; n <= count; n++) {
            boolean open = n % openEvery == 0;
            Files.writeString(folder.resolve(Incident.ID_PREFIX + n + ".json"), document(template, n, open),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(folder.resolve("counter"), count + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * Inserts incidents into an empty PostgreSQL store's table and moves its sequence past them.
     *
     * @param connection a connection to the store's database, after {@link PostgresIncidentStore#connect}
     * @param count how many incidents
     * @param openEvery every how many one is open
     * @param events how many events each has
     * @throws SQLException if the database refuses
     */
    public static void fillDatabase(final Connection connection, final int count, final int openEvery,
            final int events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lotabots_incident (number, status,"
                + " severity, service, environment, dedup_key, opened_at, updated_at, document)"
                + " SELECT n, s.status, 'P2', s.service, ?, 'alert-' || n, ?, ?,"
                + " replace(replace(replace(replace(?, '\"INC-0\"', '\"INC-' || n || '\"'), '__KEY__', 'alert-' || n),"
                + " '\"TRIGGERED\"', '\"' || s.status || '\"'), '__SERVICE__', s.service)::jsonb"
                + " FROM generate_series(1, ?) AS n, LATERAL (SELECT CASE WHEN n % ? = 0 THEN 'TRIGGERED'"
                + " ELSE 'RESOLVED' END AS status, CASE WHEN n % 2 = 0 THEN '" + EVEN_SERVICE + "' ELSE '"
                + ODD_SERVICE + "' END AS service) AS s");
                PreparedStatement sequence = connection.prepareStatement(
                        "SELECT setval('lotabots_incident_number', ?)")) {
            insert.setString(1, ENVIRONMENT);
            insert.setTimestamp(2, Timestamp.from(T0));
            insert.setTimestamp(3, Timestamp.from(T0));
            insert.setString(4, template(events));
            insert.setInt(5, count);
            insert.setInt(6, openEvery);
            insert.executeUpdate();
            sequence.setLong(1, count);
            sequence.executeQuery().close();
        }
    }

    /**
     * Returns how many of the first {@code count} incidents are open.
     *
     * @param count how many incidents
     * @param openEvery every how many one is open
     * @return the number of open ones
     */
    public static int openOf(final int count, final int openEvery) {
        return count / openEvery;
    }

    private static String document(final String template, final int n, final boolean open) {
        return template.replace("\"INC-0\"", "\"INC-" + n + "\"").replace("__KEY__", "alert-" + n)
                .replace("\"TRIGGERED\"", open ? "\"TRIGGERED\"" : "\"RESOLVED\"")
                .replace("__SERVICE__", n % 2 == 0 ? EVEN_SERVICE : ODD_SERVICE);
    }

    private static String template(final int events) {
        List<IncidentEvent> timeline = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            timeline.add(new IncidentEvent(T0.plusSeconds(e), "note", "alice", ("the error rate of the checkout is"
                    + " still above five percent on every pod of the canary; rolling back to the release before"
                    + " and watching the latency of the payment calls, step " + e + " ").repeat(1)));
        }
        Incident incident = new Incident("INC-0", "High error rate", IncidentSeverity.P2, IncidentStatus.TRIGGERED,
                "__SERVICE__", ENVIRONMENT, "__KEY__", null, T0, T0, List.of("cli/run"), timeline);
        try {
            return IncidentJson.MAPPER.writeValueAsString(incident);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
