package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.TestCompleted;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main job on a copy of examples/sample-app: BuildBot runs the real Maven build, TestBot reads the
 * real Surefire, Failsafe and JaCoCo reports. Needs Maven on the PATH, as the README's commands do.
 */
class SampleAppITest {
    @TempDir
    private Path copy;

    @BeforeEach
    void copySampleApp() throws IOException {
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
    }

    /**
     * Every registered bot; {@code run} picks build, test and security from them, in that order.
     */
    private static BotRegistry buildAndTest() {
        return BotRegistry.standard();
    }

    @Test
    void shouldBuildAndTestTheSampleAppAndPrintTheTimeline() {
        CliRun run = CliRun.of(buildAndTest(), "run", "--workdir", copy.toString(),
                "--set", "build.artifacts=target/*.jar", "--set", "test.minCoverage=50");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.err()).contains("[BuildBot] Running mvn -B verify").contains("<== TestBot: SUCCESS")
                .contains("<== SecurityBot: SUCCESS");
        assertThat(run.out()).contains("build.completed").contains("test.completed").contains("security.scan_completed")
                .contains("Report: ");
        assertThat(copy.resolve(".lotabots/security/security.sarif")).exists();
        List<Message> messages = Journal.at(copy.resolve(Journal.DEFAULT_PATH)).read(MessageFilter.ALL);
        BuildCompleted build = messages.stream().filter(m -> m.getType().equals(BuildCompleted.TYPE)).findFirst()
                .orElseThrow().payloadAs(BuildCompleted.class);
        assertThat(build.artifacts()).singleElement().satisfies(artifact -> {
            assertThat(artifact.path()).isEqualTo("target/sample-app-1.0.0.jar");
            assertThat(artifact.sha256()).hasSize(64);
        });
        TestCompleted tests = messages.stream().filter(m -> m.getType().equals(TestCompleted.TYPE)).findFirst()
                .orElseThrow().payloadAs(TestCompleted.class);
        assertThat(tests.totalTests()).isEqualTo(6);
        assertThat(tests.byKind()).containsKeys("unit", "integration", "e2e");
        assertThat(tests.coverage()).isGreaterThan(50.0);
        assertThat(tests.status()).isEqualTo("pass");
    }

    @Test
    void shouldStopAtTheBuildWhenATestIsBroken() throws IOException {
        Path test = copy.resolve("src/test/java/io/lotabots/sample/GreeterTest.java");
        Files.writeString(test, Files.readString(test).replace("\"Hello, Ada!\"", "\"Hello, Bob!\""));

        CliRun run = CliRun.of(buildAndTest(), "run", "--workdir", copy.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("<== BuildBot: FAILURE").contains("<== TestBot: NOT_RUN")
                .contains("<== SecurityBot: NOT_RUN");
        assertThat(run.out()).contains("build.failed");
    }
}
