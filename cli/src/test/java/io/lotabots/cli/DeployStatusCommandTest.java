package io.lotabots.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.BotRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lotabots deploy status|stop}, {@code scenario status|stop} and the port checks before a deployment or a
 * scenario starts, with a real service: a one-file Java program that answers on {@code $PORT}.
 */
class DeployStatusCommandTest {
    private static final int BLUE = 18651;
    private static final int GREEN = 18652;
    private static final int TAKEN = 18653;
    private static final String SERVICE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Service {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1",
                            Integer.parseInt(System.getenv("PORT"))), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = ("UP " + System.getenv("VERSION")).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                    java.nio.file.Files.writeString(java.nio.file.Path.of("service.pid"),
                            Long.toString(ProcessHandle.current().pid()));
                }
            }
            """;

    @TempDir
    private Path workdir;

    @BeforeEach
    void writeTheService() throws IOException {
        Files.createDirectories(workdir.resolve("app"));
        Files.writeString(workdir.resolve("app/Service.java"), SERVICE, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopEveryService() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private CliRun cli(final String... args) {
        return CliRun.of(BotRegistry.standard(), args);
    }

    private CliRun deploy(final String environment, final String... extra) {
        List<String> args = new ArrayList<>(List.of("deploy", "--environment", environment, "--app-version", "1.0.0",
                "--artifact", "app", "--start-command",
                Path.of(System.getProperty("java.home"), "bin", "java") + " ${ARTIFACT}/Service.java",
                "--blue-port", Integer.toString(BLUE), "--green-port", Integer.toString(GREEN),
                "--workdir", workdir.toString()));
        args.addAll(List.of(extra));
        CliRun run = cli(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        return run;
    }

    private long servicePid(final String releases, final String environment) throws IOException {
        JsonNode state = new ObjectMapper().readTree(workdir.resolve(releases).resolve(environment)
                .resolve("state.json").toFile());
        return state.path("slots").path("blue").path("pid").asLong();
    }

    @Test
    void shouldShowTheServingReleaseAsTextAndJsonAndExitZero() throws Exception {
        deploy("staging");
        long pid = servicePid(".lotabots/releases", "staging");

        CliRun text = cli("deploy", "status", "--workdir", workdir.toString());

        assertThat(text.exitCode()).as(text.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(text.out()).startsWith("staging: serving")
                .contains("serving   1.0.0 (release 1.0.0-", "blue slot, port " + BLUE + ") at http://127.0.0.1:"
                        + BLUE + "/, serving since ")
                .contains("process   " + pid + " runs and listens on port " + BLUE);

        CliRun json = cli("deploy", "status", "--environment", "staging", "--json", "--workdir", workdir.toString());

        assertThat(json.exitCode()).isEqualTo(ExitCode.SUCCESS);
        JsonNode staging = new ObjectMapper().readTree(json.out()).path("environments").path(0);
        assertThat(staging.path("environment").asText()).isEqualTo("staging");
        assertThat(staging.path("serves").asBoolean()).isTrue();
        assertThat(staging.path("serving").path("version").asText()).isEqualTo("1.0.0");
        assertThat(staging.path("serving").path("port").asInt()).isEqualTo(BLUE);
        assertThat(staging.path("serving").path("pid").asLong()).isEqualTo(pid);
        assertThat(staging.path("serving").path("listening").asBoolean()).isTrue();
    }

    @Test
    void shouldStopTheServicesAndThenSayTheyWereStopped() throws Exception {
        deploy("staging");
        long pid = servicePid(".lotabots/releases", "staging");

        CliRun stop = cli("deploy", "stop", "--environment", "staging", "--workdir", workdir.toString());

        assertThat(stop.exitCode()).as(stop.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(stop.out()).startsWith("staging: Stopped 1.0.0 in the blue slot (port " + BLUE + ", process "
                + pid + ")");
        assertThat(stop.err()).as("said once, on standard output").doesNotContain("Stopped 1.0.0");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

        CliRun status = cli("deploy", "status", "--workdir", workdir.toString());

        assertThat(status.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(status.out()).startsWith("staging: NOT SERVING, stopped by lotabots deploy stop at ")
                .contains("process   none runs; port " + BLUE + ": no process");
    }

    @Test
    void shouldRunTheStopCommandTheReleaseWasDeployedWith() throws Exception {
        deploy("staging", "--stop-command", "sh -c 'echo stop command of $VERSION > stopped.txt; kill $(cat service.pid)'");
        long pid = servicePid(".lotabots/releases", "staging");
        Path release;
        try (Stream<Path> releases = Files.list(workdir.resolve(".lotabots/releases/staging/releases"))) {
            release = releases.findFirst().orElseThrow();
        }

        CliRun stop = cli("deploy", "stop", "--environment", "staging", "--workdir", workdir.toString());

        assertThat(stop.exitCode()).as(stop.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(release.resolve("stopped.txt")).as("the stop command ran in the release folder")
                .content(StandardCharsets.UTF_8).isEqualTo("stop command of 1.0.0\n");
        assertThat(stop.out()).startsWith("staging: Stopped 1.0.0 in the blue slot (port " + BLUE + ", process "
                + pid + ")");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void shouldSayThatNothingIsDeployedAndExitOne() {
        CliRun run = cli("deploy", "status", "--workdir", workdir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.out()).contains("Nothing is deployed under " + workdir.resolve(".lotabots/releases"));
    }

    @Test
    void shouldRefuseADeploymentWhosePortIsTakenBeforeChangingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(TAKEN, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = cli("deploy", "--environment", "staging", "--app-version", "1.0.0", "--artifact", "app",
                    "--start-command", "java ${ARTIFACT}/Service.java", "--blue-port", Integer.toString(TAKEN),
                    "--green-port", Integer.toString(TAKEN + 1), "--workdir", workdir.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).contains("Port " + TAKEN + " (bluePort of staging, lotabots deploy): it is in use"
                    + " by process " + ProcessHandle.current().pid())
                    .contains("Stop that program or move the port: --blue-port=" + (TAKEN + 2));
        }
        assertThat(workdir.resolve(".lotabots/releases")).doesNotExist();
    }

    @Test
    void shouldRefuseAScenarioWhosePortsCollideBeforeTheBuildStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(TAKEN, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = cli("scenario", "run", "build-test-deploy", "--workdir", workdir.toString(),
                    "--set", "deployStaging.bluePort=" + TAKEN, "--set", "deployStaging.greenPort=" + GREEN,
                    "--set", "deployProduction.bluePort=" + GREEN, "--set", "deployProduction.greenPort=" + BLUE);

            assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).contains("The ports of this run cannot be used; nothing was started")
                    .contains("Port " + TAKEN + " (bluePort of staging, stage Deploy to Staging): it is in use by"
                            + " process " + ProcessHandle.current().pid())
                    .containsPattern("move the port: --set deployStaging\\.bluePort=\\d+")
                    .contains("Port " + GREEN + " (bluePort of production, stage Deploy to Production): it is also"
                            + " the greenPort of staging (deployStaging)")
                    .containsPattern("Move the port: --set deployProduction\\.bluePort=\\d+")
                    .doesNotContain("[BuildBot]");
        }
        assertThat(workdir.resolve(".lotabots/messages.jsonl")).doesNotExist();
    }

    @Test
    void shouldShowAndStopTheEnvironmentsOfAScenarioInAMovedReleasesFolder() throws Exception {
        deploy("staging", "--releases", "moved");
        long pid = servicePid("moved", "staging");

        CliRun status = cli("scenario", "status", "build-test-deploy", "--workdir", workdir.toString(),
                "--set", "deploy.releases=moved");

        assertThat(status.exitCode()).as("production is not deployed").isEqualTo(ExitCode.FAILURE);
        assertThat(status.out()).contains("staging: serving", "port " + BLUE)
                .contains("production: NOT SERVING, nothing is deployed");

        CliRun stop = cli("scenario", "stop", "build-test-deploy", "--workdir", workdir.toString(),
                "--set", "deploy.releases=moved");

        assertThat(stop.exitCode()).as(stop.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(stop.out()).contains("staging: Stopped 1.0.0 in the blue slot (port " + BLUE)
                .contains("production: nothing is deployed in " + workdir.resolve("moved"));
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void shouldStopTheServiceOfADeletedCheckout() throws Exception {
        deploy("staging", "--releases", "checkout/releases");
        long pid = servicePid("checkout/releases", "staging");
        try (Stream<Path> files = Files.walk(workdir.resolve("checkout"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        CliRun run = cli("deploy", "stop", "--orphans", "--under", workdir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).startsWith("Stopped process " + pid + " (").contains("which no longer exists");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(cli("deploy", "stop", "--orphans", "--under", workdir.toString()).out())
                .startsWith("No service started from a release folder that no longer exists under " + workdir);
    }

    @Test
    void shouldRefuseUnderWithoutOrphans() {
        CliRun run = cli("deploy", "stop", "--under", workdir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--under limits --orphans");
    }
}
