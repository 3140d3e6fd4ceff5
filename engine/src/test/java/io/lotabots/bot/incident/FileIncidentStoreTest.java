package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileIncidentStoreTest extends IncidentStoreContract {
    @TempDir
    private Path root;

    @Override
    IncidentStore store() {
        return FileIncidentStore.in(root.resolve("incidents"));
    }

    @Override
    IncidentStore sameDataElsewhere() {
        return FileIncidentStore.in(root.resolve("incidents/../incidents"));
    }

    @Override
    String setting() {
        return root.resolve("incidents").toString();
    }

    @Override
    Map<String, String> secrets() {
        return Map.of();
    }

    @Override
    void fill(final int count, final int openEvery, final int events) throws IOException {
        IncidentFixtures.writeFileStore(root.resolve("incidents"), count, openEvery, events);
    }

    private Path index() {
        return root.resolve("incidents").resolve(OpenIncidentIndex.FILE);
    }

    @Test
    void shouldNeverReuseTheNumberOfARemovedIncidentEvenWithoutItsCounter() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        store.open(alert("b", T0));
        Files.delete(store.getFolder().resolve("INC-2.json"));

        assertThat(store.open(alert("c", T0)).incident().id()).isEqualTo("INC-3");
        Files.delete(store.getFolder().resolve("counter"));
        assertThat(store.open(alert("d", T0)).incident().id()).isEqualTo("INC-4");
    }

    @Test
    void shouldNameAMalformedIncidentFileAndAMalformedCounter() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        Path file = store.getFolder().resolve("INC-1.json");
        Files.writeString(file, "{\"id\": \"INC-1\", \"title\": ");

        assertThatThrownBy(() -> store.find("INC-1")).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREADABLE))
                .hasMessageContaining(file.toString()).hasMessageContaining("Fix the file or move it away");
        Files.writeString(file, "{\"id\": \"INC-1\"}");
        assertThatThrownBy(() -> store.find("INC-1")).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREADABLE))
                .hasMessageContaining(file.toString());
        Files.delete(file);
        Files.writeString(store.getFolder().resolve("counter"), "<!DOCTYPE x>");
        assertThatThrownBy(() -> store.open(alert("b", T0))).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREADABLE))
                .hasMessageContaining("instead of the last incident number");
    }

    @Test
    void shouldRefuseAnIncidentFileThatIsALinkOrTooLargeOrNotAFile() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        Path outside = Files.writeString(root.resolve("elsewhere.json"), "{}");
        Files.createSymbolicLink(store.getFolder().resolve("INC-2.json"), outside);

        assertThatThrownBy(store::list).hasMessageContaining("INC-2.json' is a symbolic link");
        Files.delete(store.getFolder().resolve("INC-2.json"));
        try (var out = Files.newOutputStream(store.getFolder().resolve("INC-3.json"))) {
            out.write(new byte[(int) FileIncidentStore.MAX_DOCUMENT_BYTES + 1]);
        }
        assertThatThrownBy(() -> store.find("INC-3")).hasMessageContaining("INC-3.json' is larger than 16 MiB");
        Files.delete(store.getFolder().resolve("INC-3.json"));
        Files.createDirectory(store.getFolder().resolve("INC-4.json"));
        assertThatThrownBy(() -> store.find("INC-4")).hasMessageContaining("INC-4.json' is not a regular file");
        assertThat(store.find("INC-1")).isPresent();
    }

    @Test
    void shouldRefuseAnIncidentFileThatHoldsAnotherIncident() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        Files.copy(store.getFolder().resolve("INC-1.json"), store.getFolder().resolve("INC-7.json"));

        assertThatThrownBy(() -> store.find("INC-7")).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREADABLE))
                .hasMessageContaining("INC-7.json' holds the incident INC-1");
    }

    @Test
    void shouldRebuildAMissingOrCorruptIndexFromTheIncidentFilesAndLoseNothing() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        store.open(alert("b", T0));
        store.update("INC-1", incident -> incident.withStatus(IncidentStatus.RESOLVED));

        for (String corrupt : List.of("", "{\"format\": 1, \"counter\": ", "[1, 2]", "{\"format\": 99, \"counter\": 2,"
                + " \"clean\": true, \"open\": []}", "{\"format\": 1, \"counter\": -5, \"clean\": true, \"open\": []}",
                "\u0000\u0001garbage")) {
            Files.writeString(index(), corrupt);

            assertThat(store.list(IncidentQuery.open())).as(corrupt).extracting(Incident::id)
                    .containsExactly("INC-2");
            assertThat(store.open(alert("b", T0)).created()).as(corrupt).isFalse();
        }
        Files.delete(index());
        assertThat(store.list(IncidentQuery.open())).extracting(Incident::id).containsExactly("INC-2");
        assertThat(store.list()).hasSize(2);
        assertThat(index()).exists();
    }

    @Test
    void shouldFindOpenIncidentsTheIndexMissesBecauseItIsBehindTheCounter() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        byte[] old = Files.readAllBytes(index());
        store.open(alert("b", T0));
        store.open(alert("c", T0));
        Files.write(index(), old);

        assertThat(store.list(IncidentQuery.open())).extracting(Incident::id).containsExactly("INC-1", "INC-2",
                "INC-3");
        assertThat(store.open(alert("c", T0)).incident().id()).isEqualTo("INC-3");
    }

    @Test
    void shouldRepairAnIndexLeftUncleanByAChangeThatDidNotFinish() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        store.open(alert("b", T0));
        // as a crash leaves it: unclean, with a stale dedup key and a number whose file was never written
        Files.writeString(index(), "{\"format\": 1, \"counter\": 3, \"clean\": false, \"open\": ["
                + "{\"number\": 1, \"dedupKey\": \"stale\", \"service\": \"shop\", \"environment\": \"production\"},"
                + "{\"number\": 2, \"dedupKey\": \"shop/b\", \"service\": \"shop\", \"environment\": \"production\"},"
                + "{\"number\": 3, \"dedupKey\": \"shop/c\", \"service\": \"shop\", \"environment\": \"production\"}]}");

        assertThat(store.open(alert("a", T0)).incident().id()).isEqualTo("INC-1");
        assertThat(store.list(IncidentQuery.open())).extracting(Incident::id).containsExactly("INC-1", "INC-2");
        assertThat(store.open(alert("d", T0)).incident().id()).isEqualTo("INC-4");
    }

    @Test
    void shouldRefuseAnIndexThatIsALinkOrHugeNamingItAndKeepTheIncidents() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        Files.delete(index());
        Files.createSymbolicLink(index(), Path.of("/dev/zero"));

        assertThatThrownBy(() -> store.list(IncidentQuery.open())).isInstanceOfSatisfying(LotaBotsException.class,
                e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.STORE_UNREADABLE))
                .hasMessageContaining(index() + "' is a symbolic link").hasMessageContaining("Remove it");
        Files.delete(index());
        try (var out = Files.newOutputStream(index())) {
            out.write(new byte[(int) OpenIncidentIndex.MAX_BYTES + 1]);
        }
        assertThatThrownBy(() -> store.open(alert("b", T0))).hasMessageContaining(index() + "' is larger than 64 MiB");
        assertThat(store.find("INC-1")).isPresent();
        Files.delete(index());
        assertThat(store.list(IncidentQuery.open())).extracting(Incident::id).containsExactly("INC-1");
    }

    @Test
    void shouldStillOpenIncidentsWhenAnOpenIncidentsFileIsCorruptAndNameItWhenListing() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        store.open(alert("b", T0));
        Files.writeString(store.getFolder().resolve("INC-1.json"), "{\"id\": ");
        Files.delete(index());

        assertThat(store.open(alert("c", T0)).incident().id()).isEqualTo("INC-3");
        assertThat(store.open(alert("b", T0)).created()).isFalse();
        assertThatThrownBy(() -> store.list(IncidentQuery.open())).hasMessageContaining("INC-1.json")
                .hasMessageContaining("Fix the file or move it away");
        assertThat(store.find("INC-2").orElseThrow().events()).hasSize(2);
    }

    @Test
    void shouldReadOnlyTheOpenIncidentsToListThem() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        IncidentFixtures.writeFileStore(store.getFolder(), 300, 100, 1);
        store.list(IncidentQuery.open());
        // a resolved incident's file that cannot be read is not read when listing the open ones
        Files.writeString(store.getFolder().resolve("INC-150.json"), "not JSON");

        assertThat(store.list(IncidentQuery.open())).extracting(Incident::id).containsExactly("INC-100", "INC-200",
                "INC-300");
        assertThatThrownBy(() -> store.list(IncidentQuery.all())).hasMessageContaining("INC-150.json");
    }
}
