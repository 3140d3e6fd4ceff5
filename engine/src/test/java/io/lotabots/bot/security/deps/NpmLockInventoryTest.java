package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.Ecosystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NpmLockInventoryTest {
    @TempDir
    private Path workspace;

    private Inventory read(final String lock) {
        return DependencyInventory.builder(workspace).build().read(List.of(lock));
    }

    @Test
    void readsTheNestedTreeOfAnNpm6LockfileWithDirectNamesFromPackageJson() {
        Fixtures.copy("npm/v1", workspace, "app");

        Inventory inventory = read("app/package-lock.json");

        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::line,
                Component::relation, Component::scope).containsExactly(
                tuple("accepts", "1.3.5", 7, Relation.TRANSITIVE, "prod"),
                tuple("express", "4.16.4", 16, Relation.DIRECT, "prod"),
                tuple("qs", "6.5.2", 25, Relation.TRANSITIVE, "prod"),
                tuple("lodash", "4.17.11", 32, Relation.DIRECT, "prod"),
                tuple("mocha", "5.2.0", 37, Relation.DIRECT, "dev"),
                tuple("debug", "3.1.0", 46, Relation.TRANSITIVE, "dev"),
                tuple("lodash", "4.17.21", 54, Relation.DIRECT, "prod"),
                tuple("qs", "6.7.0", 62, Relation.TRANSITIVE, "prod"));
        assertThat(inventory.components()).allSatisfy(component -> {
            assertThat(component.ecosystem()).isEqualTo(Ecosystem.NPM);
            assertThat(component.file()).isEqualTo("app/package-lock.json");
        });
        assertThat(inventory.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.line()).isEqualTo(59);
            assertThat(warning.message()).contains("local-utils").contains("file:../local-utils");
        });
    }

    @Test
    void leavesTheRelationOfAnNpm6LockfileUnknownWithoutPackageJson() throws IOException {
        Fixtures.copy("npm/v1/package-lock.json", workspace, "package-lock.json");

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.components()).filteredOn(c -> "express".equals(c.name())).singleElement()
                .extracting(Component::relation).isEqualTo(Relation.UNKNOWN);
        assertThat(inventory.components()).filteredOn(c -> "4.17.21".equals(c.version())).singleElement()
                .extracting(Component::relation).isEqualTo(Relation.UNKNOWN);
    }

    @Test
    void readsHoistedAndNestedPackagesOfAnNpm7LockfileAndIgnoresItsLegacyTree() {
        Fixtures.copy("npm/v2/package-lock.json", workspace, "package-lock.json");

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::line,
                Component::relation, Component::scope).containsExactly(
                tuple("jest", "27.5.1", 19, Relation.DIRECT, "dev"),
                tuple("minimist", "0.0.8", 28, Relation.TRANSITIVE, "dev"),
                tuple("lodash", "4.17.15", 34, Relation.DIRECT, "prod"),
                tuple("minimist", "1.2.5", 39, Relation.DIRECT, "prod"));
    }

    @Test
    void readsAnNpm9LockfileWithWorkspacesLinksOptionalAndAliasedPackages() {
        Fixtures.copy("npm/v3/package-lock.json", workspace, "package-lock.json");

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::relation,
                Component::scope).containsExactly(
                tuple("@babel/traverse", "7.23.0", Relation.TRANSITIVE, "dev"),
                tuple("fsevents", "2.3.3", Relation.TRANSITIVE, "optional"),
                tuple("semver", "7.5.1", Relation.DIRECT, "prod"),
                tuple("string-width", "4.2.3", Relation.TRANSITIVE, "dev"),
                tuple("typescript", "5.3.3", Relation.DIRECT, "dev"),
                tuple("lodash", "4.17.20", Relation.TRANSITIVE, "prod"));
    }

    @Test
    void reportsAMalformedLockfileWithLineAndColumn() {
        Fixtures.copy("hostile/package-lock.json", workspace, "package-lock.json");

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(7);
            assertThat(error.column()).isPositive();
            assertThat(error.message()).startsWith("Cannot parse the npm lockfile 'package-lock.json' at line 7")
                    .contains("npm install --package-lock-only");
        });
    }

    @Test
    void refusesALockfileThatIsNoObject() throws IOException {
        Files.writeString(workspace.resolve("package-lock.json"), "[1, 2, 3]");

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("no JSON object"));
    }

    @Test
    void refusesALegacyTreeNestedDeeperThanTheLimit() throws IOException {
        StringBuilder json = new StringBuilder("{\"lockfileVersion\": 1, \"dependencies\": ");
        int depth = 300;
        for (int i = 0; i < depth; i++) {
            json.append("{\"p").append(i).append("\": {\"version\": \"1.0.0\", \"dependencies\": ");
        }
        json.append("{}");
        json.append("}}".repeat(depth)).append('}');
        Files.writeString(workspace.resolve("package-lock.json"), json);

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("package-lock.json").contains("nest"));
    }

    @Test
    void streamsALargeLockfileOfManyPackages() throws IOException {
        int packages = 10_000;
        try (Writer out = Files.newBufferedWriter(workspace.resolve("package-lock.json"), StandardCharsets.UTF_8)) {
            out.write("{\n  \"name\": \"big\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n"
                    + "    \"\": {\"dependencies\": {\"pkg-0\": \"*\"}}");
            for (int i = 0; i < packages; i++) {
                out.write(String.format(Locale.ROOT, ",\n    \"node_modules/pkg-%d\": {\"version\": \"1.%d.0\", "
                        + "\"resolved\": \"https://registry.npmjs.org/pkg-%d/-/pkg-%d-1.%d.0.tgz\", "
                        + "\"integrity\": \"sha512-%s\"}", i, i, i, i, i, "A".repeat(86)));
            }
            out.write("\n  }\n}\n");
        }

        Inventory inventory = read("package-lock.json");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).hasSize(packages);
        assertThat(inventory.components().get(packages - 1)).satisfies(component -> {
            assertThat(component.name()).isEqualTo("pkg-" + (packages - 1));
            assertThat(component.line()).isEqualTo(packages + 5);
        });
        assertThat(inventory.components().get(0).relation()).isEqualTo(Relation.DIRECT);
    }
}
