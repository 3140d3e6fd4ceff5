package io.lotabots.artifact;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalArtifactStoreTest {
    private Path root;
    private Path source;
    private LocalArtifactStore store;

    @BeforeEach
    void createStoreAndSourceFolders(@TempDir final Path temporary) throws IOException {
        root = temporary.resolve("store");
        source = Files.createDirectory(temporary.resolve("source"));
        store = LocalArtifactStore.of(root);
    }

    private Path file(final String name, final String content) throws IOException {
        return Files.writeString(source.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String read(final InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertInvalidKey(final Runnable action, final String text) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(action::run)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.INVALID_KEY))
                .withMessageContaining(text);
    }

    @Test
    void shouldStoreFileUnderKeyAndReturnFileUrl() throws IOException {
        Path jar = file("app.jar", "jar");

        String url = store.put("build-1/target/app.jar", jar);

        assertThat(url).isEqualTo(root.resolve("build-1/target/app.jar").toUri().toString()).startsWith("file:");
        assertThat(root.resolve("build-1/target/app.jar")).hasContent("jar");
        assertThat(store.exists("build-1/target/app.jar")).isTrue();
        assertThat(store.exists("build-1/target/other.jar")).isFalse();
        assertThat(read(store.get("build-1/target/app.jar"))).isEqualTo("jar");
    }

    @Test
    void shouldGiveFolderUrlsWithTrailingSlash() {
        assertThat(store.urlOf("build-1/")).isEqualTo(root.resolve("build-1").toUri() + "/");
        assertThat(store.urlOf("")).endsWith("/store/");
    }

    @Test
    void shouldEncodeSpecialCharactersInUrls() throws IOException {
        String url = store.put("build-1/my app#1.jar", file("x", "x"));

        assertThat(url).endsWith("/build-1/my%20app%231.jar");
    }

    @Test
    void shouldReplaceAtomicallyAndLeaveNoTemporaryFiles() throws IOException {
        store.put("b/a.txt", file("first", "first"));
        store.put("b/a.txt", file("second", "second"));

        assertThat(read(store.get("b/a.txt"))).isEqualTo("second");
        try (Stream<Path> files = Files.list(root.resolve("b"))) {
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("a.txt");
        }
    }

    @Test
    void shouldRefuseKeysThatLeaveTheStore() throws IOException {
        Path file = file("a", "a");

        assertInvalidKey(() -> store.put("../outside.txt", file), "'..'");
        assertInvalidKey(() -> store.put("b/../../outside.txt", file), "cannot leave the store");
        assertInvalidKey(() -> store.put("/etc/passwd", file), "starts with '/'");
        assertInvalidKey(() -> store.put("b\\..\\x", file), "'\\'");
        assertInvalidKey(() -> store.put("b//x", file), "empty");
        assertInvalidKey(() -> store.put("", file), "is empty");
        assertInvalidKey(() -> store.put("b/x\nfake-line", file), "control character");
        assertInvalidKey(() -> store.put("b/", file), "names a folder");
        assertInvalidKey(() -> store.put("b/" + "x".repeat(2000), file), "longer than 1024 bytes");
        assertInvalidKey(() -> store.get("../x"), "'..'");
        assertThat(root.getParent().resolve("outside.txt")).doesNotExist();
    }

    @Test
    void shouldRefuseKeysThatLeadThroughSymlinkOutOfTheStore(@TempDir final Path elsewhere) throws IOException {
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("escape"), elsewhere);

        assertInvalidKey(() -> store.put("escape/x.txt", uncheckedFile()), "symbolic link");
        assertThat(elsewhere.resolve("x.txt")).doesNotExist();
    }

    @Test
    void shouldCreateNoFolderOutsideTheStoreForAKeyBelowALinkedFolder(@TempDir final Path elsewhere)
            throws IOException {
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("escape"), elsewhere);

        assertInvalidKey(() -> store.put("escape/builds/42/x.txt", uncheckedFile()), "symbolic link");
        assertThat(elsewhere.resolve("builds")).doesNotExist();
    }

    private Path uncheckedFile() {
        try {
            return file("x.txt", "x");
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReportMissingKeyAsNotFound() {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> store.get("nothing.txt"))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.NOT_FOUND))
                .withMessageContaining("Nothing is stored under 'nothing.txt'");
    }

    @Test
    void shouldFailClearlyWhenSourceIsMissingOrTargetIsAFolder() throws IOException {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> store.put("b/missing.txt", source.resolve("missing.txt")))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.STORE_FAILURE))
                .withMessageContaining("missing.txt");

        Files.createDirectories(root.resolve("b/folder"));
        Path file = file("a", "a");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> store.put("b/folder", file))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.STORE_FAILURE))
                .withMessageContaining("a folder of that name exists");
    }
}
