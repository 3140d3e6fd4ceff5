package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.Ecosystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CycloneDxInventoryTest {
    @TempDir
    private Path workspace;

    private Inventory read(final String fixture, final String target) {
        Fixtures.copy(fixture, workspace, target);
        return DependencyInventory.builder(workspace).build().read(List.of(target));
    }

    @Test
    void readsTheJsonOfTheCycloneDxMavenPluginWithDirectAndTransitiveComponents() {
        Inventory inventory = read("sbom/bom-maven-1.5.json", "target/bom.json");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.matchable()).extracting(Component::ecosystem, Component::name, Component::version,
                Component::relation, Component::scope).containsExactly(
                tuple(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1", Relation.DIRECT, "required"),
                tuple(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-api", "2.14.1", Relation.TRANSITIVE,
                        "required"),
                tuple(Ecosystem.MAVEN, "com.fasterxml.jackson.core:jackson-databind", "2.13.1", Relation.DIRECT,
                        "required"),
                tuple(Ecosystem.MAVEN, "com.fasterxml.jackson.core:jackson-core", "2.13.1", Relation.TRANSITIVE,
                        "required"),
                tuple(Ecosystem.MAVEN, "javax.servlet:javax.servlet-api", "4.0.1", Relation.DIRECT, "optional"));
        assertThat(inventory.matchable()).allSatisfy(component -> {
            assertThat(component.file()).isEqualTo("target/bom.json");
            assertThat(component.line()).isZero();
        });
    }

    @Test
    void keepsComponentsOfOtherPurlTypesAsNotMatchable() {
        Inventory inventory = read("sbom/bom-maven-1.5.json", "bom.json");

        assertThat(inventory.notMatchable()).singleElement().satisfies(component -> {
            assertThat(component.type()).isEqualTo("golang");
            assertThat(component.name()).isEqualTo("github.com/golang/protobuf");
            assertThat(component.toPackageRef().ecosystem()).isEqualTo("golang");
        });
        assertThat(inventory.summary()).startsWith("6 components (1 not matchable) from 1 files");
    }

    @Test
    void readsSpec16JsonWithToolsAsComponentsAndScopedNpmPurls() {
        Inventory inventory = read("sbom/bom-npm-1.6.json", "web.cdx.json");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.components()).extracting(Component::ecosystem, Component::name, Component::version,
                Component::relation).containsExactly(
                tuple(Ecosystem.NPM, "lodash", "4.17.20", Relation.DIRECT),
                tuple(Ecosystem.NPM, "@babel/core", "7.24.0", Relation.DIRECT),
                tuple(Ecosystem.NPM, "semver", "7.5.1", Relation.TRANSITIVE));
    }

    @Test
    void readsSpec14XmlWithPypiAndOperatingSystemComponents() {
        Inventory inventory = read("sbom/bom-1.4.xml", "bom.xml");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.matchable()).extracting(Component::ecosystem, Component::name, Component::relation)
                .containsExactly(tuple(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", Relation.DIRECT),
                        tuple(Ecosystem.PYPI, "requests", Relation.TRANSITIVE));
        assertThat(inventory.notMatchable()).extracting(Component::type, Component::name, Component::version)
                .containsExactly(tuple("deb", "debian/openssl", "1.1.1n-0+deb11u3"));
    }

    @Test
    void readsSpec12XmlWithoutDependencyGraphAsUnknownRelation() {
        Inventory inventory = read("sbom/bom-1.2.xml", "bom.xml");

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.matchable()).extracting(Component::name, Component::version, Component::relation)
                .containsExactly(tuple("com.fasterxml.jackson.core:jackson-databind", "2.12.6", Relation.UNKNOWN));
        assertThat(inventory.notMatchable()).extracting(Component::type, Component::name)
                .containsExactly(tuple("unknown", "internal-tool"));
    }

    @Test
    void refusesXxeInXmlBeforeTheCycloneDxParserSeesIt() {
        Inventory inventory = read("hostile/xxe.cdx.xml", "evil.cdx.xml");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("evil.cdx.xml");
            assertThat(problem.line()).isPositive();
            assertThat(problem.message()).contains("evil.cdx.xml").contains("line")
                    .doesNotContain("root:");
        });
    }

    @Test
    void refusesBillionLaughsInXml() {
        Inventory inventory = read("hostile/billion-laughs.cdx.xml", "lol.cdx.xml");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("lol.cdx.xml").contains("line"));
    }

    @Test
    void reportsATruncatedJsonSbomWithLineAndColumn() {
        Inventory inventory = read("hostile/truncated.cdx.json", "bom.json");

        assertThat(inventory.components()).isEmpty();
        assertThat(inventory.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(6);
            assertThat(problem.column()).isPositive();
            assertThat(problem.message()).contains("'bom.json' at line 6, column");
        });
    }
}
