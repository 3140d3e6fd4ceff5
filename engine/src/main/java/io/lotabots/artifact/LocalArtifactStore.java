package io.lotabots.artifact;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceConfinement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps artifacts in a folder on this machine: the key {@code build-42/target/app.jar} is the file
 * {@code <root>/build-42/target/app.jar}. Keys cannot leave the folder, not even through a symbolic link inside
 * it. Each file is written to a temporary file next to its target and then moved into place, atomically where the
 * file system allows, so that a reader sees the old file or the new one, never a part.
 *
 * <p>URLs are {@code file:} URIs.</p>
 */
public final class LocalArtifactStore implements ArtifactStore {
    private final Path root;

    private LocalArtifactStore(final Path root) {
        this.root = root;
    }

    /**
     * Creates a store over a folder; the folder is created on the first write.
     *
     * @param root the folder
     * @return the store
     */
    public static LocalArtifactStore of(final Path root) {
        return new LocalArtifactStore(root.toAbsolutePath().normalize());
    }

    /**
     * Returns the folder.
     *
     * @return the absolute, normalized folder
     */
    public Path getRoot() {
        return root;
    }

    @Override
    public String put(final String key, final Path file) {
        Path target = resolve(ArtifactKeys.checkFile(key));
        Path folder = java.util.Objects.requireNonNull(target.getParent(), "an artifact key always has a folder");
        try {
            // Checked before the folders are created, so that none is created where a link leads out of the store.
            if (!WorkspaceConfinement.locate(root, folder).isInside()) {
                throw LotaBotsException.of(ArtifactErrorCode.INVALID_KEY, "The artifact key '" + key
                        + "' leads through a symbolic link out of the store '" + root + "'; remove the link.");
            }
            Files.createDirectories(folder);
            if (Files.isDirectory(target)) {
                throw failure("Cannot store '" + key + "' in '" + root + "': a folder of that name exists."
                        + " Use another build id or clean the store.", null);
            }
            Path temporary = Files.createTempFile(folder, ".lotabots-", ".part");
            try {
                Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
                move(temporary, target);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException e) {
            throw failure("Cannot store '" + file + "' as '" + key + "' in '" + root + "': " + e
                    + ". Check that the folder is writable and the disk not full.", e);
        }
        return urlOf(key);
    }

    private static void move(final Path source, final Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String urlOf(final String key) {
        String uri = resolve(ArtifactKeys.checkFileOrFolder(key)).toUri().toString();
        boolean folder = key.isEmpty() || key.endsWith("/");
        return folder && !uri.endsWith("/") ? uri + "/" : uri;
    }

    @Override
    public boolean exists(final String key) {
        return Files.isRegularFile(resolve(ArtifactKeys.checkFile(key)));
    }

    @Override
    public InputStream get(final String key) {
        Path file = resolve(ArtifactKeys.checkFile(key));
        try {
            return Files.newInputStream(file);
        }
        catch (NoSuchFileException e) {
            throw LotaBotsException.of(ArtifactErrorCode.NOT_FOUND, "Nothing is stored under '" + key + "' in '"
                    + root + "'.", e);
        }
        catch (IOException e) {
            throw failure("Cannot read '" + key + "' from '" + root + "': " + e.getMessage(), e);
        }
    }

    private Path resolve(final String key) {
        Path resolved = root.resolve(key).normalize();
        if (!resolved.startsWith(root)) {
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_KEY, "The artifact key '" + key
                    + "' leaves the store '" + root + "'.");
        }
        return resolved;
    }

    private static LotaBotsException failure(final String message, @edu.umd.cs.findbugs.annotations.CheckForNull
            final Throwable cause) {
        return cause == null ? LotaBotsException.of(ArtifactErrorCode.STORE_FAILURE, message)
                : LotaBotsException.of(ArtifactErrorCode.STORE_FAILURE, message, cause);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
