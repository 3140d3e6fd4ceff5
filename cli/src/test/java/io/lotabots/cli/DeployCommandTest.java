package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.deploy.DeployBot;

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
}
