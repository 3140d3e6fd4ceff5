package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentStoresTest {
    @TempDir
    private Path root;

    private IncidentStore open(final String setting, final Map<String, String> secrets) {
        return IncidentStores.open(setting, root, root.resolve(".lotabots/incidents"), secrets);
    }

    @Test
    void shouldChooseTheFileStoreInTheDefaultFolderWhenTheSettingIsEmpty() {
        for (String empty : new String[] {null, "", "   "}) {
            assertThat(open(empty, Map.of())).as(String.valueOf(empty)).isInstanceOfSatisfying(FileIncidentStore.class,
                    store -> assertThat(store.getFolder()).isEqualTo(root.resolve(".lotabots/incidents")));
        }
    }

    @Test
    void shouldChooseTheFileStoreInAFolderRelativeToTheBaseOrAbsolute() {
        assertThat(open("shared/incidents", Map.of())).isInstanceOfSatisfying(FileIncidentStore.class,
                store -> assertThat(store.getFolder()).isEqualTo(root.resolve("shared/incidents")));
        Path elsewhere = root.resolve("elsewhere").toAbsolutePath();
        IncidentStore store = open(elsewhere.toString(), Map.of());
        assertThat(store.location()).isEqualTo("the incident folder '" + elsewhere + "'");
    }

    @Test
    void shouldRefuseOtherDatabasesAndUrlsSayingWhatItTakes() {
        assertThatThrownBy(() -> open("jdbc:mysql://db/incidents", Map.of()))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.INVALID_INPUT))
                .hasMessageContaining("'jdbc:mysql://db/incidents' is a database LotaBots does not keep incidents in")
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> open("postgresql://db/incidents", Map.of()))
                .hasMessageContaining("looks like a URL");
    }

    @Test
    void shouldRefuseAPasswordInTheUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> open("jdbc:postgresql://db:5432/incidents?user=ops&password=s3cr3t-Pw&ssl=true",
                Map.of())).isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.INVALID_INPUT))
                .hasMessageContaining("jdbc:postgresql://db:5432/incidents?user=ops&password=****&ssl=true")
                .hasMessageContaining(IncidentStores.PASSWORD_VARIABLE)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-Pw"));
    }

    @Test
    void shouldNameTheDatabaseWhenNothingListensAndNeverThePassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/incidents";

        assertThatThrownBy(() -> open(url, Map.of(IncidentStores.USER_VARIABLE, "ops",
                IncidentStores.PASSWORD_VARIABLE, "s3cr3t-Pw")))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREACHABLE))
                .hasMessageContaining("Cannot connect to the incident database " + url + " (user ops)")
                .hasMessageContaining("that the database runs")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-Pw"));
    }

    @Test
    void shouldRefuseANegativeLimit() {
        assertThatThrownBy(() -> IncidentQuery.all().limit(-1)).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.INVALID_INPUT))
                .hasMessageContaining("The limit of incidents to list is -1");
    }
}
