package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceFiles.WorkspaceErrorCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks that bad input is refused before anything changes; no service is started here.
 */
class DirectoryTargetTest {
    @TempDir
    private Path root;

    private Path workspace() throws IOException {
        return Files.createDirectories(root.resolve("workspace"));
    }

    private DirectoryTarget target(final Path workspace, final Path releases) {
        return new DirectoryTarget(new DirectorySettings(releases, "staging", List.of(ServiceJars.java(), "-jar", "${ARTIFACT}"),
                List.of(), "/health", 18_080, 18_081, Duration.ofSeconds(5), Duration.ofHours(1)),
                BotContext.builder(workspace).build());
    }

    private static void assertCode(final Throwable e, final DirectoryErrorCode code) {
        assertThat(e).isInstanceOf(LotaBotsException.class);
        assertThat(((LotaBotsException) e).getCode()).isEqualTo(code);
    }

    @Test
    void refusesAMissingArtifact() throws IOException {
        DirectoryTarget target = target(workspace(), Path.of("releases"));

        assertThatThrownBy(() -> target.validate(Path.of("target/app.jar"), "1.0.0"))
                .satisfies(e -> assertCode(e, DirectoryErrorCode.ARTIFACT_MISSING))
                .hasMessageContaining("The artifact 'target/app.jar' does not exist")
                .hasMessageContaining("build it first");
        assertThatThrownBy(() -> target.deploy(Path.of("target/app.jar"), "1.0.0", DeployStrategy.BLUE_GREEN, u -> true))
                .satisfies(e -> assertCode(e, DirectoryErrorCode.ARTIFACT_MISSING));
        assertThat(root.resolve("workspace/releases")).doesNotExist();
    }

    @Test
    void refusesAnArtifactOutsideTheWorkspaceAlsoThroughDotsAndLinks() throws IOException {
        Path workspace = workspace();
        Path outside = Files.writeString(root.resolve("outside.jar"), "not ours");
        Files.createSymbolicLink(workspace.resolve("link.jar"), outside);
        DirectoryTarget target = target(workspace, Path.of("releases"));

        for (Path artifact : List.of(outside, Path.of("../outside.jar"), Path.of("link.jar"))) {
            assertThatThrownBy(() -> target.validate(artifact, "1.0.0")).as(artifact.toString())
                    .satisfies(e -> assertCode(e, DirectoryErrorCode.ARTIFACT_OUTSIDE_WORKSPACE))
                    .hasMessageContaining("lies outside the workspace");
        }
        assertThat(workspace.resolve("releases")).doesNotExist();
    }

    @Test
    void refusesVersionsThatCannotNameAFolder() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        DirectoryTarget target = target(workspace, Path.of("releases"));

