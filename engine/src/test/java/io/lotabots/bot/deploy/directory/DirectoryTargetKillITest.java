package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Release;
import io.lotabots.bot.deploy.directory.ReleaseHistory.SlotProcess;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Status;
import io.lotabots.http.HttpChecker;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the process that deploys (SIGKILL and SIGINT) at every step of a rolling and a blue-green deployment, and
 * in the watch of a canary, and checks that the next run finds and leaves one consistent, serving release: the
 * state file, {@code current}, the process that really listens on the port and the health answer of that very
 * process agree.
 */
class DirectoryTargetKillITest {
    private static final List<String> STEPS = List.of("release-created", "old-stopped", "new-started",
            "new-healthy", "canary-watching", "state-switched", "link-switched");

    @TempDir
    private Path workspace;

    private final EngineLog log = new EngineLog("deploy");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> deployers = new ArrayList<>();
    private int bluePort;
    private int greenPort;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (DeployStrategy strategy : List.of(DeployStrategy.ROLLING, DeployStrategy.BLUE_GREEN)) {
            for (String signal : List.of("KILL", "INT")) {
                for (String step : STEPS) {
                    if (!"canary-watching".equals(step)) {
                        cases.add(Arguments.of(strategy, signal, step));
                    }
                }
            }
        }
        // a canary is a blue-green deployment with a watch before the switch: killed in the watch, the old one serves
        for (String signal : List.of("KILL", "INT")) {
            cases.add(Arguments.of(DeployStrategy.CANARY, signal, "canary-watching"));
        }
        return cases.stream();
    }

    @BeforeEach
    void choosePorts() throws IOException {
        int[] ports = LoopbackPorts.free(2);
        bluePort = ports[0];
        greenPort = ports[1];
    }

    @AfterEach
    void stopEveryProcess() {
        deployers.forEach(Process::destroyForcibly);
        try {
            target().stopAll();
        }
        catch (RuntimeException e) {
            // the sweep below still ends them
        }
        ServiceProcesses services = new ServiceProcesses(settings(), context(), HttpChecker.Sleeper.THREAD,
                System::nanoTime);
        services.startedFrom(environment().resolve("releases")).forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    private DirectorySettings settings() {
        return new DirectorySettings(Path.of("releases"), "staging", ServiceJars.startCommand(), List.of(), "/health",
                bluePort, greenPort, Duration.ofSeconds(60), Duration.ofHours(1));
    }

    private BotContext context() {
        return BotContext.builder(workspace).log(log).http(http).build();
    }

    private DirectoryTarget target() {
        return new DirectoryTarget(settings(), context());
    }

    private Path environment() {
        return workspace.resolve("releases").resolve("staging");
    }

    @ParameterizedTest(name = "{0}, SIG{1} at {2}")
    @MethodSource("cases")
    void shouldLeaveOneConsistentServingReleaseWhenTheDeployingProcessIsKilledAtAnyStep(
            final DeployStrategy strategy, final String signal, final String step) throws Exception {
        ServiceJars.write(workspace.resolve("target/app-1.jar"), "healthy");
        ServiceJars.write(workspace.resolve("target/app-2.jar"), "healthy");
        ServiceJars.write(workspace.resolve("target/app-3.jar"), "healthy");
        target().deploy(Path.of("target/app-1.jar"), "1.0.0", strategy, url -> true);

        Process deployer = startDeployer("target/app-2.jar", "2.0.0", strategy, step);
        kill(deployer, signal);

        List<String> reconciled = target().reconcile();

        String expected = STEPS.indexOf(step) < STEPS.indexOf("state-switched") ? "1.0.0" : "2.0.0";
        assertConsistent(expected, reconciled);
        if (!"link-switched".equals(step)) {
            // after the link moved the state is already true: nothing to repair, nothing to report
            assertThat(reconciled).as("the interrupted run is reported").anyMatch(a -> a.startsWith("Reconciled: "));
        }

        DirectoryDeployment next = target().deploy(Path.of("target/app-3.jar"), "3.0.0", strategy, url -> true);

        assertThat(next.switched()).isTrue();
        assertConsistent("3.0.0", next.actions());
    }

    private Process startDeployer(final String jar, final String version, final DeployStrategy strategy,
            final String step) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ServiceJars.java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), DeployOnce.class.getName(),
                workspace.toString(), jar, version, Integer.toString(bluePort), Integer.toString(greenPort),
                strategy.getId()).redirectErrorStream(true);
        builder.environment().put(DirectoryTarget.PAUSE_AT, step);
        Process deployer = builder.start();
        deployers.add(deployer);
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(deployer.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.equals(DirectoryTarget.PAUSED + step)) {
                    return deployer;
                }
            }
        }
        deployer.waitFor();
        throw new AssertionError("The deployer ended (code " + deployer.exitValue() + ") without reaching the step "
                + step + ":\n" + String.join("\n", output));
    }

    private static void kill(final Process deployer, final String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(deployer.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        int code = deployer.waitFor();
        assertThat(code).as("exit code of the deployer after SIG" + signal).isEqualTo("KILL".equals(signal) ? 137 : 130);
    }

    private void assertConsistent(final String version, final List<String> actions) throws Exception {
        ReleaseHistory history = ReleaseHistory.load(environment().resolve("state.json"), "staging");
        String why = String.join("\n", actions);
        assertThat(history.pending()).as("no operation left pending; actions:\n%s", why).isEmpty();
        assertThat(history.releases()).as("no release left starting").noneMatch(r -> r.status() == Status.STARTING);
        List<Release> serving = history.releases().stream().filter(r -> r.status() == Status.SERVING).toList();
        assertThat(serving).as("exactly one serving release; actions:\n%s", why).hasSize(1);
        Release release = serving.get(0);
        assertThat(release.version()).isEqualTo(version);
        assertThat(Files.readSymbolicLink(environment().resolve("current")))
                .isEqualTo(Path.of("releases", release.name()));

        SlotProcess process = history.slot(Slot.of(release.slot())).orElseThrow();
        assertThat(process.release()).isEqualTo(release.name());
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        assertThat(handle.isAlive()).isTrue();
        assertThat(handle.info().startInstant()).contains(process.processStart());
        PortListeners listeners = PortListeners.system();
        if (listeners.canProve()) {
            assertThat(listeners.holderOf(release.port(), handle).holder())
                    .as("the recorded process listens on port %s", release.port())
                    .isEqualTo(PortListeners.Holder.EXPECTED);
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + release.port() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"version\":\"" + version + "\"").contains("\"pid\":" + process.pid());

        List<Long> recorded = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            history.slot(slot).ifPresent(p -> recorded.add(p.pid()));
        }
        ServiceProcesses services = new ServiceProcesses(settings(), context(), HttpChecker.Sleeper.THREAD,
                System::nanoTime);
        assertThat(services.startedFrom(environment().resolve("releases"))).as("every service that runs is recorded")
                .allSatisfy(p -> assertThat(recorded).contains(p.pid()));
    }
}
