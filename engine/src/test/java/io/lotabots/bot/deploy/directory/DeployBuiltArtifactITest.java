package io.lotabots.bot.deploy.directory;

import io.lotabots.artifact.FileDigest;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.deploy.DeployBot;
import io.lotabots.bot.deploy.DeployResult;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.Message;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Artifact;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.DeployCompleted;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DeployBot on the directory target without artifact, start command or version: it deploys the jar that BuildBot
 * stored in the run's {@code build.completed}, started with {@code java -jar}, as the build's id.
 */
class DeployBuiltArtifactITest {
    private static final String BUILD_ID = "build-20260301-100000";

    @TempDir
    private Path workspace;

    private final EngineLog log = new EngineLog("deploy");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Journal journal;
    private MessageBus bus;
    private int bluePort;
    private int greenPort;

    @BeforeEach
    void choosePorts() throws IOException {
        int[] ports = LoopbackPorts.free(2);
        bluePort = ports[0];
        greenPort = ports[1];
        journal = Journal.at(workspace.resolve(".lotabots/messages.jsonl"));
        bus = MessageBus.builder().correlationId("cli/app#1").journal(journal).build();
    }

    @AfterEach
    void stopEveryService() throws Exception {
        journal.close();
        BotContext context = BotContext.builder(workspace).log(log).http(http).build();
        new DirectoryTarget(new DirectorySettings(workspace.resolve(".lotabots/releases"), "staging",
                List.of("true"), List.of(), "/health", bluePort, greenPort, Duration.ofSeconds(5),
                Duration.ofHours(1)), context).stopAll();
    }

    private DeployResult deploy() {
        return deploy(Map.of());
    }

    private DeployResult deploy(final Map<String, Object> extra) {
        BotContext context = BotContext.builder(workspace).log(log).http(http).bus(bus).build();
        Map<String, Object> options = new LinkedHashMap<>(extra);
        options.put("environment", "staging");
        options.put("target", "directory");
        options.put("bluePort", bluePort);
        options.put("greenPort", greenPort);
        options.put("smoke", List.of("/health 200 ~UP"));
        return new DeployBot().run(options, context);
    }

    /** Writes the jar to target/, stores a copy as BuildBot does and announces the build with their checksum. */
    private Path build(final String... extraJars) throws IOException {
        Path jar = ServiceJars.write(workspace.resolve("target/app.jar"), "healthy");
        Path store = workspace.resolve(".lotabots/artifacts").resolve(BUILD_ID);
        Path copy = store.resolve("target/app.jar");
        Files.createDirectories(copy.getParent());
        Files.copy(jar, copy);
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.add(artifact("target/app.jar", copy));
        for (String extra : extraJars) {
            Path file = Files.writeString(store.resolve(extra), "not a jar", StandardCharsets.UTF_8);
            artifacts.add(artifact(extra, file));
        }
        bus.publish("BuildBot", new BuildCompleted(BUILD_ID, store.toUri() + "/", "main", "a1b2c3d4", artifacts,
                12.5, "normal", List.of()));
        return copy;
    }

    private static Artifact artifact(final String path, final Path file) throws IOException {
        FileDigest digest = FileDigest.of(file);
        return new Artifact(path, digest.sha256(), digest.size());
    }