        for (String version : new String[] {"", " ", "../1.0", "1.0/../../x", ".1", "1 0", "x".repeat(200), "1\u00000"}) {
            assertThatThrownBy(() -> target.validate(Path.of("app.jar"), version)).as(version)
                    .satisfies(e -> assertCode(e, DirectoryErrorCode.INVALID_VERSION))
                    .hasMessageContaining("cannot be part of a release folder name");
        }
        target.validate(Path.of("app.jar"), "1.4.2-rc.1+build.7");
    }

    @Test
    void refusesAReleasesFolderThatCannotBeWritten() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        Path file = Files.writeString(root.resolve("a-file"), "in the way");
        DirectoryTarget target = target(workspace, file.resolve("releases"));

        assertThatThrownBy(() -> target.validate(Path.of("app.jar"), "1.0.0"))
                .satisfies(e -> assertCode(e, DirectoryErrorCode.RELEASES_DIR_UNWRITABLE))
                .hasMessageContaining("Cannot write the releases folder '" + file.resolve("releases").resolve("staging"))
                .hasMessageContaining("Nothing was changed");
        assertThatThrownBy(target::rollback).satisfies(e -> assertCode(e, DirectoryErrorCode.RELEASES_DIR_UNWRITABLE));
    }

    @Test
    void refusesARelativeReleasesFolderThatALinkLeadsOutOfTheWorkspaceAndWritesNothing() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve(".lotabots"), elsewhere);
        DirectoryTarget target = target(workspace, Path.of(".lotabots/releases"));

        assertThatThrownBy(() -> target.validate(Path.of("app.jar"), "1.0.0"))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(WorkspaceErrorCode.OUTSIDE_WORKSPACE))
                .hasMessageContaining("'.lotabots' is a symbolic link to '" + elsewhere + "'")
                .hasMessageContaining("Nothing was written");
        assertThatThrownBy(() -> target.deploy(Path.of("app.jar"), "1.0.0", DeployStrategy.ROLLING, u -> true))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(WorkspaceErrorCode.OUTSIDE_WORKSPACE));
        assertThatThrownBy(target::rollback).isInstanceOf(LotaBotsException.class);
        try (var written = Files.list(elsewhere)) {
            assertThat(written).as("files written through the link").isEmpty();
        }
    }

    @Test
    void writesAnAbsoluteReleasesFolderOutsideTheWorkspaceThatTheUserChose() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        Path chosen = root.resolve("srv/releases");

        target(workspace, chosen).validate(Path.of("app.jar"), "1.0.0");

        assertThat(chosen.resolve("staging/releases")).isDirectory();
    }

    @Test
    void refusesACurrentThatIsNotALink() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        Files.createDirectories(workspace.resolve("releases/staging/current"));
        DirectoryTarget target = target(workspace, Path.of("releases"));

        assertThatThrownBy(() -> target.validate(Path.of("app.jar"), "1.0.0"))
                .hasMessageContaining("is not a link but a file or folder");
    }

    @Test
    void refusesToRollBackWhenNothingWasDeployed() throws IOException {
        DirectoryTarget target = target(workspace(), Path.of("releases"));

        assertThatThrownBy(target::rollback)
                .satisfies(e -> assertCode(e, DirectoryErrorCode.NOTHING_TO_ROLL_BACK))
                .hasMessageContaining("Nothing is deployed to staging")
                .hasMessageContaining("there is nothing to roll back");
        assertThat(target.current()).isEmpty();
        assertThat(target.backup()).isEmpty();
        assertThat(target.stopAll()).isEmpty();
    }

    @Test
    void refusesToDeployWhileAnotherDeploymentHoldsTheLock() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        DirectoryTarget target = target(workspace, Path.of("releases"));
        target.validate(Path.of("app.jar"), "1.0.0");
        Path lock = target.getEnvironmentDir().resolve(".lock");

        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = channel.lock()) {
            assertThatThrownBy(() -> target.deploy(Path.of("app.jar"), "1.0.0", DeployStrategy.ROLLING, u -> true))
                    .satisfies(e -> assertCode(e, DirectoryErrorCode.DEPLOY_IN_PROGRESS))
                    .hasMessageContaining("Another deployment or rollback of staging is running");
        }
        assertThat(target.getEnvironmentDir().resolve("state.json")).doesNotExist();
    }

    @Test
    void reportsAMalformedStateFileWithoutChangingIt() throws IOException {
        Path workspace = workspace();
        Files.writeString(workspace.resolve("app.jar"), "jar");
        DirectoryTarget target = target(workspace, Path.of("releases"));
        Path state = Files.createDirectories(target.getEnvironmentDir()).resolve("state.json");
        Files.writeString(state, "{ not json");

        assertThatThrownBy(() -> target.deploy(Path.of("app.jar"), "1.0.0", DeployStrategy.ROLLING, u -> true))
                .satisfies(e -> assertCode(e, DirectoryErrorCode.STATE_UNREADABLE));
        assertThatThrownBy(target::current).satisfies(e -> assertCode(e, DirectoryErrorCode.STATE_UNREADABLE));
        assertThat(state).hasContent("{ not json");
        try (var releases = Files.list(target.getEnvironmentDir().resolve("releases"))) {
            assertThat(releases).isEmpty();
        }
    }
}
