package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.process.LocalProcessRunner;
import io.lotabots.util.SecretMasker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MavenInventoryTest {
    private static final String LOG4J = "org.apache.logging.log4j:log4j-core";

    @TempDir
    private Path workspace;

    @Test
    void readsDeclaredDependenciesWithPropertiesAndManagedVersionsOfTheSamePom() {
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("pom.xml"));

        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::line,
                Component::relation, Component::scope).containsExactly(
                tuple(LOG4J, "2.14.1", 41, Relation.DIRECT, "compile"),
                tuple("com.fasterxml.jackson.core:jackson-databind", "2.13.1", 52, Relation.DIRECT, "compile"),
                tuple("com.example:orders-api", "1.2.0-SNAPSHOT", 56, Relation.DIRECT, "compile"),
                tuple("junit:junit", "4.13.1", 64, Relation.DIRECT, "test"));
        assertThat(inventory.components()).allSatisfy(component -> {
            assertThat(component.ecosystem()).isEqualTo(Ecosystem.MAVEN);
            assertThat(component.file()).isEqualTo("pom.xml");
        });
    }

    @Test
    void warnsAboutAVersionManagedByTheParentInsteadOfDroppingIt() {
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("pom.xml"));

        assertThat(inventory.errors()).isEmpty();
        assertThat(inventory.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.line()).isEqualTo(60);
            assertThat(warning.message()).contains("org.springframework.boot:spring-boot-starter-web")
                    .contains("'pom.xml' at line 60").contains("managed by a parent or a BOM")
                    .contains("mvn dependency:list -DoutputFile=");
        });
    }

    @Test
    void takesVersionsFromTheResolvedListAndLocatesDirectOnesAtTheirDeclaration() {
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");
        Fixtures.copy("maven/dependency-list.txt", workspace, "target/dependencies.txt");

        Inventory inventory = DependencyInventory.builder(workspace)
                .mavenDependencyList("pom.xml", "target/dependencies.txt").build().read(List.of("pom.xml"));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.files()).containsExactly("pom.xml", "target/dependencies.txt");
        assertThat(inventory.components()).hasSize(12);
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::file,
                Component::line, Component::relation, Component::scope).contains(
                tuple(LOG4J, "2.14.1", "pom.xml", 41, Relation.DIRECT, "compile"),
                tuple("org.springframework.boot:spring-boot-starter-web", "2.6.1", "pom.xml", 60, Relation.DIRECT,
                        "compile"),
                tuple("org.springframework:spring-beans", "5.3.13", "pom.xml", 0, Relation.TRANSITIVE, "compile"),
                tuple("io.netty:netty-transport-native-epoll", "4.1.70.Final", "pom.xml", 0, Relation.TRANSITIVE,
                        "runtime"),
                tuple("org.hamcrest:hamcrest-core", "1.3", "pom.xml", 0, Relation.TRANSITIVE, "test"));
    }

    @Test
    void attachesAListGivenAsAFileToThePomAboveIt() {
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");
        Fixtures.copy("maven/dependency-list.txt", workspace, "target/deps.txt");

        Inventory inventory = DependencyInventory.builder(workspace).build()
                .read(List.of("target/deps.txt", "pom.xml"));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).hasSize(12);
        assertThat(inventory.components()).filteredOn(Component::isDirect).hasSize(5);
    }

    @Test
    void readsAListWithoutAPomAsComponentsOfTheList() {
        Fixtures.copy("maven/dependency-list.txt", workspace, "deps.txt");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("deps.txt"));

        assertThat(inventory.components()).hasSize(12).allSatisfy(component -> {
            assertThat(component.file()).isEqualTo("deps.txt");
            assertThat(component.line()).isGreaterThan(2);
            assertThat(component.relation()).isEqualTo(Relation.UNKNOWN);
        });
    }

    @Test
    void reportsLinesOfAListThatAreNoArtifacts() throws IOException {
        Files.writeString(workspace.resolve("deps.txt"), "The following files have been resolved:\n"
                + "   org.yaml:snakeyaml:jar:1.29:compile\n"
                + "   this is not an artifact\n"
                + "   :snakeyaml:jar:1.29:compile\n");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("deps.txt"));

        assertThat(inventory.components()).extracting(Component::name).containsExactly("org.yaml:snakeyaml");
        assertThat(inventory.warnings()).extracting(DependencyProblem::line).containsExactly(3, 4);
        assertThat(inventory.warnings().get(0).message()).contains("Line 3 of the Maven dependency list 'deps.txt'")
                .contains("this is not an artifact");
    }

    @Test
    void readsEveryModuleOfAMultiModuleProjectWithVersionsFromTheParentCoordinates() {
        Fixtures.copy("maven/multi", workspace, ".");

        Inventory inventory = DependencyInventory.builder(workspace).build().detect();

        assertThat(inventory.files()).containsExactly("core/pom.xml", "pom.xml", "web/pom.xml");
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::file)
                .containsExactly(tuple("com.example:core", "0.9.0", "web/pom.xml"),
                        tuple("com.fasterxml.jackson.core:jackson-databind", "2.12.6", "web/pom.xml"));
        assertThat(inventory.warnings()).singleElement().satisfies(warning ->
                assertThat(warning.message()).contains("org.yaml:snakeyaml").contains("'${snakeyaml.version}'"));
    }

    @Test
    void refusesAPomWithAnExternalEntity() {
        Fixtures.copy("hostile/xxe-pom/pom.xml", workspace, "pom.xml");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("pom.xml"));

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isPositive();
            assertThat(error.message()).startsWith("Cannot parse the Maven pom 'pom.xml' at line")
                    .contains("DTDs and entities are not accepted");
        });
    }

    @Test
    void refusesAPomWithBillionLaughs() {
        Fixtures.copy("hostile/laughs-pom/pom.xml", workspace, "pom.xml");

        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("pom.xml"));

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("'pom.xml' at line"));
    }

    @Test
    void reportsAMalformedPomWithLineAndColumnAndKeepsTheOtherFiles() throws IOException {
        Files.writeString(workspace.resolve("pom.xml"), "<project>\n  <dependencies>\n    <dependency>\n"
                + "  </dependencies>\n</project>\n");
        Fixtures.copy("python/requirements-base.txt", workspace, "requirements.txt");

        Inventory inventory = DependencyInventory.builder(workspace).build().detect();

        assertThat(inventory.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("pom.xml");
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.column()).isPositive();
        });
        assertThat(inventory.components()).extracting(Component::name).containsExactly("idna",
                "charset-normalizer");
    }

    @Test
    void fallsBackToTheDeclaredDependenciesWhenMavenFails() {
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        Inventory inventory = DependencyInventory.builder(workspace).log(log)
                .resolveMaven(new LocalProcessRunner(new SecretMasker()),
                        new MavenResolution(List.of("false"), Duration.ofSeconds(30), true))
                .build().read(List.of("pom.xml"));

        assertThat(inventory.components()).hasSize(4);
        assertThat(inventory.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).startsWith("Maven could not list the resolved dependencies of 'pom.xml'"
                        + " (exit code 1)").contains("Only its declared dependencies are used"));
        assertThat(log.infos).anyMatch(line -> line.startsWith("Listing the resolved Maven dependencies of 'pom.xml'"
                + ": false -B -q -f pom.xml dependency:list -DoutputFile="));
    }
}
