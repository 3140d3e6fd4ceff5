package io.jenkins.plugins.lotabots.library;

import hudson.FilePath;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundledLibraryTest {
    @TempDir
    private Path folder;

    @Test
    void copiesOnlyTheLibraryFoldersOfAJar() throws Exception {
        File jar = jar("vars/step.groovy", "src/io/x/Flow.groovy", "resources/io/x/a.yaml",
                "META-INF/MANIFEST.MF", "Other.class");
        Path target = Files.createDirectory(folder.resolve("checkout"));

        int files = BundledLibrary.copyJar(jar, new FilePath(target.toFile()));

        assertThat(files).isEqualTo(3);
        assertThat(target.resolve("vars/step.groovy")).hasContent("content of vars/step.groovy");
        assertThat(target.resolve("src/io/x/Flow.groovy")).exists();
        assertThat(target.resolve("META-INF")).doesNotExist();
        assertThat(target.resolve("Other.class")).doesNotExist();
    }

    @Test
    void refusesAnEntryThatClimbsOutOfTheTarget() throws Exception {
        File jar = jar("vars/ok.groovy", "vars/../../evil.groovy");
        Path target = Files.createDirectory(folder.resolve("checkout"));

        assertThatThrownBy(() -> BundledLibrary.copyJar(jar, new FilePath(target.toFile())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("vars/../../evil.groovy");
        assertThat(folder.resolve("evil.groovy")).doesNotExist();
    }

    @Test
    void acceptsOnlySafeRelativeNamesInsideTheLibraryFolders() {
        assertThat(BundledLibrary.safeName("vars/a.groovy")).isEqualTo("vars/a.groovy");
        assertThat(BundledLibrary.safeName("resources/io/x/a b.txt")).isEqualTo("resources/io/x/a b.txt");
        assertThat(BundledLibrary.safeName("/vars/a.groovy")).isNull();
        assertThat(BundledLibrary.safeName("vars/../x")).isNull();
        assertThat(BundledLibrary.safeName("vars/./x")).isNull();
        assertThat(BundledLibrary.safeName("vars//x")).isNull();
        assertThat(BundledLibrary.safeName("vars\\..\\x")).isNull();
        assertThat(BundledLibrary.safeName("src/C:/x")).isNull();
        assertThat(BundledLibrary.safeName("src/a\u0000b")).isNull();
        assertThat(BundledLibrary.safeName("lib/a.groovy")).isNull();
        assertThat(BundledLibrary.safeName("")).isNull();
    }

    @Test
    void refusesALibraryWithTooManyFiles() throws Exception {
        String[] names = new String[BundledLibrary.MAX_FILES + 1];
        for (int i = 0; i < names.length; i++) {
            names[i] = "resources/f" + i + ".txt";
        }
        File jar = jar(names);
        Path target = Files.createDirectory(folder.resolve("checkout"));

        assertThatThrownBy(() -> BundledLibrary.copyJar(jar, new FilePath(target.toFile())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(String.valueOf(BundledLibrary.MAX_FILES));
    }

    @Test
    void copiesTheFoldersOfAnUnpackedLibraryWithoutFollowingOthers() throws Exception {
        Path root = folder.resolve("library");
        Files.createDirectories(root.resolve("vars"));
        Files.writeString(root.resolve("vars/step.groovy"), "def call() {}");
        Files.createDirectories(root.resolve("test"));
        Files.writeString(root.resolve("test/Spec.groovy"), "x");
        Path target = Files.createDirectory(folder.resolve("checkout"));

        int files = BundledLibrary.copyFolder(root, new FilePath(target.toFile()));

        assertThat(files).isEqualTo(1);
        assertThat(target.resolve("vars/step.groovy")).hasContent("def call() {}");
        assertThat(target.resolve("test")).doesNotExist();
    }

    private File jar(final String... names) throws IOException {
        File jar = folder.resolve("library.jar").toFile();
        try (OutputStream out = Files.newOutputStream(jar.toPath()); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
