package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.Ecosystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PythonInventoryTest {
    @TempDir
    private Path workspace;

    @TempDir
    private Path outside;

    private Inventory read(final String file) {
        return DependencyInventory.builder(workspace).build().read(List.of(file));
    }

    @Test
    void readsPinnedRequirementsWithHashesExtrasMarkersAndIncludes() {
        Fixtures.copy("python", workspace, ".");

        Inventory inventory = read("requirements.txt");

        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::file,
                Component::line).containsExactly(
                tuple("idna", "3.3", "requirements-base.txt", 2),
                tuple("charset-normalizer", "2.1.1", "requirements-base.txt", 3),
                tuple("certifi", "2022.12.7", "requirements.txt", 11),
                tuple("requests", "2.28.1", "requirements.txt", 15),
                tuple("Django", "3.2.12", "requirements.txt", 16),
                tuple("Friendly_Bard", "1.4.post1", "requirements.txt", 20),
                tuple("pyyaml", "5.3.1", "requirements.txt", 23));
        assertThat(inventory.components()).allSatisfy(component -> {
            assertThat(component.ecosystem()).isEqualTo(Ecosystem.PYPI);
            assertThat(component.relation()).isEqualTo(Relation.DIRECT);
        });
        assertThat(inventory.files()).containsExactly("requirements.txt");
    }

    @Test
    void warnsAboutEveryRequirementThatIsNotPinned() {
        Fixtures.copy("python", workspace, ".");

        Inventory inventory = read("requirements.txt");

        assertThat(inventory.errors()).isEmpty();
        assertThat(inventory.warnings()).extracting(DependencyProblem::line).containsExactly(17, 18, 19, 21, 22);
        assertThat(inventory.warnings()).extracting(DependencyProblem::message).satisfiesExactly(
                urllib3 -> assertThat(urllib3).contains("'urllib3'").contains("'>=1.26,<2'")
                        .contains("only '==' pins are matched"),
                flask -> assertThat(flask).contains("'flask'").contains("any version"),
                numpy -> assertThat(numpy).contains("'numpy'").contains("==1.24.*"),
                editable -> assertThat(editable).contains("editable").contains("tooling"),
                url -> assertThat(url).contains("'mylib'").contains("URL"));
    }

    @Test
    void readsEachRequirementsFileOnceWhenDetectedAndIncluded() {
        Fixtures.copy("python", workspace, ".");

        Inventory inventory = DependencyInventory.builder(workspace).build().detect();

        assertThat(inventory.components()).extracting(Component::name).containsExactlyInAnyOrder("idna",
                "charset-normalizer", "certifi", "requests", "Django", "Friendly_Bard", "pyyaml", "pytest",
                "certifi", "jinja2", "markupsafe", "pytest", "requests", "urllib3", "friendly-bard", "requests");
        assertThat(inventory.files()).containsExactly("poetry-1.1/poetry.lock", "poetry-1.8/poetry.lock",
                "requirements-base.txt", "requirements-dev.txt");
    }

    @Test
    void refusesAnIncludeThatLeavesTheWorkspace() throws IOException {
        Files.writeString(workspace.resolve("requirements.txt"), "-r ../../../../etc/passwd\n"
                + "--requirement=/etc/passwd\nidna==3.3\n");

        Inventory inventory = read("requirements.txt");

        assertThat(inventory.components()).extracting(Component::name).containsExactly("idna");
        assertThat(inventory.errors()).hasSize(2).allSatisfy(error -> {
            assertThat(error.file()).isEqualTo("requirements.txt");
            assertThat(error.message()).contains("outside the workspace").contains("etc/passwd");
        });
        assertThat(inventory.errors()).extracting(DependencyProblem::line).containsExactly(1, 2);
    }

    @Test
    void refusesAnIncludeThroughASymbolicLinkOutOfTheWorkspace() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), "leaked==1.0\n");
        Files.createSymbolicLink(workspace.resolve("base.txt"), outside.resolve("secret.txt"));
        Files.writeString(workspace.resolve("requirements.txt"), "-r base.txt\n");

        Inventory inventory = read("requirements.txt");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("symbolic link").contains("outside the workspace"));
    }

    @Test
    void readsCircularIncludesOnce() throws IOException {
        Files.writeString(workspace.resolve("a.txt"), "-r b.txt\nidna==3.3\n");
        Files.writeString(workspace.resolve("b.txt"), "-r a.txt\ncertifi==2022.12.7\n");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("a.txt"));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).extracting(Component::name).containsExactly("certifi", "idna");
    }

    @Test
    void readsAPoetry11LockWithCategoriesAndDirectNamesFromPyproject() {
        Fixtures.copy("python/poetry-1.1", workspace, ".");

        Inventory inventory = read("poetry.lock");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::line,
                Component::relation, Component::scope).containsExactly(
                tuple("certifi", "2021.10.8", 2, Relation.TRANSITIVE, "main"),
                tuple("jinja2", "2.11.2", 10, Relation.DIRECT, "main"),
                tuple("markupsafe", "2.0.1", 24, Relation.TRANSITIVE, "main"),
                tuple("pytest", "6.2.5", 32, Relation.DIRECT, "dev"),
                tuple("requests", "2.26.0", 47, Relation.DIRECT, "main"),
                tuple("urllib3", "1.26.7", 62, Relation.TRANSITIVE, "main"));
    }

    @Test
    void readsAPoetry18LockWithoutPyprojectAsUnknownRelation() {
        Fixtures.copy("python/poetry-1.8/poetry.lock", workspace, "poetry.lock");

        Inventory inventory = read("poetry.lock");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::line,
                Component::relation).containsExactly(tuple("friendly-bard", "2.0", 4, Relation.UNKNOWN),
                tuple("requests", "2.31.0", 14, Relation.UNKNOWN));
    }

    @Test
    void reportsAMalformedPoetryLockWithItsLine() {
        Fixtures.copy("hostile/poetry.lock", workspace, "poetry.lock");

        Inventory inventory = read("poetry.lock");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.message()).startsWith("Cannot parse the Poetry lock 'poetry.lock' at line 4")
                    .contains("poetry lock");
        });
    }
}