    @Test
    void deploysTheStoredJarOfTheRunsBuildAsTheBuildIdWithJavaJar() throws Exception {
        build();

        DeployResult result = deploy();

        assertThat(result.getStatus()).as(result.getSummary()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getMessages()).filteredOn(m -> m.getType().equals(DeployCompleted.TYPE)).singleElement()
                .satisfies(m -> assertThat(m.payloadAs(DeployCompleted.class).version()).isEqualTo(BUILD_ID));
        assertThat(log.getInfoLines()).anyMatch(line -> line.contains("Deploying target/app.jar of the build "
                + BUILD_ID + " (SHA-256 checked against build.completed)"));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bluePort
                + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"version\":\"" + BUILD_ID + "\"");
    }

    @Test
    void refusesAJarThatChangedSinceTheBuildBeforeChangingAnything() throws IOException {
        Path copy = build();
        Files.writeString(copy, "tampered", StandardCharsets.UTF_8);

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(this::deploy)
                .withMessageContaining("is not what the build " + BUILD_ID + " stored")
                .withMessageContaining("Build again, or give the file with the option artifact");
        assertThat(workspace.resolve(".lotabots/releases")).doesNotExist();
    }

    @Test
    void asksWhichJarWhenTheBuildStoredSeveral() throws IOException {
        build("target/other.jar", "target/app-sources.jar");

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(this::deploy)
                .withMessageContaining("stored several files that could be deployed (target/app.jar,"
                        + " target/other.jar); choose one with the option artifact");
    }

    @Test
    void saysHowToStoreTheJarWhenTheBuildStoredNothing() {
        bus.publish("BuildBot", new BuildCompleted(BUILD_ID, null, "main", "a1b2c3d4", List.of(), 12.5, "normal",
                List.of()));

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(this::deploy)
                .withMessageContaining("stored no .jar or .war to deploy (BuildBot stores files only with its"
                        + " option artifacts, for example target/*.jar)");
    }

    @Test
    void refusesABuildMessageWhoseArtifactPathLeavesTheWorkspace(@TempDir final Path elsewhere) throws IOException {
        Path outside = ServiceJars.write(elsewhere.resolve("evil.jar"), "healthy");
        String path = workspace.relativize(outside).toString();
        bus.publish("BuildBot", new BuildCompleted(BUILD_ID, null, "main", "a1b2c3d4", List.of(artifact(path, outside)),
                12.5, "normal", List.of()));

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(this::deploy)
                .withMessageContaining("lies outside the workspace")
                .withMessageContaining("only artifacts built in the workspace are deployed");
        assertThat(workspace.resolve(".lotabots/releases")).doesNotExist();
    }

    @Test
    void shouldNameTheOptionsWhenThisRunAnnouncedNoBuild() {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(this::deploy)
                .withMessageContaining("This run (cli/app#1) announced no build.completed")
                .withMessageContaining("option artifact")
                .withMessageContaining("option build (build: 'build-20260301-100000', --build");
        assertThat(workspace.resolve(".lotabots/releases")).doesNotExist();
    }

    @Test
    void shouldNotDeployTheBuildOfAnotherRunInTheJournal() throws IOException {
        MessageBus other = MessageBus.builder().correlationId("cli/forged#9").journal(journal).build();
        Path jar = ServiceJars.write(workspace.resolve("target/app.jar"), "healthy");
        other.publish("BuildBot", new BuildCompleted("build-forged", null, "main", "a1b2c3d4",
                List.of(artifact("target/app.jar", jar)), 1.0, "normal", List.of()));

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(this::deploy)
                .withMessageContaining("This run (cli/app#1) announced no build.completed")
                .withMessageContaining("build-forged of the run cli/forged#9, is deployed only when named so");
        assertThat(log.getInfoLines()).noneMatch(line -> line.contains("SHA-256 checked against build.completed"));
        assertThat(workspace.resolve(".lotabots/releases")).doesNotExist();
    }

    @Test
    void shouldDeployTheBuildOfAnEarlierRunWhenItIsNamedByBuildIdOrMessageId() throws Exception {
        MessageBus earlier = bus;
        bus = MessageBus.builder().correlationId("cli/deploy#2").journal(journal).build();
        MessageBus deployRun = bus;
        bus = earlier;
        build();
        Message announced = bus.getPublished().get(0);
        bus = deployRun;

        DeployResult byId = deploy(Map.of("build", BUILD_ID));

        assertThat(byId.getStatus()).as(byId.getSummary()).isEqualTo(BotStatus.SUCCESS);
        assertThat(log.getInfoLines()).anyMatch(line -> line.contains("Deploying target/app.jar of the build "
                + BUILD_ID));
        DeployResult byMessage = deploy(Map.of("build", announced.getId(), "appVersion", "2.0.0"));
        assertThat(byMessage.getStatus()).as(byMessage.getSummary()).isEqualTo(BotStatus.SUCCESS);
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> deploy(Map.of("build", "build-unknown")))
                .withMessageContaining("No build.completed in the journal has the build id or message id"
                        + " 'build-unknown' given with the option build (--build); the latest builds it records are "
                        + BUILD_ID);
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> deploy(Map.of("build", BUILD_ID, "artifact", "target/app.jar")))
                .withMessageContaining("Options 'artifact' and 'build' exclude each other");
    }
}
