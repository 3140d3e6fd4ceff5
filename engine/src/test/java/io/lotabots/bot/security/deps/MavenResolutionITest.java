package io.lotabots.bot.security.deps;

import io.lotabots.process.LocalProcessRunner;
import io.lotabots.util.SecretMasker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Runs the real Maven on a copy of examples/sample-app to list its resolved dependencies, as SecurityBot does for a
 * pom without a list. Needs Maven on the PATH, as the README's commands and the CLI's SampleAppITest do.
 */
class MavenResolutionITest {
    @TempDir
    private Path copy;

    @Test
    void listsTheResolvedDependenciesOfTheSampleAppWithRealMaven() throws IOException {
        Path sample = Path.of(System.getProperty("user.dir")).resolve("../examples/sample-app").normalize();
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path file : files.filter(path -> !sample.relativize(path).startsWith("target")
                    && !sample.relativize(path).startsWith(".lotabots")).toList()) {
                Path target = copy.resolve(sample.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target);
                }
            }
        }
        Fixtures.RecordingLog log = new Fixtures.RecordingLog();

        Inventory inventory = DependencyInventory.builder(copy).log(log)
                .resolveMaven(new LocalProcessRunner(new SecretMasker()), MavenResolution.defaults())
                .build().detect();

        assertThat(inventory.problems()).as(String.join("\n", log.errors)).isEmpty();
        assertThat(inventory.files()).containsExactly("pom.xml");
        assertThat(inventory.components()).extracting(Component::name, Component::version, Component::line,
                Component::relation, Component::scope).contains(
                tuple("org.junit.jupiter:junit-jupiter", "5.13.4", 19, Relation.DIRECT, "test"),
                tuple("org.junit.jupiter:junit-jupiter-api", "5.13.4", 0, Relation.TRANSITIVE, "test"),
                tuple("org.opentest4j:opentest4j", "1.3.0", 0, Relation.TRANSITIVE, "test"));
        assertThat(inventory.components()).hasSize(8).allSatisfy(component ->
                assertThat(component.file()).isEqualTo("pom.xml"));
        assertThat(log.infos).anyMatch(line -> line.startsWith("Listing the resolved Maven dependencies of 'pom.xml'"
                + ": mvn -B -q -f pom.xml dependency:list -DoutputFile="));
        try (Stream<Path> left = Files.list(copy)) {
            assertThat(left.map(path -> path.getFileName().toString())).doesNotContain("target");
        }
    }
}
