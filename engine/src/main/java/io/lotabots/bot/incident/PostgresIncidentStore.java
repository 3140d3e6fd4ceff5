package io.lotabots.bot.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The store for teams with several Jenkins controllers or machines: incidents in a PostgreSQL database, over JDBC.
 * {@link #connect} creates or migrates the schema with Flyway, from the migrations in
 * {@code io/lotabots/bot/incident/db} and with a schema history table of its own ({@value #HISTORY_TABLE}), so that
 * the tables can live in a database that has its own Flyway history. One row per incident holds the fields the
 * store looks up and the incident as JSON, as the file store writes it.
 *
 * <ul>
 *   <li>Numbers come from a sequence: never reused; a transaction that fails after taking one leaves a gap.</li>
 *   <li>Opening is one transaction that holds a transaction-scoped advisory lock on the dedup key, so that two
 *       processes opening the same alert at once make one incident and one repeat; a partial unique index allows
 *       one open incident per dedup key whatever happens.</li>
 *   <li>A change is one transaction with the incident's row locked ({@code SELECT ... FOR UPDATE}); the change may
 *       be applied again if the database breaks a deadlock, so it must depend on the incident only.</li>
 *   <li>{@link #forEach} reads through a cursor, {@value #FETCH_SIZE} rows at a time.</li>
 * </ul>
 *
 * <p>Each operation takes a connection of its own and closes it. The password is used for the login only: errors
 * and {@link #location()} name the URL and the user, never the password.</p>
 */
public final class PostgresIncidentStore implements IncidentStore {
    /** The table of the schema history of the store's migrations. */
    public static final String HISTORY_TABLE = "lotabots_incident_schema_history";
    /** Where the migrations are, for Flyway. */
    static final String MIGRATIONS = "classpath:io/lotabots/bot/incident/db";
    /** The first key of the store's advisory locks ("LotB"), apart from any lock of other users of the database. */
    private static final int LOCK_SPACE = 0x4c6f7442;
    private static final int FETCH_SIZE = 200;
    private static final int ATTEMPTS = 3;
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&]password=");
    private static final String COLUMNS = "number, status, severity, service, environment, dedup_key, opened_at,"
            + " updated_at, document";

    private final PGSimpleDataSource source;
    private final String url;
    @CheckForNull
    private final String user;
    @CheckForNull
    private final String password;

    private PostgresIncidentStore(final PGSimpleDataSource source, final String url, @CheckForNull final String user,
            @CheckForNull final String password) {
        this.source = source;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Connects to the database and creates or migrates the store's tables.
     *
     * @param url the JDBC URL, {@code jdbc:postgresql://HOST:PORT/DATABASE}; it may name the user, never the password
     * @param user the user to log in as, or {@code null} to take the URL's
     * @param password the password, or {@code null} for none
     * @return the store
     * @throws LotaBotsException with {@link IncidentErrorCode#INVALID_INPUT} for a URL that is not PostgreSQL's or
     *         holds a password, {@link IncidentErrorCode#STORE_UNREACHABLE} if the database cannot be reached or
     *         refuses the login, {@link IncidentErrorCode#STORE_FAILURE} if the migration fails
     */
    public static PostgresIncidentStore connect(final String url, @CheckForNull final String user,
            @CheckForNull final String password) {
        if (PASSWORD_PARAMETER.matcher(url).find()) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The incident database URL '"
                    + withoutPassword(url) + "' holds a password; URLs end up in logs. Remove it from the URL and"
                    + " give it as the secret " + IncidentStores.PASSWORD_VARIABLE + ".");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "'" + withoutPassword(url) + "' is not a"
                    + " PostgreSQL JDBC URL; give jdbc:postgresql://HOST:PORT/DATABASE.");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setURL(url);
        }
        catch (IllegalArgumentException e) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The incident database URL '"
                    + withoutPassword(url) + "' cannot be read; give jdbc:postgresql://HOST:PORT/DATABASE.", e);
        }
        if (user != null && !user.isBlank()) {
            source.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            source.setPassword(password);
        }
        source.setApplicationName("LotaBots incident store");
        source.setConnectTimeout(10);
        source.setLoginTimeout(10);
        PostgresIncidentStore store = new PostgresIncidentStore(source, withoutPassword(url), source.getUser(),
                password);
        store.migrate();
        return store;
    }

    @Override
    public String location() {
        return "the incident database " + url + (user == null ? "" : " (user " + user + ")");
    }

    private void migrate() {
        try {
            Flyway.configure(PostgresIncidentStore.class.getClassLoader()).dataSource(source)
                    .locations(MIGRATIONS).table(HISTORY_TABLE)
                    // a database with tables of its own gets the store's tables beside them
                    .baselineOnMigrate(true).baselineVersion("0")
                    .failOnMissingLocations(true).loggers("slf4j")
                    .load().migrate();
        }
        catch (FlywayException e) {
            SQLException cause = sqlCause(e);
            if (cause != null && isUnreachable(cause)) {
                throw failure("Cannot connect to " + location(), cause);
            }
            throw LotaBotsException.of(IncidentErrorCode.STORE_FAILURE, "Cannot create or migrate the incident"
                    + " tables in " + location() + ": " + masked(firstLine(e.getMessage())) + ". The user needs"
                    + " the right to create tables in the database's schema; the schema history is in the table "
                    + HISTORY_TABLE + ".", e);
        }
    }

    @Override
    public Opened open(final NewIncident request) {
        return transaction("open an incident for " + request.dedupKey(), connection -> {
            lockKey(connection, request.dedupKey());
            Optional<Incident> open = select(connection, "SELECT document::text FROM lotabots_incident"
                    + " WHERE dedup_key = ? AND status <> 'RESOLVED' FOR UPDATE", request.dedupKey());
            if (open.isPresent()) {
                Incident incident = open.get();
                List<String> links = new ArrayList<>(incident.links());
                request.links().stream().filter(link -> !links.contains(link)).forEach(links::add);
                Incident repeated = new Incident(incident.id(), incident.title(), incident.severity(),
                        incident.status(), incident.service(), incident.environment(), incident.dedupKey(),
                        incident.commander(), incident.openedAt(), incident.updatedAt(), links, incident.events())
                        .with(new IncidentEvent(request.time(), "repeated", request.actor(), request.title()));
                write(connection, repeated);
                return new Opened(repeated, false);
            }
            long number;
            try (PreparedStatement next = connection.prepareStatement("SELECT nextval('lotabots_incident_number')");
                    ResultSet result = next.executeQuery()) {
                result.next();
                number = result.getLong(1);
            }
            Incident created = new Incident(IncidentIds.idOf(number), request.title(), request.severity(),
                    IncidentStatus.TRIGGERED, request.service(), request.environment(), request.dedupKey(), null,
                    request.time(), request.time(), request.links(),
                    List.of(new IncidentEvent(request.time(), "opened", request.actor(), request.title())));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lotabots_incident (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                bind(insert, created);
                insert.executeUpdate();
            }
            return new Opened(created, true);
        });
    }

    @Override
    public Optional<Incident> find(final String id) {
        long number = IncidentIds.numberOf(id);
        return transaction("read " + id, connection -> select(connection,
                "SELECT document::text FROM lotabots_incident WHERE number = ?", number));
    }

    @Override
    public Incident update(final String id, final UnaryOperator<Incident> change) {
        long number = IncidentIds.numberOf(id);
        return transaction("change " + id, connection -> {
            Optional<String> key = Optional.empty();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT dedup_key FROM lotabots_incident WHERE number = ?")) {
                statement.setLong(1, number);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        key = Optional.of(result.getString(1));
                    }
                }
            }
            if (key.isPresent()) {
                // the same order as open: the key's lock, then the row's
                lockKey(connection, key.get());
            }
            Incident current = select(connection, "SELECT document::text FROM lotabots_incident WHERE number = ?"
                    + " FOR UPDATE", number).orElseThrow(() -> LotaBotsException.of(IncidentErrorCode.NOT_FOUND,
                            "There is no incident " + id + " in " + location() + "; 'lotabots incident list' shows"
                                    + " the incidents there."));
            Incident changed = change.apply(current);
            if (!changed.id().equals(id)) {
                throw new IllegalArgumentException("A change may not alter the id " + id);
            }
            if (changed.status().isOpen() && !changed.dedupKey().equals(current.dedupKey())) {
                lockKey(connection, changed.dedupKey());
            }
            if (changed.status().isOpen()) {
                Optional<Incident> other = select(connection, "SELECT document::text FROM lotabots_incident"
                        + " WHERE dedup_key = ? AND status <> 'RESOLVED' AND number <> ?", changed.dedupKey(),
                        number);
                if (other.isPresent()) {
                    throw FileIncidentStore.secondOpen(changed, other.get().id());
                }
            }
            write(connection, changed);
            return changed;
        });
    }

    @Override
    public List<Incident> list() {
        return list(IncidentQuery.all());
    }

    @Override
    public void forEach(final IncidentQuery query, final Consumer<? super Incident> action) {
        StringBuilder sql = new StringBuilder("SELECT number, document::text FROM lotabots_incident WHERE true");
        if (query.onlyOpen()) {
            sql.append(" AND status <> 'RESOLVED'");
        }
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status = ANY (?)");
        }
        if (query.service() != null) {
            sql.append(" AND service = ?");
        }
        if (query.environment() != null) {
            sql.append(" AND environment = ?");
        }
        sql.append(" ORDER BY number").append(query.descending() ? " DESC" : "");
        if (query.limit() > 0) {
            sql.append(" LIMIT ").append(query.limit());
        }
        transaction("list the incidents", connection -> {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int parameter = 1;
                if (!query.statuses().isEmpty()) {
                    Array statuses = connection.createArrayOf("text", query.statuses().stream().map(Enum::name)
                            .toArray());
                    statement.setArray(parameter++, statuses);
                }
                if (query.service() != null) {
                    statement.setString(parameter++, query.service());
                }
                if (query.environment() != null) {
                    statement.setString(parameter, query.environment());
                }
                // a cursor: with auto-commit off and a fetch size, the driver holds this many rows at a time
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        action.accept(parse(result.getLong(1), result.getString(2)));
                    }
                }
            }
            return null;
        });
    }

    private static void lockKey(final Connection connection, final String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, LOCK_SPACE);
            lock.setString(2, key);
            lock.executeQuery().close();
        }
    }

    private Optional<Incident> select(final Connection connection, final String sql, final Object... values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                String document = result.getString(1);
                return Optional.of(parse(values[0] instanceof Long number ? number : 0, document));
            }
        }
    }

    private Incident parse(final long number, final String document) {
        try {
            Incident incident = IncidentJson.MAPPER.readValue(document, Incident.class);
            if (incident == null) {
                throw new IllegalArgumentException("the document is null");
            }
            return incident;
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident "
                    + (number > 0 ? IncidentIds.idOf(number) + " " : "") + "in " + location() + " cannot be read: "
                    + firstLine(e.getMessage()) + ". Fix its row in the table lotabots_incident (column document);"
                    + " the other incidents are not affected.", e);
        }
    }

    private static void write(final Connection connection, final Incident incident) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE lotabots_incident SET (" + COLUMNS
                + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) WHERE number = ?")) {
            bind(update, incident);
            update.setLong(10, incident.number());
            update.executeUpdate();
        }
    }

    private static void bind(final PreparedStatement statement, final Incident incident) throws SQLException {
        statement.setLong(1, incident.number());
        statement.setString(2, incident.status().name());
        statement.setString(3, incident.severity().name());
        statement.setString(4, incident.service());
        statement.setString(5, incident.environment());
        statement.setString(6, incident.dedupKey());
        statement.setObject(7, utc(incident.openedAt()));
        statement.setObject(8, utc(incident.updatedAt()));
        try {
            statement.setString(9, IncidentJson.MAPPER.writeValueAsString(incident));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("An incident cannot be written as JSON: " + incident.id(), e);
        }
    }

    private static OffsetDateTime utc(final Instant time) {
        return time.atOffset(ZoneOffset.UTC);
    }

    private <T> T transaction(final String what, final Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = connect()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                }
                catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            catch (SQLException e) {
                // a deadlock broken by the database, or a serialization failure: run the work again
                boolean again = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (again && attempt < ATTEMPTS) {
                    continue;
                }
                if ("23505".equals(e.getSQLState())) {
                    throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "Cannot " + what + " in "
                            + location() + ": another open incident has the same dedup key (" + masked(firstLine(
                                    e.getMessage())) + "). Resolve that one first.", e);
                }
                throw failure("Cannot " + what + " in " + location(), e);
            }
        }
    }

    private Connection connect() throws SQLException {
        return source.getConnection();
    }

    private LotaBotsException failure(final String what, final SQLException e) {
        if (isUnreachable(e)) {
            return LotaBotsException.of(IncidentErrorCode.STORE_UNREACHABLE, what + ": " + masked(firstLine(
                    e.getMessage())) + ". Check the URL, that the database runs and accepts connections from"
                    + " this machine, and the user and password (" + IncidentStores.USER_VARIABLE + ", "
                    + IncidentStores.PASSWORD_VARIABLE + ").", e);
        }
        return LotaBotsException.of(IncidentErrorCode.STORE_FAILURE, what + ": " + masked(firstLine(e.getMessage()))
                + " (SQL state " + e.getSQLState() + ").", e);
    }

    private static boolean isUnreachable(final SQLException e) {
        String state = String.valueOf(e.getSQLState());
        // connection exceptions, login refused, no such database
        return state.startsWith("08") || state.startsWith("28") || "3D000".equals(state);
    }

    @CheckForNull
    private static SQLException sqlCause(final Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private String masked(final String text) {
        return password == null || password.isEmpty() ? text : text.replace(password, "****");
    }

    private static String firstLine(@CheckForNull final String text) {
        return String.valueOf(text).lines().findFirst().orElse("").strip();
    }

    static String withoutPassword(final String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1****").replaceAll("//[^/@?]*@", "//****@");
    }

    /**
     * Work inside one transaction.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
