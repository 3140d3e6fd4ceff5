package io.lotabots.bot.deploy;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.OutputPaths;
import io.lotabots.util.WorkspaceFiles.WorkspaceErrorCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:15:30.123Z"), ZoneOffset.UTC);

    @TempDir
    private Path root;

    @Test
    void shouldWriteABackupInTheWorkspaceAndReadItBack() throws IOException {
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        BackupStore store = BackupStore.in(OutputPaths.confinedTo(workspace), CLOCK);

        String ref = store.write("staging", "1.4.2", "kubernetes.yaml", "replicas: 3\n");

        assertThat(ref).isEqualTo(".lotabots/backups/staging/20261207-101530-123-1.4.2/kubernetes.yaml");
        assertThat(workspace.resolve(ref)).hasContent("replicas: 3");
        assertThat(store.read(ref)).isEqualTo("replicas: 3\n");
    }

    @Test
    void shouldRefuseABackupFolderThatALinkLeadsOutOfTheWorkspaceAndWriteNothing() throws IOException {
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve(".lotabots"), elsewhere);
        BackupStore store = BackupStore.in(OutputPaths.confinedTo(workspace), CLOCK);

        assertThatThrownBy(() -> store.write("staging", "1.4.2", "kubernetes.yaml", "replicas: 3\n"))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(WorkspaceErrorCode.OUTSIDE_WORKSPACE))
                .hasMessageContaining("the deployment backup")
                .hasMessageContaining("'.lotabots' is a symbolic link");
        try (var written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }
}
