package io.lotabots.bot.deploy.directory;

import io.lotabots.util.ManualClock;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.deploy.DeployBot;
import io.lotabots.bot.deploy.DeployResult;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Status;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeployBot's canary on the directory target: the new release starts in the idle slot, passes its smoke test, is
 * watched for the canary window while the serving release keeps serving, and only then gets {@code current}. The
 * window passes on a clock that DeployBot's sleeper moves, so the two minutes take no time.
 */
class DirectoryCanaryITest {
    @TempDir
    private Path workspace;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final EngineLog log = new EngineLog("deploy");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final MessageBus bus = MessageBus.builder().correlationId("cli/app#1").build();
    /** What the sleeper saw at its first sleep of a run: the version that served during the canary window. */
    private final List<String> servingDuringTheWindow = new ArrayList<>();
    private Duration slept = Duration.ZERO;
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
        try {
            target().stopAll();
        }
        finally {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private BotContext context() {
        return BotContext.builder(workspace).clock(clock).log(log).http(http).bus(bus).build();
    }

    private DirectoryTarget target() {
        return DirectoryTarget.existing(workspace.resolve(".lotabots/releases"), "production", context());
    }

    private DeployResult deploy(final String version, final String mode) throws IOException {
        ServiceJars.write(workspace.resolve("target/app-" + version + ".jar"), mode);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("environment", "production");
        options.put("target", "directory");
        options.put("approve", true);
        options.put("artifact", "target/app-" + version + ".jar");
        options.put("appVersion", version);
        options.put("startCommand", String.join(" ", ServiceJars.startCommand()));
        options.put("bluePort", bluePort);
        options.put("greenPort", greenPort);
        options.put("strategy", "canary");
        options.put("canaryWindow", "2m");
        options.put("canaryInterval", "30s");
        options.put("smoke", List.of("/health 200 ~UP"));
        options.put("smokeRetries", 0);
        servingDuringTheWindow.clear();
        slept = Duration.ZERO;
        DeployBot bot = new DeployBot(duration -> {
            if (slept.isZero()) {
                servingDuringTheWindow.add(target().current().map(DirectoryState::version).orElse("nothing") + " "
                        + get(bluePort));
            }
            slept = slept.plus(duration);
            clock.advance(duration);
        }, null, null);
        return bot.run(options, context());
    }

    private <T> List<T> published(final DeployResult result, final Class<T> type) {
        return result.getMessages().stream().map(Message::typedPayload).flatMap(java.util.Optional::stream)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private Status statusOf(final String version) {
        return ReleaseHistory.load(workspace.resolve(".lotabots/releases/production/state.json"), "production")
                .releases().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow().status();
    }

    private String get(final int port) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (ConnectException e) {
            return "refused";
        }
        catch (IOException e) {
            return "failed: " + e;
        }
    }

    @Test
    void shouldWatchTheCanaryInTheIdleSlotForTheWindowAndOnlyThenSwitch() throws Exception {
        DeployResult first = deploy("1.0.0", "healthy");
        assertThat(first.getStatus()).as(first.getSummary()).isEqualTo(BotStatus.SUCCESS);
        assertThat(slept).as("the first release has nothing to compare with: not watched").isZero();
        assertThat(log.getInfoLines()).anyMatch(line -> line.startsWith("Canary: nothing serves production yet"));

        DeployResult canary = deploy("2.0.0", "healthy");

        assertThat(canary.getStatus()).as(canary.getSummary()).isEqualTo(BotStatus.SUCCESS);
        assertThat(slept).as("watched for the whole canary window").isEqualTo(Duration.ofMinutes(2));
        assertThat(servingDuringTheWindow).as("the old release served while the canary was watched")
                .containsExactly("1.0.0 version 1.0.0");
        List<String> actions = canary.getEnvironments().get(0).actions();
        assertThat(actions).containsSubsequence(
                actions.stream().filter(a -> a.startsWith("Started 2.0.0 in the green slot on port " + greenPort))
                        .findFirst().orElseThrow(),
                "Watching the canary 2.0.0 in the green slot on port " + greenPort + " while 1.0.0 keeps serving on"
                        + " port " + bluePort,
                "The canary 2.0.0 passed its watch; switching to it",
                "Switched current to 2.0.0 (green, http://127.0.0.1:" + greenPort + "/) from 1.0.0 (blue, port "
                        + bluePort + ")");
        assertThat(published(canary, DeployCompleted.class)).singleElement()
                .satisfies(done -> assertThat(done.strategy()).isEqualTo("canary"))
                .satisfies(done -> assertThat(done.url()).isEqualTo("http://127.0.0.1:" + greenPort + "/"));
        assertThat(target().current().orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(get(greenPort)).isEqualTo("version 2.0.0");
        assertThat(statusOf("1.0.0")).isEqualTo(Status.RETIRED);
        assertThat(statusOf("2.0.0")).isEqualTo(Status.SERVING);
    }

    @Test
    void shouldStopACanaryThatFailsItsWatchAndLeaveTheServingReleaseUntouched() throws Exception {
        DeployResult first = deploy("1.0.0", "healthy");
        assertThat(first.getStatus()).as(first.getSummary()).isEqualTo(BotStatus.SUCCESS);
        long servingPid = target().status().getServing().orElseThrow().pid();

        DeployResult canary = deploy("2.0.0", "degrading");

        assertThat(canary.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(canary.getSummary()).contains("the canary check failed: health check round 1 failed")
                .contains("1.0.0 serves again");
        List<String> actions = canary.getEnvironments().get(0).actions();
        assertThat(actions).anyMatch(a -> a.startsWith("Watching the canary 2.0.0 in the green slot"))
                .anyMatch(a -> a.startsWith("The canary 2.0.0 failed its watch at http://127.0.0.1:" + greenPort))
                .anyMatch(a -> a.startsWith("Stopped 2.0.0 in the green slot (port " + greenPort))
                .noneMatch(a -> a.startsWith("Switched current") || a.startsWith("Stopped 1.0.0"));
        assertThat(published(canary, DeployFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).startsWith("the canary check failed: "));
        assertThat(published(canary, DeployRolledBack.class)).singleElement()
                .satisfies(back -> assertThat(back.toVersion()).isEqualTo("1.0.0"));
        assertThat(target().current().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(target().status().getServing().orElseThrow().pid()).as("the serving process was never touched")
                .isEqualTo(servingPid);
        assertThat(get(bluePort)).isEqualTo("version 1.0.0");
        assertThat(get(greenPort)).isEqualTo("refused");
        assertThat(statusOf("2.0.0")).isEqualTo(Status.FAILED);
    }
}
