package io.lotabots.bot.security.deps;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceConfinement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves the paths the inventory reads (given, detected or included) and refuses those that leave the
 * workspace, lexically ({@code ../}, absolute paths) or through a symbolic link; reads files up to a size limit.
 */
final class WorkspacePaths {
    private final Path workspace;
    private final long maxBytes;

    WorkspacePaths(final Path workspace, final long maxBytes) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    Path workspace() {
        return workspace;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Resolves a path against a folder of the workspace.
     *
     * @param base the folder relative paths start from
     * @param given the path as the user or a file wrote it
     * @param origin who names the path, for the message ("the option", "'requirements.txt' at line 3")
     * @return the absolute, normalized path inside the workspace
     * @throws LotaBotsException with {@link DependencyErrorCode#OUTSIDE_WORKSPACE} if it leaves the workspace
     */
    Path resolve(final Path base, final String given, final String origin) {
        Path path;
        try {
            path = base.resolve(given.strip()).toAbsolutePath().normalize();
        }
        catch (InvalidPathException exception) {
            throw LotaBotsException.of(DependencyErrorCode.FILE_UNREADABLE, String.format(Locale.ROOT,
                    "The path '%s' named by %s is not valid: %s.", given, origin, exception.getMessage()), exception);
        }
        WorkspaceConfinement.Location location;
        try {
            location = WorkspaceConfinement.locate(workspace, path);
        }
        catch (IOException exception) {
            throw LotaBotsException.of(DependencyErrorCode.FILE_UNREADABLE, String.format(Locale.ROOT,
                    "Cannot resolve the path '%s' named by %s: %s.", given, origin, exception.getMessage()),
                    exception);
        }
        if (!location.isInsideByName()) {
            throw outside(given, origin, "it is outside the workspace");
        }
        if (!location.isReallyInside()) {
            throw outside(given, origin, "it is a symbolic link to '" + location.real() + "', outside the workspace");
        }
        return path;
    }

    private LotaBotsException outside(final String given, final String origin, final String reason) {
        return LotaBotsException.of(DependencyErrorCode.OUTSIDE_WORKSPACE, String.format(Locale.ROOT,
                "Refusing the path '%s' named by %s: %s '%s'. Only files inside the workspace are read; give a "
                        + "path relative to it.", given, origin, reason,
                workspace));
    }

    /**
     * Returns a path relative to the workspace with {@code /}.
     *
     * @param path an absolute path inside the workspace
     * @return the relative path
     */
    String relative(final Path path) {
        return workspace.relativize(path).toString().replace('\\', '/');
    }

    /**
     * Reads a whole file, refusing one above the limit with its size.
     *
     * @param path the file
     * @return the bytes
     */
    byte[] read(final Path path) {
        String relative = relative(path);
        try {
            long size = Files.size(path);
            checkSize(relative, size);
            try (InputStream in = Files.newInputStream(path)) {
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                checkSize(relative, content.length);
                return content;
            }
        }
        catch (IOException exception) {
            throw LotaBotsException.of(DependencyErrorCode.FILE_UNREADABLE, String.format(Locale.ROOT,
                    "Cannot read '%s': %s. Check that the file exists and can be read.", relative,
                    exception.getMessage()), exception);
        }
    }

    void checkSize(final String relative, final long size) {
        if (size > maxBytes) {
            throw LotaBotsException.of(DependencyErrorCode.FILE_TOO_LARGE, String.format(Locale.ROOT,
                    "Refusing '%s': it has %d bytes, the limit is %d. Is it the right file? Raise the limit if it "
                            + "is.", relative, size, maxBytes));
        }
    }
}
