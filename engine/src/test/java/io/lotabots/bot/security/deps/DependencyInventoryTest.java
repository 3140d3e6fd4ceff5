package io.lotabots.bot.security.deps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyInventoryTest {
    @TempDir
    private Path workspace;

    @TempDir
    private Path outside;

    @Test
    void detectsEveryFormatAndLeavesOutInstalledPackagesBuildOutputAndTests() {
        Fixtures.copy("npm/v2/package-lock.json", workspace, "web/package-lock.json");
        Fixtures.copy("npm/v1/package-lock.json", workspace, "web/node_modules/x/package-lock.json");
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");
        Fixtures.copy("maven/pom.xml", workspace, "target/classes/META-INF/maven/pom.xml");
        Fixtures.copy("hostile/xxe-pom/pom.xml", workspace, "src/test/resources/pom.xml");
        Fixtures.copy("python/requirements-base.txt", workspace, "tools/requirements.txt");
        Fixtures.copy("python/poetry-1.8/poetry.lock", workspace, "tools/poetry.lock");
        Fixtures.copy("sbom/bom-npm-1.6.json", workspace, "sbom/web.cdx.json");
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        Inventory inventory = DependencyInventory.builder(workspace).log(log).build().detect();

        assertThat(inventory.files()).containsExactly("pom.xml", "sbom/web.cdx.json", "tools/poetry.lock",
                "tools/requirements.txt", "web/package-lock.json");
        assertThat(inventory.errors()).isEmpty();
        assertThat(inventory.components()).hasSize(4 + 3 + 2 + 2 + 4);
        assertThat(log.infos).contains("Read 4 components from 'web/package-lock.json' (0 errors, 0 warnings)")
                .anyMatch(line -> line.startsWith("Dependency inventory: 15 components (0 not matchable) from 5 "
                        + "files, 0 errors, 1 warning"));
    }

    @Test
    void refusesGivenPathsOutsideTheWorkspace() throws IOException {
        Files.writeString(outside.resolve("requirements.txt"), "leaked==1.0\n");
        Files.createSymbolicLink(workspace.resolve("linked.txt"), outside.resolve("requirements.txt"));
        Fixtures.copy("python/requirements-base.txt", workspace, "requirements.txt");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("../requirements.txt",
                outside.resolve("requirements.txt").toString(), "linked.txt", "requirements.txt"));

        assertThat(inventory.components()).extracting(Component::name).containsExactly("idna",
                "charset-normalizer");
        assertThat(inventory.errors()).hasSize(3).allSatisfy(error ->
                assertThat(error.message()).startsWith("Refusing the path").contains("outside the workspace"));
        assertThat(inventory.errors().get(2).message()).contains("'linked.txt'").contains("symbolic link");
        assertThat(inventory.files()).containsExactly("requirements.txt");
    }

    @Test
    void acceptsAnAbsolutePathInsideTheWorkspace() {
        Path lock = Fixtures.copy("npm/v2/package-lock.json", workspace, "package-lock.json");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of(lock.toString()));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.files()).containsExactly("package-lock.json");
        assertThat(inventory.components()).hasSize(4);
    }

    @Test
    void refusesAFileAboveTheSizeLimitWithItsSizeAndReadsTheOthers() {
        Fixtures.copy("sbom/bom-maven-1.5.json", workspace, "bom.json");
        Fixtures.copy("npm/v2/package-lock.json", workspace, "package-lock.json");
        Fixtures.copy("python/requirements-base.txt", workspace, "requirements.txt");

        Inventory inventory = DependencyInventory.builder(workspace).maxFileBytes(2_000).build()
                .read(List.of("bom.json", "package-lock.json", "requirements.txt"));

        assertThat(inventory.components()).extracting(Component::name).containsExactly("idna",
                "charset-normalizer");
        assertThat(inventory.errors()).extracting(DependencyProblem::message).satisfiesExactly(
                bom -> assertThat(bom).startsWith("Refusing 'bom.json': it has ").contains("bytes, the limit is 2000"),
                lock -> assertThat(lock).startsWith("Refusing 'package-lock.json': it has "));
    }

    @Test
    void reportsMissingFilesAndUnknownFormats() throws IOException {
        Files.writeString(workspace.resolve("Gemfile.lock"), "GEM\n");

        Inventory inventory = DependencyInventory.builder(workspace).build()
                .read(List.of("missing/pom.xml", "Gemfile.lock"));

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).extracting(DependencyProblem::message).satisfiesExactly(
                missing -> assertThat(missing).contains("'missing/pom.xml'").contains("does not exist"),
                unknown -> assertThat(unknown).contains("Cannot tell the format of 'Gemfile.lock'"));
    }

    @Test
    void refusesADetectedSymbolicLinkOutOfTheWorkspace() throws IOException {
        Fixtures.copy("npm/v2/package-lock.json", outside, "package-lock.json");
        Files.createDirectories(workspace.resolve("web"));
        Files.createSymbolicLink(workspace.resolve("web/package-lock.json"), outside.resolve("package-lock.json"));

        Inventory inventory = DependencyInventory.builder(workspace).build().detect();

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("web/package-lock.json").contains("outside the workspace"));
    }

    @Test
    void findsNothingInAnEmptyWorkspace() {
        Inventory inventory = DependencyInventory.builder(workspace).build().detect();

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.summary()).isEqualTo("0 components (0 not matchable) from 0 files, 0 errors, 0 warnings");
    }
}
