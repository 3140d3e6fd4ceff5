package io.lotabots.bot.deploy.directory;

import io.lotabots.util.ManualClock;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Status;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;
import io.lotabots.util.SecretMasker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deploys a real service, packaged as a jar and started as its own process, on two loopback ports.
 */
class DirectoryTargetITest {
    private static final String SECRET = "s3cr3t-token-value";
    private static final Predicate<URI> ACCEPT = url -> true;

    @TempDir
    private Path workspace;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final EngineLog log = new EngineLog("deploy");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<DirectoryTarget> targets = new ArrayList<>();
    private int bluePort;
    private int greenPort;

    @BeforeEach
    void choosePorts() throws IOException {
        int[] ports = LoopbackPorts.free(2);
        bluePort = ports[0];
        greenPort = ports[1];
    }

    @AfterEach
    void stopEveryService() {
        for (DirectoryTarget target : targets) {
            try {
                target.stopAll();
            }
            catch (LotaBotsException e) {
                // the safety net below still ends the processes
            }
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private DirectoryTarget target(final Duration startTimeout, final Duration window, final List<String> stop) {
        SecretMasker masker = new SecretMasker().add(SECRET);
        BotContext context = BotContext.builder(workspace).clock(clock).log(log).masker(masker).http(http).build();
        DirectorySettings settings = new DirectorySettings(Path.of("releases"), "staging",
                ServiceJars.startCommand("--token=" + SECRET), stop, "/health", bluePort, greenPort, startTimeout,
                window);
        DirectoryTarget target = new DirectoryTarget(settings, context);
        targets.add(target);
        return target;
    }

    private DirectoryTarget target() {
        return target(Duration.ofSeconds(30), Duration.ofHours(1), List.of());
    }

    /** A target whose settings name other ports, as a later run with the default ports does. */
    private DirectoryTarget targetOn(final int blue, final int green) {
        BotContext context = BotContext.builder(workspace).clock(clock).log(log).http(http).build();
        DirectoryTarget target = new DirectoryTarget(new DirectorySettings(Path.of("releases"), "staging",
                ServiceJars.startCommand(), List.of(), "/health", blue, green, Duration.ofSeconds(30),
                Duration.ofHours(1)), context);
        targets.add(target);
        return target;
    }

    private static int[] twoFreePorts() throws IOException {
        try (ServerSocket one = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket two = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {one.getLocalPort(), two.getLocalPort()};
        }
    }

    private long recordedPid(final String slot) {
        return ReleaseHistory.load(environment().resolve("state.json"), "staging").slot(Slot.of(slot)).orElseThrow()
                .pid();
    }

    @Test
    void shouldRefuseAPortHeldByAnotherProgramBeforeStoppingTheReleaseThatServesOnEarlierPorts() throws Exception {
        target().deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        int[] defaults = twoFreePorts();
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), defaults[0]), 0);
        other.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            DirectoryTarget laterRun = targetOn(defaults[0], defaults[1]);

