package io.lotabots.bot.deploy;

import io.lotabots.artifact.LocalArtifactStore;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.OutputPaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where DeployBot keeps the state it replaces: an artifact store in {@value #FOLDER} of the workspace, one folder
 * per environment and deployment ({@code staging/20261124-101530-123-1.4.2/kubernetes.yaml}). A backup reference
 * is the workspace-relative path of the file, the form {@code deploy.completed} records as {@code backup_ref}.
 * Every backup is written through {@link OutputPaths}: a {@value #FOLDER} that is, or lies under, a link out of the
 * workspace is refused before anything is written.
 */
public final class BackupStore {
    /** The folder of the backups, relative to the workspace. */
    public static final String FOLDER = ".lotabots/backups";
    /** The largest backup read back. */
    public static final int MAX_BACKUP_BYTES = 16 << 20;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final OutputPaths outputs;
    private final Path workspace;
    private final LocalArtifactStore store;
    private final Clock clock;

    private BackupStore(final OutputPaths outputs, final Clock clock) {
        this.outputs = outputs;
        this.workspace = outputs.getWorkspace();
        this.store = LocalArtifactStore.of(this.workspace.resolve(FOLDER));
        this.clock = clock;
    }

    /**
     * Creates the store of a workspace.
     *
     * @param outputs the rule for what is written, with the workspace
     * @param clock the clock that names the backups
     * @return the store
     */
    public static BackupStore in(final OutputPaths outputs, final Clock clock) {
        return new BackupStore(outputs, clock);
    }

    /**
     * Writes a backup.
     *
     * @param environment the environment
     * @param version the version about to be deployed
     * @param fileName the file name, for example {@code kubernetes.yaml}
     * @param content the content
     * @return the reference
     */
    public String write(final String environment, final String version, final String fileName, final String content) {
        String key = safe(environment) + "/" + STAMP.format(clock.instant()) + "-" + safe(version) + "/"
                + safe(fileName);
        outputs.resolve(FOLDER + "/" + key, "the deployment backup");
        try {
            Path temporary = Files.createTempFile("lotabots-backup", ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                store.put(key, temporary);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException e) {
            throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "Cannot write the backup '" + key + "' to '"
                    + store.getRoot() + "': " + e.getMessage() + ". Check that the workspace is writable.", e);
        }
        return FOLDER + "/" + key;
    }

    /**
     * Reads a backup.
     *
     * @param ref the reference {@link #write} returned
     * @return the content
     * @throws LotaBotsException if the reference is not a backup of this workspace, or cannot be read
     */
    public String read(final String ref) {
        String prefix = FOLDER + "/";
        if (!ref.startsWith(prefix)) {
            throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "The backup reference '" + ref
                    + "' is not in " + FOLDER + " of the workspace; give a reference that deploy.completed recorded.");
        }
        try (InputStream in = store.get(ref.substring(prefix.length()))) {
            byte[] bytes = in.readNBytes(MAX_BACKUP_BYTES + 1);
            if (bytes.length > MAX_BACKUP_BYTES) {
                throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "The backup '" + ref + "' is larger than "
                        + MAX_BACKUP_BYTES + " bytes; it was not written by DeployBot.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "Cannot read the backup '" + ref + "': "
                    + e.getMessage(), e);
        }
        catch (LotaBotsException e) {
            if (e.getCode() == DeployErrorCode.BACKUP_FAILURE) {
                throw e;
            }
            throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "Cannot read the backup '" + ref + "': "
                    + e.getMessage() + " Was the workspace cleaned since the deployment?", e);
        }
    }

    /**
     * Returns the reference of a file a target wrote itself: workspace-relative when it is inside the workspace.
     *
     * @param file the file
     * @return the reference
     */
    public String refOf(final Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workspace) ? workspace.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }

    /**
     * Returns the workspace.
     *
     * @return the workspace
     */
    public Path getWorkspace() {
        return workspace;
    }

    private static String safe(final String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
