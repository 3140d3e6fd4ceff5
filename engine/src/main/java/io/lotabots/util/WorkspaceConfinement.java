package io.lotabots.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one rule for "this path stays inside the workspace": the path is normalized ({@code .} and {@code ..}
 * resolved by name) and must lie below the workspace by name; then the symbolic links along the part of it that
 * exists are resolved and its real path must lie below the workspace's real path. A path that does not exist (yet)
 * is judged by its nearest existing parent, so that a file to be written below a linked folder that leads out of
 * the workspace is refused as well; a broken link is followed to where it points.
 *
 * <p>Callers keep their own error codes and messages: {@link #locate(Path, Path)} says where a path lies (by name,
 * really) and what it resolves to, {@link #isInside(Path, Path)} answers yes or no for those that skip quietly.
 * Example:</p>
 * <pre>{@code
 * WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace, Path.of("reports/a.json"));
 * if (!location.isInside()) {
 *     throw LotaBotsException.of(MyErrorCode.OUTSIDE_WORKSPACE, "... resolves to '" + location.real() + "' ...");
 * }
 * }</pre>
 */
public final class WorkspaceConfinement {
    /** As many links as Linux follows before it gives up with ELOOP. */
    private static final int MAX_LINKS = 40;

    private WorkspaceConfinement() {
    }

    /**
     * Returns whether the path stays inside the workspace, by name and after resolving symbolic links. A path that
     * cannot be resolved (a loop of links, a folder that cannot be read) counts as outside.
     *
     * @param workspace the workspace; it need not exist
     * @param path the path, relative to the workspace or absolute; it need not exist
     * @return {@code true} if it is the workspace or lies below it
     */
    public static boolean isInside(final Path workspace, final Path path) {
        try {
            return locate(workspace, path).isInside();
        }
        catch (IOException e) {
            return false;
        }
    }

    /**
     * Says where a path lies relative to the workspace.
     *
     * @param workspace the workspace; it need not exist
     * @param path the path, relative to the workspace or absolute; it need not exist
     * @return where it lies and what it resolves to
     * @throws IOException if the existing part of the path, or of the workspace, cannot be resolved (for example
     *         a loop of links)
     */
    public static Location locate(final Path workspace, final Path path) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path normalized = root.resolve(path).normalize();
        return new Location(root, normalized, real(root), real(normalized));
    }

    /**
     * Returns the real path of the part of the path that exists, followed by the names that do not exist yet.
     */
    private static Path real(final Path absolute) throws IOException {
        Path current = absolute;
        for (int links = 0; links <= MAX_LINKS; links++) {
            Path existing = current;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return current;
            }
            Path rest = existing.relativize(current);
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                // A broken link: where it points decides, once something is created there.
                Path folder = existing.getParent();
                Path target = Files.readSymbolicLink(existing);
                current = (folder == null ? target : folder.toRealPath().resolve(target)).resolve(rest).normalize();
                continue;
            }
            return existing.toRealPath().resolve(rest).normalize();
        }
        throw new FileSystemException(absolute.toString(), null, "Too many levels of symbolic links");
    }

    /**
     * Where a path lies relative to the workspace.
     *
     * @param workspace the absolute, normalized workspace
     * @param path the absolute, normalized path
     * @param realWorkspace the real path of the workspace (of its existing part, followed by the missing names)
     * @param real the real path of the path (of its existing part, followed by the missing names)
     */
    public record Location(Path workspace, Path path, Path realWorkspace, Path real) {
        /**
         * Returns whether the path lies below the workspace by name, before links are resolved.
         *
         * @return {@code false} for a {@code ..} that leaves the workspace or an absolute path elsewhere
         */
        public boolean isInsideByName() {
            return path.startsWith(workspace);
        }

        /**
         * Returns whether the real path lies below the real workspace.
         *
         * @return {@code false} if a link leads out of the workspace
         */
        public boolean isReallyInside() {
            return real.startsWith(realWorkspace);
        }

        /**
         * Returns whether the path stays inside the workspace, by name and really.
         *
         * @return {@code true} if it is the workspace or lies below it
         */
        public boolean isInside() {
            return isInsideByName() && isReallyInside();
        }
    }
}
