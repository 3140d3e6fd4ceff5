package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.deploy.DeployBot;

import io.lotabots.artifact.FileDigest;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.Artifact;
import io.lotabots.message.BuildCompleted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DeployCommandTest {
    private static final BotRegistry DEPLOY = BotRegistry.of(List.of(new DeployBot()));

    @TempDir
    private Path workdir;

    @Test
    void offersTheOptionsOfTheDescriptor() {
        CliRun run = CliRun.of(DEPLOY, "deploy", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("--strategy=rolling|blueGreen|canary", "--canary-window", "--smoke",
                "--approval-override", "--releases", "rollback");
    }

    @Test
    void offersRollbackWithTheEnvironment() {
        CliRun run = CliRun.of(DEPLOY, "deploy", "rollback", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("--environment", "rolls an environment back").doesNotContain("--strategy");
    }

    @Test
    void saysThatNothingWasDeployedBeforeARollback() {
        CliRun run = CliRun.of(DEPLOY, "deploy", "rollback", "--environment", "staging", "--workdir",
                workdir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Nothing to roll back in 'staging'", "records no successful deployment");
    }

    @Test
    void refusesAnEnvironmentWithoutCredentialsBeforeChangingAnything() {
        CliRun run = CliRun.of(DEPLOY, "deploy", "--environment", "production", "--image", "shop:1.0",
                "--kubeconfig", "missing-kubeconfig", "--workdir", workdir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Environment 'production' has no usable Kubernetes credentials",
                "missing-kubeconfig' does not exist");
    }

    @Test
    void shouldNotDeployABuildThatAnotherRunOrAForgedLineAnnounced() throws IOException {
        Path jar = Files.createDirectories(workdir.resolve("target")).resolve("app.jar");
        Files.writeString(jar, "not a real jar");
        FileDigest digest = FileDigest.of(jar);
        try (Journal journal = Journal.at(workdir.resolve(Journal.DEFAULT_PATH))) {
            for (String run : List.of("cli/build", "cli/deploy")) {
                MessageBus.builder().correlationId(run).journal(journal).build().publish("BuildBot",
                        new BuildCompleted("build-" + run.substring(4), null, "main", "a1b2c3d4",
                                List.of(new Artifact("target/app.jar", digest.sha256(), digest.size())), 1.0,
                                "normal", List.of()));
            }
        }

        // ports of its own: the defaults may be held by a service of another run on this machine
        CliRun run = CliRun.of(DEPLOY, "deploy", "--environment", "staging", "--blue-port", "18491", "--green-port",
                "18492", "--workdir", workdir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("announced no build.completed", "--build build-")
                .contains("The latest build in the journal, build-deploy of the run cli/deploy, is deployed only"
                        + " when named so")
                .doesNotContain("SHA-256 checked");
        assertThat(workdir.resolve(".lotabots/releases")).doesNotExist();
    }

    @Test
    void shouldOfferTheBuildOption() {
        CliRun run = CliRun.of(DEPLOY, "deploy", "--help");

        assertThat(run.out()).contains("--build=TEXT", "by its build id or the id of");
    }
}
