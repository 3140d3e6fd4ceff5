package io.lotabots.bot.deploy.directory;

import io.lotabots.util.ManualClock;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code lotabots deploy status|stop} read and do through the directory target: the status of an environment
 * checked against the real process and socket without changing the state, a stop recorded in the state, the owner
 * of a port, and services whose release folder was deleted.
 */
class DirectoryTargetStatusITest {
    private static final int BLUE = 18641;
    private static final int GREEN = 18642;
    private static final Predicate<URI> ACCEPT = url -> true;

    @TempDir
    private Path workspace;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final EngineLog log = new EngineLog("deploy");
    private final List<DirectoryTarget> targets = new ArrayList<>();

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

    private BotContext context() {
        return BotContext.builder(workspace).clock(clock).log(log).build();
    }

    private DirectoryTarget target(final String releases, final String environment) {
        DirectoryTarget target = new DirectoryTarget(new DirectorySettings(Path.of(releases), environment,
                ServiceJars.startCommand(), List.of(), "/health", BLUE, GREEN, Duration.ofSeconds(30),
                Duration.ofHours(1)), context());
        targets.add(target);
        return target;
    }

    private Path jar(final String name) throws IOException {
        return ServiceJars.write(workspace.resolve("target").resolve(name), "healthy");
    }

    private Path stateFile() {
        return workspace.resolve("releases/staging/state.json");
    }

