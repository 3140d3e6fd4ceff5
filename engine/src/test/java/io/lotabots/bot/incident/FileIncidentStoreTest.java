package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    @Test
    void shouldGiveEveryIncidentItsOwnNumberWhenSeveralProcessesOpenAtOnce() throws Exception {
        Path folder = root.resolve("incidents");
        int processes = 3;
        int each = 15;
        List<CompletableFuture<ChildJvm.Result>> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            String name = "p" + p;
            children.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ChildJvm.run("64m", OpenIncidents.class, folder.toString(), name, String.valueOf(each));
                }
                catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<ChildJvm.Result> child : children) {
            ChildJvm.Result result = child.get();
            assertThat(result.exitCode()).as(result.output()).isZero();
        }

        List<Incident> incidents = FileIncidentStore.in(folder).list();
        assertThat(incidents).extracting(Incident::number)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, processes * each).boxed()
                        .toList());
        assertThat(incidents).extracting(Incident::dedupKey).doesNotHaveDuplicates();
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
    void shouldRefuseAnIncidentFileThatIsALinkOrTooLarge() throws IOException {
        FileIncidentStore store = FileIncidentStore.in(root.resolve("incidents"));
        store.open(alert("a", T0));
        Path outside = Files.writeString(root.resolve("elsewhere.json"), "{}");
        Files.createSymbolicLink(store.getFolder().resolve("INC-2.json"), outside);

        assertThatThrownBy(store::list).hasMessageContaining("is a symbolic link");
        Files.delete(store.getFolder().resolve("INC-2.json"));
        try (var out = Files.newOutputStream(store.getFolder().resolve("INC-3.json"))) {
            out.write(new byte[(int) FileIncidentStore.MAX_DOCUMENT_BYTES + 1]);
        }
        assertThatThrownBy(() -> store.find("INC-3")).hasMessageContaining("is larger than 16 MiB");
    }

    /** Opens incidents from a child JVM: folder, a name, how many. */
    static final class OpenIncidents {
        private OpenIncidents() {
        }

        public static void main(final String[] args) {
            FileIncidentStore store = FileIncidentStore.in(Path.of(args[0]));
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                store.open(alert(args[1] + "-" + i, T0));
            }
        }
    }
}