            assertThatThrownBy(() -> laterRun.deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING,
                    ACCEPT))
                    .isInstanceOf(LotaBotsException.class)
                    .hasMessageContaining("Port " + defaults[0] + " (the blue slot) of staging is in use by a program"
                            + " this target did not start (process " + ProcessHandle.current().pid())
                    .hasMessageContaining("Nothing was changed")
                    .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.PORT_IN_USE);
        }
        finally {
            other.stop(0);
        }
        assertThat(get(bluePort)).as("the serving release was not stopped").isEqualTo("version 1.0.0");
        assertThat(statusOf("1.0.0")).isEqualTo(Status.SERVING);
        assertThat(releaseFolders()).singleElement().asString().startsWith("1.0.0-");
        assertThat(target().current().orElseThrow().port()).isEqualTo(bluePort);
    }

    @Test
    void shouldRollBackOnThePortRecordedForTheReleaseAndNameIt() throws Exception {
        target().deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        target().deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);
        int[] defaults = twoFreePorts();

        DirectoryRollback rollback = targetOn(defaults[0], defaults[1]).rollback();

        assertThat(rollback.url()).isEqualTo(URI.create("http://127.0.0.1:" + bluePort + "/"));
        assertThat(rollback.actions())
                .anyMatch(a -> a.startsWith("Stopped 2.0.0 in the blue slot (port " + bluePort))
                .anyMatch(a -> a.startsWith("Started 1.0.0 in the blue slot on port " + bluePort))
                .anyMatch(a -> a.equals("Switched current back from 2.0.0 to 1.0.0 (blue, http://127.0.0.1:"
                        + bluePort + "/)"))
                .noneMatch(a -> a.contains(Integer.toString(defaults[0])));
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(defaults[0])).isEqualTo("refused");
    }

    @Test
    void shouldStartTheServingReleaseAgainWhenItsProcessIsGoneAndReportIt() throws Exception {
        DirectoryTarget target = target();
        target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        long pid = recordedPid("blue");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

        List<String> reconciled = target.reconcile();

        assertThat(reconciled)
                .anyMatch(a -> a.startsWith("Reconciled: process " + pid + " of 1.0.0-")
                        && a.endsWith("recorded in the blue slot no longer runs"))
                .anyMatch(a -> a.startsWith("Reconciled: 1.0.0 is recorded as serving but did not run; restarted"
                        + " 1.0.0 in the blue slot on port " + bluePort));
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(recordedPid("blue")).isNotEqualTo(pid);
        assertThat(target.reconcile()).as("a true state needs nothing").isEmpty();
    }


    /** A target whose start command carries a marker, which the started service answers on /args. */
    private DirectoryTarget targetStartedWith(final String marker) {
        BotContext context = BotContext.builder(workspace).clock(clock).log(log).http(http).build();
        DirectoryTarget target = new DirectoryTarget(new DirectorySettings(Path.of("releases"), "staging",
                ServiceJars.startCommand("--marker=" + marker), List.of(), "/health", bluePort, greenPort,
                Duration.ofSeconds(30), Duration.ofHours(1)), context);
        targets.add(target);
        return target;
    }

    @Test
    void shouldRollBackToAReleaseWithTheStartCommandItWasDeployedWith() throws Exception {
        targetStartedWith("one").deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        targetStartedWith("two").deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);
        assertThat(get(bluePort, "/args")).isEqualTo("--marker=two");

        DirectoryRollback rollback = targetStartedWith("three").rollback();

        assertThat(rollback.toVersion()).contains("1.0.0");
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(bluePort, "/args")).as("1.0.0 was started again by its own start command")
                .isEqualTo("--marker=one");
        assertThat(rollback.actions()).noneMatch(a -> a.startsWith("Warning"));
        assertThat(environment().resolve("state.json")).content().contains("\"--marker=one\"")
                .contains("\"--marker=two\"").doesNotContain("--marker=three");
    }

    @Test
    void shouldRollBackWithThisRunsStartCommandAndWarnWhenAnOldStateFileRecordsNoCommands() throws Exception {
        targetStartedWith("one").deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        targetStartedWith("two").deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);
        // the state file as LotaBots wrote it before releases kept their commands
        Path state = environment().resolve("state.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                ReleaseHistory.mapper().readTree(state.toFile());
        json.withArray("releases").forEach(release -> ((com.fasterxml.jackson.databind.node.ObjectNode) release)
                .remove("commands"));
        ReleaseHistory.mapper().writeValue(state.toFile(), json);
        assertThat(state).content().doesNotContain("--marker=");
        String old = ReleaseHistory.load(state, "staging").previous().orElseThrow().name();
        String rolledBackFrom = ReleaseHistory.load(state, "staging").current().orElseThrow().name();

        DirectoryRollback rollback = targetStartedWith("three").rollback();

        assertThat(rollback.toVersion()).contains("1.0.0");
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(bluePort, "/args")).isEqualTo("--marker=three");
        assertThat(rollback.actions())
                .anyMatch(a -> a.startsWith("Warning: state.json records no start command for the release " + old
                        + " (it was deployed by an earlier LotaBots") && a.contains("started it with this run's start"
                        + " command '") && a.endsWith("--marker=three' instead"))
                .anyMatch(a -> a.startsWith("Warning: state.json records no stop command for the release "
                        + rolledBackFrom) && a.endsWith("ended its process tree, as this run has no stop command"
                        + " instead"));
        assertThat(log.getInfoLines()).anyMatch(line -> line.startsWith("Warning: state.json records no start"
                + " command for the release " + old));
    }

    @Test
    void shouldKeepASecretOfTheStartCommandOutOfTheStateFileAndStillRestartTheReleaseWithIt() throws Exception {
        target().deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        target().deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);

        assertThat(environment().resolve("state.json")).content().doesNotContain(SECRET)
                .contains("\"--token=****\"").contains("\"masked\" : true");

        DirectoryRollback rollback = target().rollback();

        assertThat(get(bluePort, "/args")).as("this run's command masks to the recorded one, so it gives the secret")
                .isEqualTo("--token=" + SECRET);
        assertThat(rollback.actions()).noneMatch(a -> a.startsWith("Warning"));
        assertThat(log.getInfoLines()).noneMatch(line -> line.contains(SECRET));
    }

    private Path jar(final String name, final String mode) throws IOException {
        return ServiceJars.write(workspace.resolve("target").resolve(name), mode);
    }

    private String get(final int port) throws InterruptedException {
        return get(port, "/");
    }

    private String get(final int port, final String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
        catch (ConnectException e) {
            return "refused";
        }
        catch (IOException e) {
            return "failed: " + e;
        }
    }

    private Path environment() {
        return workspace.resolve("releases").resolve("staging");
    }

    private Path currentLink() throws IOException {
        return environment().resolve(Files.readSymbolicLink(environment().resolve("current")));
    }

    private List<String> releaseFolders() throws IOException {
        if (!Files.isDirectory(environment().resolve("releases"))) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(environment().resolve("releases"))) {
            return folders.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Status statusOf(final String version) {
        return ReleaseHistory.load(environment().resolve("state.json"), "staging").releases().stream()
                .filter(r -> r.version().equals(version)).findFirst().orElseThrow().status();
    }

    @Test
    void firstDeployStartsTheReleaseInTheBlueSlotAndPointsCurrentAtIt() throws Exception {
        DirectoryTarget target = target();
        assertThat(target.backup()).isEmpty();
        assertThat(target.current()).isEmpty();

        DirectoryDeployment deployment = target.deploy(jar("app.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN,
                ACCEPT);

        assertThat(deployment.switched()).isTrue();
        assertThat(deployment.slot()).isEqualTo("blue");
        assertThat(deployment.url()).isEqualTo(URI.create("http://127.0.0.1:" + bluePort + "/"));
        assertThat(deployment.previousVersion()).isEmpty();
        assertThat(deployment.releaseDir().getFileName().toString()).isEqualTo("1.0.0-20260301100000");
        assertThat(deployment.releaseDir().resolve("app.jar")).isRegularFile();
        assertThat(deployment.releaseDir().resolve("logs/service.log")).content().contains("TestService 1.0.0");
        assertThat(Files.isSymbolicLink(environment().resolve("current"))).isTrue();
        assertThat(currentLink()).isEqualTo(deployment.releaseDir());
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(target.current()).hasValueSatisfying(state -> {
            assertThat(state.version()).isEqualTo("1.0.0");
            assertThat(state.slot()).isEqualTo("blue");
            assertThat(state.port()).isEqualTo(bluePort);
        });
        assertThat(deployment.actions()).anyMatch(a -> a.startsWith("Created the release"))
                .anyMatch(a -> a.startsWith("Started 1.0.0 in the blue slot"))
                .anyMatch(a -> a.startsWith("Switched current to 1.0.0"));
        Path backup = target.backup().orElseThrow();
        assertThat(backup.getParent()).isEqualTo(environment().resolve("backups"));
        assertThat(backup).content().contains("\"version\" : \"1.0.0\"").contains("\"running\" : true");
    }

    @Test
    void theServiceOutlivesTheProcessThatDeployedIt() throws Exception {
        DirectoryTarget target = target();
        jar("app.jar", "healthy");
        Process deployer = new ProcessBuilder(ServiceJars.java(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), DeployOnce.class.getName(), workspace.toString(),
                "target/app.jar", "1.0.0", Integer.toString(bluePort), Integer.toString(greenPort))
                .redirectErrorStream(true).redirectOutput(workspace.resolve("deployer.log").toFile()).start();

        assertThat(deployer.waitFor()).as("deployer exit code; its output is in deployer.log").isZero();

        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(target.current().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(target.stopAll()).singleElement().asString().startsWith("Stopped 1.0.0 in the blue slot");
        assertThat(get(bluePort)).isEqualTo("refused");
    }

    @Test
    void blueGreenStartsTheNewVersionBesideTheOldOneAndRollsBackByTheLink() throws Exception {
        DirectoryTarget target = target();
        target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);
        List<String> seenBeforeSwitch = new ArrayList<>();

        DirectoryDeployment second = target.deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.BLUE_GREEN,
                url -> {
                    seenBeforeSwitch.add(url + " current=" + target.current().orElseThrow().version());
                    return true;
                });

        assertThat(seenBeforeSwitch).containsExactly("http://127.0.0.1:" + greenPort + "/ current=1.0.0");
        assertThat(second.switched()).isTrue();
        assertThat(second.slot()).isEqualTo("green");
        assertThat(second.previousVersion()).contains("1.0.0");
        assertThat(currentLink()).isEqualTo(second.releaseDir());
        assertThat(get(greenPort)).isEqualTo("version 2.0.0");
        assertThat(get(bluePort)).as("the old version runs on for the rollback window").isEqualTo("version 1.0.0");

        DirectoryRollback rollback = target.rollback();

        assertThat(rollback.rolledBack()).isTrue();
        assertThat(rollback.fromVersion()).contains("2.0.0");
        assertThat(rollback.toVersion()).contains("1.0.0");
        assertThat(rollback.url()).isEqualTo(URI.create("http://127.0.0.1:" + bluePort + "/"));
        assertThat(target.current().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(currentLink().getFileName().toString()).startsWith("1.0.0-");
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(greenPort)).as("the version rolled back from is stopped").isEqualTo("refused");
        assertThat(rollback.actions()).anyMatch(a -> a.startsWith("Switched current back from 2.0.0 to 1.0.0"))
                .anyMatch(a -> a.startsWith("Stopped 2.0.0 in the green slot"));
        assertThat(statusOf("2.0.0")).isEqualTo(Status.ROLLED_BACK);
        assertThatThrownBy(target::rollback).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("no earlier release")
                .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.NOTHING_TO_ROLL_BACK);
    }

    @Test
    void keepsThePreviousVersionServingWhenTheNewOneNeverBecomesHealthy() throws Exception {
        target().deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);
        DirectoryTarget target = target(Duration.ofSeconds(5), Duration.ofHours(1), List.of());
        List<URI> asked = new ArrayList<>();

        assertThatThrownBy(() -> target.deploy(jar("app-2.jar", "unhealthy"), "2.0.0", DeployStrategy.BLUE_GREEN,
                url -> asked.add(url)))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("2.0.0 did not become healthy at http://127.0.0.1:" + greenPort + "/health")
                .hasMessageContaining("expected status 200, got 503")
                .hasMessageContaining("1.0.0 keeps serving")
                .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.NOT_HEALTHY);

        assertThat(asked).as("no checks against an unhealthy release").isEmpty();
        assertThat(target.current().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(currentLink().getFileName().toString()).startsWith("1.0.0-");
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(greenPort)).isEqualTo("refused");
        assertThat(statusOf("2.0.0")).isEqualTo(Status.FAILED);
    }

    @Test
    void reportsTheLogOfAServiceThatExitsAtOnceAndMasksSecrets() throws Exception {
        DirectoryTarget target = target();
        target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);

        assertThatThrownBy(() -> target.deploy(jar("app-2.jar", "crash"), "2.0.0", DeployStrategy.BLUE_GREEN, ACCEPT))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("2.0.0 exited with code 3 before it became healthy on port " + greenPort)
                .hasMessageContaining("boom: cannot open the database")
                .hasMessageContaining("--token=****")
                .hasMessageNotContaining(SECRET)
                .hasMessageContaining("1.0.0 keeps serving")
                .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.START_FAILED);

        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(log.getInfoLines()).anyMatch(line -> line.contains("--token=****"))
                .noneMatch(line -> line.contains(SECRET));
        assertThat(log.getErrorLines()).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void keepsThePreviousVersionServingWhenTheChecksBeforeTheSwitchFail() throws Exception {
        DirectoryTarget target = target();
        target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);

        DirectoryDeployment refused = target.deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.BLUE_GREEN,
                url -> false);

        assertThat(refused.switched()).isFalse();
        assertThat(refused.previousVersion()).contains("1.0.0");
        assertThat(refused.actions()).anyMatch(a -> a.startsWith("The checks before the switch failed"))
                .anyMatch(a -> a.startsWith("Stopped 2.0.0 in the green slot"))
                .anyMatch(a -> a.startsWith("Marked the release 2.0.0-"));
        assertThat(target.current().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(greenPort)).isEqualTo("refused");
        assertThat(statusOf("2.0.0")).isEqualTo(Status.FAILED);

        assertThatThrownBy(() -> target.deploy(jar("app-3.jar", "healthy"), "3.0.0", DeployStrategy.BLUE_GREEN,
                url -> {
                    throw new IllegalStateException("smoke test crashed");
                }))
                .hasMessageContaining("smoke test crashed").hasMessageContaining("1.0.0 keeps serving");
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
    }

    @Test
    void rollingReplacesTheServiceInPlaceAndRestartsTheOldOneWhenTheNewOneFails() throws Exception {
        DirectoryTarget target = target(Duration.ofSeconds(5), Duration.ofHours(1), List.of());
        target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);

        DirectoryDeployment second = target.deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);

        assertThat(second.slot()).isEqualTo("blue");
        assertThat(get(bluePort)).isEqualTo("version 2.0.0");
        assertThat(get(greenPort)).isEqualTo("refused");
        assertThat(second.actions()).anyMatch(a -> a.startsWith("Stopped 1.0.0 in the blue slot"));

        assertThatThrownBy(() -> target.deploy(jar("app-3.jar", "unhealthy"), "3.0.0", DeployStrategy.ROLLING, ACCEPT))
                .hasMessageContaining("3.0.0 did not become healthy").hasMessageContaining("2.0.0 serves again");

        assertThat(get(bluePort)).isEqualTo("version 2.0.0");
        assertThat(target.current().orElseThrow().version()).isEqualTo("2.0.0");

        DirectoryRollback rollback = target.rollback();
        assertThat(rollback.toVersion()).contains("1.0.0");
        assertThat(get(bluePort)).as("rolling keeps one slot, so the rollback restarts 1.0.0 there")
                .isEqualTo("version 1.0.0");
    }

    @Test
    void stopsTheOldServiceWithTheStopCommand() throws Exception {
        DirectoryTarget target = target(Duration.ofSeconds(30), Duration.ofHours(1), ServiceJars.stopCommand());
        DirectoryDeployment first = target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);

        target.deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);

        assertThat(first.releaseDir().resolve("logs/service.log")).content().contains("shutdown requested");
        assertThat(get(bluePort)).isEqualTo("version 2.0.0");
    }

    @Test
    void removesReleasesThatEndedLongerThanTheRollbackWindowAgo() throws Exception {
        DirectoryTarget target = target();
        target.deploy(jar("app-1.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);
        clock.advance(Duration.ofMinutes(1));
        target.deploy(jar("app-2.jar", "healthy"), "2.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);
        clock.advance(Duration.ofMinutes(1));
        target.deploy(jar("app-3.jar", "healthy"), "3.0.0", DeployStrategy.BLUE_GREEN, ACCEPT);

        assertThat(releaseFolders()).as("within the window every release stays")
                .containsExactly("1.0.0-20260301100000", "2.0.0-20260301100100", "3.0.0-20260301100200");

        clock.advance(Duration.ofHours(2));
        DirectoryDeployment fourth = target.deploy(jar("app-4.jar", "healthy"), "4.0.0", DeployStrategy.BLUE_GREEN,
                ACCEPT);

        assertThat(releaseFolders()).as("the serving and the previous release stay")
                .containsExactly("3.0.0-20260301100200", "4.0.0-20260301120200");
        assertThat(fourth.actions()).anyMatch(a -> a.startsWith("Removed the release 1.0.0-20260301100000"))
                .anyMatch(a -> a.startsWith("Removed the release 2.0.0-20260301100100"));
        assertThat(get(bluePort)).as("3.0.0 just stopped serving: it runs on for its window").isEqualTo("version 3.0.0");
        assertThat(get(greenPort)).isEqualTo("version 4.0.0");
        assertThat(target.rollback().toVersion()).contains("3.0.0");
    }

    @Test
    void refusesAPortHeldByAnotherProgramBeforeChangingAnything() throws Exception {
        DirectoryTarget target = target();
        Path jar = jar("app.jar", "healthy");
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), bluePort));

            assertThatThrownBy(() -> target.validate(jar, "1.0.0", DeployStrategy.BLUE_GREEN))
                    .hasMessageContaining("Port " + bluePort + " (the blue slot) of staging is in use");
            assertThatThrownBy(() -> target.deploy(jar, "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT))
                    .isInstanceOf(LotaBotsException.class)
                    .hasMessageContaining("Port " + bluePort + " (the blue slot) of staging is in use by a program"
                            + " this target did not start (process " + ProcessHandle.current().pid())
                    .hasMessageContaining("Nothing was changed")
                    .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.PORT_IN_USE);
        }
        assertThat(releaseFolders()).isEmpty();
        assertThat(environment().resolve("state.json")).doesNotExist();
        assertThat(target.current()).isEmpty();
    }

    @Test
    void refusesAStartCommandWhoseProgramDoesNotExistBeforeChangingAnything() throws Exception {
        BotContext context = BotContext.builder(workspace).clock(clock).log(log).http(http).build();
        DirectoryTarget target = new DirectoryTarget(new DirectorySettings(Path.of("releases"), "staging",
                List.of(workspace.resolve("no-such-program").toString()), List.of(), "/health", bluePort, greenPort,
                Duration.ofSeconds(5), Duration.ofHours(1)), context);
        Path jar = jar("app.jar", "healthy");

        assertThatThrownBy(() -> target.deploy(jar, "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("no-such-program' of the start command does not exist or cannot be executed")
                .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.INVALID_SETTINGS);
        DirectoryTarget notOnPath = new DirectoryTarget(new DirectorySettings(Path.of("releases"), "staging",
                List.of("no-such-program-on-the-path"), List.of(), "/health", bluePort, greenPort,
                Duration.ofSeconds(5), Duration.ofHours(1)), context);
        assertThatThrownBy(() -> notOnPath.validate(jar, "1.0.0"))
                .hasMessageContaining("'no-such-program-on-the-path' of the start command is not on the PATH");
        assertThat(target.current()).isEmpty();
        assertThat(releaseFolders()).isEmpty();
    }

    @Test
    void reportsAStartCommandThatFailsInTheReleaseFolder() throws Exception {
        BotContext context = BotContext.builder(workspace).clock(clock).log(log).http(http).build();
        DirectoryTarget target = new DirectoryTarget(new DirectorySettings(Path.of("releases"), "staging",
                List.of("bin/start-missing", "${PORT}"), List.of(), "/health", bluePort, greenPort,
                Duration.ofSeconds(5), Duration.ofHours(1)), context);

        assertThatThrownBy(() -> target.deploy(jar("app.jar", "healthy"), "1.0.0", DeployStrategy.BLUE_GREEN, ACCEPT))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("start-missing")
                .hasMessageContaining("nothing was serving before")
                .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.START_FAILED);
        assertThat(target.current()).isEmpty();
        assertThat(Files.exists(environment().resolve("current"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(statusOf("1.0.0")).isEqualTo(Status.FAILED);
    }
}
