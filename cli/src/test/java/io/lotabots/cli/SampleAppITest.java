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
 * real Surefire, Failsafe and JaCoCo reports, SecurityBot scans it; and DeployBot's directory target deploys the
 * real jar blue-green on loopback ports and rolls it back. Needs Maven on the PATH, as the README's commands do.
 */
class SampleAppITest {
    @TempDir
    private Path copy;

    @BeforeEach
    void copySampleApp() throws IOException {
        SampleApp.copyTo(copy);
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
        assertThat(tests.totalTests()).isEqualTo(9);
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

    @Test
    void shouldDeployTheSampleAppsJarBlueGreenAndRollItBack() throws IOException, InterruptedException {
        int blue = SampleApp.freePort();
        int green = SampleApp.freePort();
        String[] common = {"--workdir", copy.toString(), "--target", "directory", "--environment", "staging",
                "--artifact", "target/sample-app-1.0.0.jar", "--start-command", "java -jar ${ARTIFACT}",
                "--blue-port", String.valueOf(blue), "--green-port", String.valueOf(green)};
        try {
            CliRun build = CliRun.of(buildAndTest(), "build", "--workdir", copy.toString(), "--command",
                    "mvn -B -q package -DskipTests");
            assertThat(build.exitCode()).as(build.err()).isEqualTo(ExitCode.SUCCESS);

            CliRun first = CliRun.of(buildAndTest(), concat(new String[] {"deploy", "--app-version", "1.0.0",
                    "--strategy", "blueGreen", "--smoke", "/health 200 ~UP"}, common));
            CliRun second = CliRun.of(buildAndTest(), concat(new String[] {"deploy", "--app-version", "1.0.1",
                    "--strategy", "blueGreen", "--smoke", "/greeting?name=Ada 200 ~Ada"}, common));

            assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.SUCCESS);
            assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.SUCCESS);
            assertThat(second.out()).contains("deploy.completed");
            assertThat(SampleApp.get(green, "/health")).startsWith("200 ").contains("1.0.1");
            assertThat(SampleApp.get(blue, "/health")).startsWith("200 ").contains("1.0.0");

            CliRun rollback = CliRun.of(buildAndTest(), "deploy", "rollback", "--workdir", copy.toString(), "--target",
                    "directory", "--environment", "staging", "--start-command", "java -jar ${ARTIFACT}", "--blue-port",
                    String.valueOf(blue), "--green-port", String.valueOf(green));

            assertThat(rollback.exitCode()).as(rollback.err()).isEqualTo(ExitCode.SUCCESS);
            assertThat(rollback.out()).contains("deploy.rolled_back");
            assertThat(Files.readSymbolicLink(copy.resolve(".lotabots/releases/staging/current")).toString())
                    .contains("1.0.0");
        }
        finally {
            SampleApp.stopDeployed(copy, "staging", blue, green);
        }
    }

    private static String[] concat(final String[] head, final String[] tail) {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }
}
