package io.lotabots.bot.incident;

import io.lotabots.bot.BotContext;
import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL store against the test server that {@code scripts/services} starts ({@code POSTGRES_URL},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}), in a database of this class's own, created before and dropped
 * after; each test starts from an empty schema, so that each also migrates it.
 */
class PostgresIncidentStoreITest extends IncidentStoreContract {
    private static TestPostgresDatabase database;
    private static String user;
    private static String password;
    private static String url;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestPostgresDatabase.create("lotabots_incident_");
        user = database.user();
        password = database.password();
        url = database.url();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptySchema() throws SQLException {
        execute("DROP SCHEMA public CASCADE", "CREATE SCHEMA public");
    }

    private static void execute(final String... sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static List<String> column(final String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    @Override
    IncidentStore store() {
        return PostgresIncidentStore.connect(url, user, password);
    }

    @Override
    IncidentStore sameDataElsewhere() {
        return IncidentStores.open(url, Path.of("unused"), Path.of("unused"), secrets());
    }

    @Override
    String setting() {
        return url;
    }

    @Override
    Map<String, String> secrets() {
        return Map.of(IncidentStores.USER_VARIABLE, user, IncidentStores.PASSWORD_VARIABLE, password);
    }

    @Override
    void fill(final int count, final int openEvery, final int events) throws SQLException {
        try (Connection connection = database.connect()) {
            IncidentFixtures.fillDatabase(connection, count, openEvery, events);
        }
    }

    @Test
    void shouldKeepItsSchemaHistoryApartFromTheDatabasesOwnFlywayHistory() throws SQLException {
        execute("CREATE TABLE orders (id bigint PRIMARY KEY)", "INSERT INTO orders VALUES (42)",
                "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version text)",
                "INSERT INTO flyway_schema_history VALUES (1, '7')");

        PostgresIncidentStore.connect(url, user, password).open(alert("a", T0));
        PostgresIncidentStore.connect(url, user, password).open(alert("b", T0));

        assertThat(column("SELECT version FROM flyway_schema_history")).containsExactly("7");
        assertThat(column("SELECT id FROM orders")).containsExactly("42");
        assertThat(column("SELECT version FROM " + PostgresIncidentStore.HISTORY_TABLE
                + " WHERE success ORDER BY installed_rank")).containsExactly("0", "1");
        assertThat(column("SELECT number FROM lotabots_incident ORDER BY number")).containsExactly("1", "2");
    }

    @Test
    void shouldAllowOneOpenIncidentPerDedupKeyInTheDatabaseItself() {
        store().open(alert("a", T0));

        assertThatThrownBy(() -> execute("INSERT INTO lotabots_incident SELECT 99, 'ACKNOWLEDGED', severity,"
                + " service, environment, dedup_key, opened_at, updated_at, document FROM lotabots_incident"))
                .isInstanceOf(SQLException.class).hasMessageContaining("lotabots_incident_open_dedup_key");
    }

    @Test
    void shouldNeverReuseANumberOfTheSequence() throws SQLException {
        IncidentStore store = store();
        store.open(alert("a", T0));
        execute("DELETE FROM lotabots_incident");

        assertThat(store.open(alert("b", T0)).incident().id()).isEqualTo("INC-2");
    }

    @Test
    void shouldNameTheDatabaseAndUserButNeverThePasswordWhenTheLoginFails() {
        String wrong = "not-the-password-" + UUID.randomUUID();

        assertThatThrownBy(() -> PostgresIncidentStore.connect(url, user, wrong))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREACHABLE))
                .hasMessageContaining(url).hasMessageContaining("(user " + user + ")")
                .hasMessageContaining(IncidentStores.PASSWORD_VARIABLE)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(password));
        String missing = url + "_missing";
        assertThatThrownBy(() -> PostgresIncidentStore.connect(missing, user, password))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREACHABLE))
                .hasMessageContaining(missing).hasMessageContaining("does not exist");
    }

    @Test
    void shouldNameTheIncidentAndTheDatabaseWhenARowCannotBeRead() throws SQLException {
        IncidentStore store = store();
        store.open(alert("a", T0));
        store.open(alert("b", T0));
        execute("UPDATE lotabots_incident SET document = '{\"id\": \"INC-1\"}' WHERE number = 1");

        assertThatThrownBy(() -> store.find("INC-1")).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREADABLE))
                .hasMessageContaining("INC-1").hasMessageContaining(url).hasMessageContaining("lotabots_incident");
        assertThat(store.find("INC-2")).isPresent();
    }

    @Test
    void shouldLetIncidentBotKeepItsIncidentsInTheDatabaseItsStoreOptionNames(@TempDir final Path workspace) {
        IncidentBot bot = new IncidentBot(IncidentResponders.Factory.none());
        BotContext context = BotContext.builder(workspace).environment(secrets()).build();

        bot.run(Map.of("action", "open", "service", "web", "alertName", "Down", "severity", "P1", "store", url),
                context);
        bot.run(Map.of("action", "open", "service", "web", "alertName", "Down", "severity", "P1", "store", url),
                context);

        Incident incident = store().find("INC-1").orElseThrow();
        assertThat(incident.events()).extracting(IncidentEvent::kind).contains("opened", "repeated");
        assertThat(store().list()).hasSize(1);
        assertThat(workspace.resolve(".lotabots/incidents")).doesNotExist();
    }

    @Test
    void shouldTakeTheUserAndPasswordFromTheSecretsOfTheSetting() {
        IncidentStore store = IncidentStores.open(" " + url + " ", Path.of("."), Path.of("."), secrets());

        assertThat(store).isInstanceOf(PostgresIncidentStore.class);
        assertThat(store.location()).isEqualTo("the incident database " + url + " (user " + user + ")");
        assertThatThrownBy(() -> IncidentStores.open(url, Path.of("."), Path.of("."),
                Map.of(IncidentStores.USER_VARIABLE, user)))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREACHABLE));
    }
}
