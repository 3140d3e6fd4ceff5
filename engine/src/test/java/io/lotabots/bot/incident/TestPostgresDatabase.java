package io.lotabots.bot.incident;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own on the test PostgreSQL that {@code scripts/services} starts ({@code POSTGRES_URL},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}): created by {@link #create(String)}, dropped by {@link #close()}.
 * The PostgreSQL tests of the incident store, the plugin's and the benchmarks (through the engine's {@code tests} jar)
 * share it.
 */
public final class TestPostgresDatabase implements AutoCloseable {
    /** What is wrong and what to do when the test PostgreSQL's variables are missing. */
    public static final String NOT_SET = "POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD are not set: these tests"
            + " need the test PostgreSQL. Run scripts/test-all, or start it with scripts/services and export the three"
            + " lines it prints (eval \"$(scripts/services | sed 's/^/export /')\").";

    private final String server;
    private final String user;
    private final String password;
    private final String name;

    private TestPostgresDatabase(final String server, final String user, final String password, final String name) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /**
     * Creates a database with a name of its own on the test server.
     *
     * @param prefix the start of its name, for example {@code lotabots_incident_}
     * @return the database
     * @throws IllegalStateException if the server's variables are not set ({@link #NOT_SET})
     * @throws SQLException if the server refuses
     */
    public static TestPostgresDatabase create(final String prefix) throws SQLException {
        String server = System.getenv("POSTGRES_URL");
        String user = System.getenv("POSTGRES_USER");
        String password = System.getenv("POSTGRES_PASSWORD");
        if (server == null || server.isBlank() || user == null || password == null) {
            throw new IllegalStateException(NOT_SET);
        }
        TestPostgresDatabase database = new TestPostgresDatabase(server, user, password, prefix
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
        database.onServer("CREATE DATABASE " + database.name);
        return database;
    }

    /**
     * Returns the JDBC URL of the database.
     *
     * @return the URL: the server's with the database's name
     */
    public String url() {
        return server.substring(0, server.lastIndexOf('/') + 1) + name;
    }

    /**
     * Returns the user of the test server.
     *
     * @return the user
     */
    public String user() {
        return user;
    }

    /**
     * Returns the password of the test server.
     *
     * @return the password
     */
    public String password() {
        return password;
    }

    /**
     * Opens a connection to the database.
     *
     * @return the connection
     * @throws SQLException if the server refuses
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /**
     * Drops the database: plainly first, since that waits for autovacuum, which {@code FORCE} may not stop without
     * more rights; with {@code FORCE} when a connection is still open.
     *
     * @throws SQLException if the server refuses both
     */
    @Override
    public void close() throws SQLException {
        try {
            onServer("DROP DATABASE IF EXISTS " + name);
        }
        catch (SQLException e) {
            onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private void onServer(final String sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
