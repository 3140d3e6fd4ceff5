package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DependencyMatcherTest {
    private static final OsvDatabase DATABASE = Fixtures.database();
    private static final String LOG4J = "org.apache.logging.log4j:log4j-core";

    @TempDir
    private Path workspace;

    private final DependencyMatcher matcher = DependencyMatcher.of(DATABASE);

    @ParameterizedTest(name = "{0} {1} {2}: {3}, fixed in {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "MAVEN | org.apache.logging.log4j:log4j-core | 2.14.1 | GHSA-7rjr-3q55-vv33 GHSA-jfh8-c2jp-5v3q | 2.16.0",
            "MAVEN | org.apache.logging.log4j:log4j-core | 2.15.0 | GHSA-7rjr-3q55-vv33 | 2.16.0",
            "MAVEN | org.apache.logging.log4j:log4j-core | 2.16.0 | - | -",
            "MAVEN | org.apache.logging.log4j:log4j-core | 2.12.1 | GHSA-7rjr-3q55-vv33 GHSA-jfh8-c2jp-5v3q | 2.12.2",
            "MAVEN | com.fasterxml.jackson.core:jackson-databind | 2.12.6 | GHSA-57j2-w4cx-62h2 | 2.12.6.1",
            "MAVEN | com.fasterxml.jackson.core:jackson-databind | 2.12.6.1 | - | -",
            "MAVEN | com.fasterxml.jackson.core:jackson-databind | 2.13.2 | GHSA-57j2-w4cx-62h2 | 2.13.2.1",
            "MAVEN | com.fasterxml.jackson.core:jackson-databind | 2.13.2.1 | - | -",
            "MAVEN | org.springframework:spring-beans | 5.3.13 | GHSA-2099-test-beans | -",
            "MAVEN | org.springframework:spring-beans | 5.3.14 | - | -",
            "MAVEN | org.springframework:spring-beans | 5.2.22.RELEASE | - | -",
            "MAVEN | org.yaml:snakeyaml | 1.33 | GHSA-mjmj-j48q-9wg2 | 2.0",
            "MAVEN | org.yaml:snakeyaml | 2.0 | - | -",
            "NPM | lodash | 4.17.20 | GHSA-35jh-r3h4-6jhm | 4.17.21",
            "NPM | lodash | 4.17.21 | - | -",
            "NPM | lodash-es | 4.17.20 | GHSA-35jh-r3h4-6jhm | -",
            "NPM | lodash-es | 4.17.21 | - | -",
            "NPM | semver | 5.7.1 | GHSA-c2qf-rxjj-qqgw | 5.7.2",
            "NPM | semver | 6.3.0 | GHSA-c2qf-rxjj-qqgw | 6.3.1",
            "NPM | semver | 7.5.1 | GHSA-c2qf-rxjj-qqgw | 7.5.2",
            "NPM | semver | 7.5.2 | - | -",
            "NPM | semver | 7.6.0-beta.1 | - | -",
            "NPM | minimist | 0.0.8 | GHSA-xvch-5gv4-984h | 0.2.4",
            "NPM | minimist | 1.2.5 | GHSA-xvch-5gv4-984h | 1.2.6",
            "NPM | minimist | 0.2.4 | - | -",
            "PYPI | requests | 2.28.1 | PYSEC-2023-74 | 2.31.0",
            "PYPI | Requests | 2.3.0 | PYSEC-2023-74 | 2.31.0",
            "PYPI | requests | 2.2.1 | - | -",
            "PYPI | requests | 2.31.0 | - | -",
            "PYPI | Friendly_Bard | 1.4.post1 | PYSEC-2099-0001 | -",
            "PYPI | friendly.bard | 1.4.post2 | - | -",
            "PYPI | friendly-bard | 2.0 | PYSEC-2099-0001 | 2.1",
            "PYPI | pyyaml | 5.3.1 | GHSA-2099-test-pyyaml | -",
            "PYPI | PyYAML | 5.4 | - | -"
    })
    void appliesTheRangeSemanticsOfEachEcosystem(final Ecosystem ecosystem, final String name, final String version,
            final String advisories, final String fixed) {
        List<SecurityFinding> findings = matcher.match(List.of(Component.of(ecosystem, name, version, "deps", 1,
                Relation.DIRECT, null)));

        List<String> expected = advisories == null ? List.of() : Arrays.asList(advisories.split(" "));
        assertThat(findings).extracting(SecurityFinding::ruleId).containsExactlyInAnyOrderElementsOf(expected);
        if (!expected.isEmpty()) {
            assertThat(findings).filteredOn(f -> f.ruleId().equals(expected.get(0))).singleElement()
                    .extracting(SecurityFinding::fixedVersion).isEqualTo(fixed);
        }
    }

    @Test
    void reportsTheVulnerableComponentsOfAnSbomAsFindings() {
        Fixtures.copy("sbom/bom-maven-1.5.json", workspace, "bom.json");
        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("bom.json"));

        List<SecurityFinding> findings = matcher.match(inventory.components());

        assertThat(findings).extracting(SecurityFinding::ruleId, SecurityFinding::severity,
                SecurityFinding::fixedVersion, SecurityFinding::pkg).containsExactly(
                tuple("GHSA-7rjr-3q55-vv33", Severity.CRITICAL, "2.16.0", new PackageRef("Maven", LOG4J, "2.14.1")),
                tuple("GHSA-jfh8-c2jp-5v3q", Severity.CRITICAL, "2.15.0", new PackageRef("Maven", LOG4J, "2.14.1")),
                tuple("GHSA-57j2-w4cx-62h2", Severity.HIGH, "2.13.2.1", new PackageRef("Maven",
                        "com.fasterxml.jackson.core:jackson-databind", "2.13.1")));
        SecurityFinding log4shell = findings.get(1);
        assertThat(log4shell.kind()).isEqualTo(FindingKind.VULNERABILITY);
        assertThat(log4shell.tool()).isEqualTo(DependencyMatcher.TOOL);
        assertThat(log4shell.aliases()).containsExactly("CVE-2021-44228");
        assertThat(log4shell.file()).isEqualTo("bom.json");
        assertThat(log4shell.line()).isZero();
        assertThat(log4shell.fingerprint()).isEqualTo(SecurityFinding.vulnerabilityFingerprint(
                "GHSA-jfh8-c2jp-5v3q", "Maven", LOG4J));
        assertThat(log4shell.message()).isEqualTo("org.apache.logging.log4j:log4j-core 2.14.1 is affected by "
                + "GHSA-jfh8-c2jp-5v3q (CVE-2021-44228), severity critical: Remote code injection in Log4j. "
                + "Fixed in 2.15.0.");
    }

    @Test
    void mergesThePackageFoundInSeveralFilesIntoOneFindingAtItsDeclaration() {
        Fixtures.copy("sbom/bom-maven-1.5.json", workspace, "target/bom.json");
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");
        Fixtures.copy("maven/dependency-list.txt", workspace, "target/deps.txt");
        Inventory inventory = DependencyInventory.builder(workspace).build()
                .read(List.of("pom.xml", "target/deps.txt", "target/bom.json"));

        List<SecurityFinding> findings = matcher.match(inventory.components());

        assertThat(findings).filteredOn(f -> f.ruleId().equals("GHSA-jfh8-c2jp-5v3q")).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.location()).isEqualTo("pom.xml:41");
                    assertThat(finding.message()).endsWith("Fixed in 2.15.0. Also in target/bom.json.");
                });
        assertThat(findings).extracting(SecurityFinding::fingerprint).doesNotHaveDuplicates();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("GHSA-2099-test-beans")).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.location()).isEqualTo("pom.xml");
                    assertThat(finding.message()).contains("No fixed version is known")
                            .contains("It is a transitive dependency.");
                });
    }

    @Test
    void mergesTwoAffectedVersionsOfOnePackageAndNamesTheFixForBoth() {
        Fixtures.copy("npm/v2/package-lock.json", workspace, "package-lock.json");
        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("package-lock.json"));

        List<SecurityFinding> findings = matcher.match(inventory.components());

        assertThat(findings).extracting(SecurityFinding::ruleId).containsExactly("GHSA-xvch-5gv4-984h",
                "GHSA-35jh-r3h4-6jhm");
        SecurityFinding minimist = findings.get(0);
        assertThat(minimist.pkg()).isEqualTo(new PackageRef("npm", "minimist", "1.2.5"));
        assertThat(minimist.location()).isEqualTo("package-lock.json:39");
        assertThat(minimist.fixedVersion()).isEqualTo("1.2.6");
        assertThat(minimist.message()).endsWith("Also in package-lock.json:28 (0.0.8).");
    }

    @Test
    void ignoresComponentsThatCannotBeMatched() {
        List<Component> components = List.of(
                new Component(null, "golang", "github.com/golang/protobuf", "v1.5.2", "bom.json", 0,
                        Relation.UNKNOWN, null),
                Component.of(Ecosystem.NPM, "lodash", "not-a-version", "package-lock.json", 3, Relation.DIRECT, null),
                Component.of(Ecosystem.PYPI, "requests", "===weird", "requirements.txt", 1, Relation.DIRECT, null));

        assertThat(matcher.match(components)).isEmpty();
    }
}
