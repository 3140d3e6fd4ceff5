package io.lotabots.util;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceFiles.WorkspaceErrorCode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

class WorkspaceConfinementTest {
    private Path workspace;
    private Path outside;

    @BeforeEach
    void createWorkspaceAndAFolderBesideIt(@TempDir final Path root) throws IOException {
        workspace = Files.createDirectory(root.resolve("workspace"));
        outside = Files.createDirectory(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret", StandardCharsets.UTF_8);
        Files.createDirectories(workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/App.java"), "class App {}", StandardCharsets.UTF_8);
    }

    private boolean inside(final String path) {
        return WorkspaceConfinement.isInside(workspace, Path.of(path));
    }

    @Test
    void acceptsTheWorkspaceItselfAndFilesBelowItWhetherTheyExistOrNot() throws IOException {
        assertThat(inside(".")).isTrue();
        assertThat(inside("")).isTrue();
        assertThat(WorkspaceConfinement.isInside(workspace, workspace)).isTrue();
        assertThat(inside("src/App.java")).isTrue();
        assertThat(inside("target/not/built/yet.jar")).isTrue();
        assertThat(inside("src/../src/./App.java")).isTrue();

        WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace, Path.of("src/App.java"));
        assertThat(location.path()).isEqualTo(workspace.resolve("src/App.java"));
        assertThat(location.real()).isEqualTo(workspace.resolve("src/App.java").toRealPath());
    }

    @Test
    void refusesDotDotThatLeavesTheWorkspaceByName() throws IOException {
        assertThat(inside("../outside/secret.txt")).isFalse();
        assertThat(inside("src/../../outside/secret.txt")).isFalse();
        assertThat(inside("..")).isFalse();
        // A sibling whose name starts with the workspace's name is not inside it.
        Files.createDirectory(workspace.resolveSibling("workspace-other"));
        assertThat(inside("../workspace-other/file")).isFalse();

        WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace,
                Path.of("../outside/secret.txt"));
        assertThat(location.isInsideByName()).isFalse();
        assertThat(location.isInside()).isFalse();
    }

    @Test
    void refusesAnAbsolutePathOutsideTheWorkspace() {
        assertThat(WorkspaceConfinement.isInside(workspace, outside.resolve("secret.txt"))).isFalse();
        assertThat(WorkspaceConfinement.isInside(workspace, outside.resolve("missing.txt"))).isFalse();
        assertThat(WorkspaceConfinement.isInside(workspace, workspace.getRoot())).isFalse();
    }

    @Test
    void acceptsAnAbsolutePathInsideTheWorkspace() {
        assertThat(WorkspaceConfinement.isInside(workspace, workspace.resolve("src/App.java").toAbsolutePath()))
                .isTrue();
    }

    @Test
    void refusesASymbolicLinkThatLeadsOutOfTheWorkspace() throws IOException {
        Files.createSymbolicLink(workspace.resolve("secret.txt"), outside.resolve("secret.txt"));

        WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace, Path.of("secret.txt"));

        assertThat(location.isInsideByName()).isTrue();
        assertThat(location.isReallyInside()).isFalse();
        assertThat(location.isInside()).isFalse();
        assertThat(location.real()).isEqualTo(outside.resolve("secret.txt").toRealPath());
        assertThat(inside("secret.txt")).isFalse();
    }

    @Test
    void acceptsASymbolicLinkThatStaysInsideTheWorkspace() throws IOException {
        Files.createSymbolicLink(workspace.resolve("app"), workspace.resolve("src/App.java"));
        Files.createSymbolicLink(workspace.resolve("sources"), Path.of("src"));

        assertThat(inside("app")).isTrue();
        assertThat(inside("sources/App.java")).isTrue();
        assertThat(inside("sources/New.java")).isTrue();
    }

    @Test
    void refusesAFileThatDoesNotExistYetBelowAFolderLinkedOutOfTheWorkspace() throws IOException {
        Files.createSymbolicLink(workspace.resolve("reports"), outside);

        WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace,
                Path.of("reports/new/out.sarif"));

        assertThat(location.isInsideByName()).isTrue();
        assertThat(location.isReallyInside()).isFalse();
        assertThat(location.real()).isEqualTo(outside.toRealPath().resolve("new/out.sarif"));
        assertThat(Files.exists(outside.resolve("new"))).as("nothing is created").isFalse();
    }

    @Test
    void refusesABrokenLinkThatWouldLeadOutOfTheWorkspaceOnceItsTargetExists() throws IOException {
        Files.createSymbolicLink(workspace.resolve("out.sarif"), outside.resolve("not-yet.sarif"));
        Files.createSymbolicLink(workspace.resolve("dangling"), Path.of("../outside/later"));
        Files.createSymbolicLink(workspace.resolve("local"), Path.of("src/Later.java"));

        assertThat(inside("out.sarif")).isFalse();
        assertThat(inside("dangling/file.txt")).isFalse();
        assertThat(inside("local")).isTrue();
    }

    @Test
    void comparesRealPathsWhenTheWorkspaceItselfIsALink() throws IOException {
        Path link = Files.createSymbolicLink(workspace.resolveSibling("workspace-link"), workspace);

        assertThat(WorkspaceConfinement.isInside(link, Path.of("src/App.java"))).isTrue();
        assertThat(WorkspaceConfinement.isInside(link, Path.of("target/new.jar"))).isTrue();
        WorkspaceConfinement.Location byRealName = WorkspaceConfinement.locate(link,
                workspace.resolve("src/App.java"));
        assertThat(byRealName.isReallyInside()).isTrue();
        assertThat(byRealName.isInsideByName()).as("another name of the same file").isFalse();
    }

    @Test
    void acceptsFilesOfAWorkspaceThatDoesNotExistYet() {
        Path missing = workspace.resolve("not/created");

        assertThat(WorkspaceConfinement.isInside(missing, Path.of("a/b.txt"))).isTrue();
        assertThat(WorkspaceConfinement.isInside(missing, Path.of("../b.txt"))).isFalse();
    }

    @Test
    void countsALoopOfLinksAsOutside() throws IOException {
        Files.createSymbolicLink(workspace.resolve("a"), workspace.resolve("b"));
        Files.createSymbolicLink(workspace.resolve("b"), workspace.resolve("a"));

        assertThat(inside("a/file.txt")).isFalse();
        assertThatIOException().isThrownBy(() -> WorkspaceConfinement.locate(workspace, Path.of("a/file.txt")))
                .withMessageContaining("symbolic links");
    }

    @Test
    void refusesThroughWorkspaceFilesResolveAFileBelowAFolderLinkedOut() throws IOException {
        Files.createSymbolicLink(workspace.resolve("reports"), outside);

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> WorkspaceFiles.of(workspace).resolve("reports/out.sarif", "the option 'sarifOut'"))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(WorkspaceErrorCode.OUTSIDE_WORKSPACE))
                .withMessageContaining("The path 'reports/out.sarif' of the option 'sarifOut' leads out of the"
                        + " workspace through a link");
    }
}