    @Test
    void shouldReportTheServingReleaseAsAliveAndListeningWithoutChangingTheState() throws Exception {
        target("releases", "staging").deploy(jar("app.jar"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        byte[] before = Files.readAllBytes(stateFile());
        long pid = ReleaseHistory.load(stateFile(), "staging").slot(Slot.BLUE).orElseThrow().pid();

        DirectoryStatus status = DirectoryTarget.existing(Path.of("releases"), "staging", context()).status();

        assertThat(status.serves()).isTrue();
        DirectoryStatus.Release serving = status.getServing().orElseThrow();
        assertThat(serving.version()).isEqualTo("1.0.0");
        assertThat(serving.slot()).isEqualTo("blue");
        assertThat(serving.port()).isEqualTo(BLUE);
        assertThat(serving.url()).hasToString("http://127.0.0.1:" + BLUE + "/");
        assertThat(serving.pid()).isEqualTo(pid);
        assertThat(serving.alive()).isTrue();
        assertThat(serving.listening()).isTrue();
        assertThat(serving.servedAt()).isEqualTo(clock.instant());
        assertThat(status.getPrevious()).isEmpty();
        assertThat(status.stoppedAt()).isNull();
        assertThat(Files.readAllBytes(stateFile())).as("status changes nothing").isEqualTo(before);
    }

    @Test
    void shouldSayThatTheServingReleaseIsDeadWithoutRepairingIt() throws Exception {
        target("releases", "staging").deploy(jar("app.jar"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        long pid = ReleaseHistory.load(stateFile(), "staging").slot(Slot.BLUE).orElseThrow().pid();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
        byte[] before = Files.readAllBytes(stateFile());

        DirectoryStatus status = DirectoryTarget.existing(Path.of("releases"), "staging", context()).status();

        assertThat(status.serves()).isFalse();
        assertThat(status.getServing().orElseThrow().alive()).isFalse();
        assertThat(status.getServing().orElseThrow().listener()).isEqualTo("no process");
        assertThat(Files.readAllBytes(stateFile())).as("status does not reconcile").isEqualTo(before);
    }

    @Test
    void shouldRecordAStopSoThatStatusAndTheNextDeploymentTellTheTruth() throws Exception {
        target("releases", "staging").deploy(jar("app-1.jar"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        DirectoryTarget existing = DirectoryTarget.existing(Path.of("releases"), "staging", context());

        assertThat(existing.stopAll()).singleElement().asString().startsWith("Stopped 1.0.0 in the blue slot (port "
                + BLUE);

        DirectoryStatus stopped = existing.status();
        assertThat(stopped.stoppedAt()).isEqualTo(clock.instant());
        assertThat(stopped.serves()).isFalse();
        assertThat(stopped.getServing().orElseThrow().pid()).isNull();

        DirectoryDeployment next = target("releases", "staging").deploy(jar("app-2.jar"), "2.0.0",
                DeployStrategy.ROLLING, ACCEPT);
        assertThat(next.actions()).anyMatch(action -> action.contains("1.0.0 is recorded as serving but was stopped"
                + " by lotabots deploy stop")).noneMatch(action -> action.contains("restarted"));
        DirectoryStatus after = existing.status();
        assertThat(after.stoppedAt()).isNull();
        assertThat(after.serves()).isTrue();
        assertThat(after.getServing().orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(after.getPrevious().orElseThrow().version()).isEqualTo("1.0.0");
    }

    @Test
    void shouldNameTheProgramOnAPortButNotTheEnvironmentsOwnService() throws Exception {
        target("releases", "staging").deploy(jar("app.jar"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        DirectoryTarget existing = DirectoryTarget.existing(Path.of("releases"), "staging", context());
        DirectoryTarget other = DirectoryTarget.existing(Path.of("releases"), "production", context());

        assertThat(existing.foreignHolder(BLUE)).as("its own serving release").isEmpty();
        assertThat(other.foreignHolder(BLUE)).as("another environment's service").get().asString()
                .startsWith("process ");
        assertThat(existing.foreignHolder(GREEN)).as("free").isEmpty();
        try (ServerSocket taken = new ServerSocket(GREEN, 1, InetAddress.getLoopbackAddress())) {
            assertThat(existing.foreignHolder(GREEN)).get().asString()
                    .startsWith("process " + ProcessHandle.current().pid());
        }
    }

    @Test
    void shouldTakeAnUnrecordedServiceOfTheEnvironmentAsItsOwn() throws Exception {
        Path jar = jar("app.jar");
        ProcessBuilder builder = new ProcessBuilder(ServiceJars.startCommand().stream()
                .map(word -> word.replace("${ARTIFACT}", jar.toString())).toList())
                .redirectErrorStream(true).redirectOutput(workspace.resolve("service.log").toFile());
        builder.environment().put("PORT", Integer.toString(GREEN));
        builder.environment().put("APP_VERSION", "0.9.0");
        builder.environment().put(ServiceProcesses.RELEASE_MARK,
                workspace.resolve("releases/staging/releases/0.9.0-20260301090000").toString());
        Process unrecorded = builder.start();
        while (ServiceProcesses.isPortFree(GREEN) && unrecorded.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(unrecorded.isAlive()).as("the service started; see service.log").isTrue();

        assertThat(DirectoryTarget.existing(Path.of("releases"), "staging", context()).foreignHolder(GREEN))
                .as("a run of staging started it and its reconciliation stops it").isEmpty();
        assertThat(DirectoryTarget.existing(Path.of("releases"), "production", context()).foreignHolder(GREEN))
                .get().asString().startsWith("process " + unrecorded.pid());
    }

    @Test
    void shouldListTheEnvironmentsThatHoldAState() throws Exception {
        target("releases", "staging").deploy(jar("app.jar"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        Files.createDirectories(workspace.resolve("releases/empty"));

        assertThat(DirectoryTarget.environmentsUnder(workspace.resolve("releases"))).containsExactly("staging");
        assertThat(DirectoryTarget.environmentsUnder(workspace.resolve("missing"))).isEmpty();
    }

    @Test
    void shouldStopOnlyTheServicesWhoseReleaseFolderWasDeleted() throws Exception {
        target("checkout/releases", "staging").deploy(jar("app-1.jar"), "1.0.0", DeployStrategy.ROLLING, ACCEPT);
        DirectoryTarget kept = new DirectoryTarget(new DirectorySettings(Path.of("kept"), "production",
                ServiceJars.startCommand(), List.of(), "/health", GREEN, BLUE, Duration.ofSeconds(30),
                Duration.ofHours(1)), context());
        targets.add(kept);
        kept.deploy(jar("app-2.jar"), "2.0.0", DeployStrategy.ROLLING, ACCEPT);
        long orphan = ReleaseHistory.load(workspace.resolve("checkout/releases/staging/state.json"), "staging")
                .slot(Slot.BLUE).orElseThrow().pid();
        long keptPid = ReleaseHistory.load(workspace.resolve("kept/production/state.json"), "production")
                .slot(Slot.BLUE).orElseThrow().pid();
        deleteTree(workspace.resolve("checkout"));

        List<String> stopped = DirectoryTarget.stopOrphans(workspace, context());

        assertThat(stopped).singleElement().asString().startsWith("Stopped process " + orphan + " (")
                .contains("release folder " + workspace.resolve("checkout/releases/staging/releases"),
                        "which no longer exists");
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(keptPid).filter(ProcessHandle::isAlive)).as("its folder exists").isPresent();
        assertThat(DirectoryTarget.stopOrphans(workspace, context())).as("nothing left").isEmpty();
    }

    private static void deleteTree(final Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
