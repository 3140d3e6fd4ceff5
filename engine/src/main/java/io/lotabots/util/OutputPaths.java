package io.lotabots.util;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceFiles.WorkspaceErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule for every file or folder LotaBots writes (the journal, reports, SARIF, the notification file, the
 * artifact store, release folders): the path is resolved against the workspace, symbolic links followed (also those
 * along parents that do not exist yet, see {@link WorkspaceConfinement}), and it must stay inside the workspace.
 * A committed link such as {@code .lotabots -> /elsewhere} therefore makes the write fail with a clear error before
 * anything is written, instead of writing elsewhere under a name that looks like the workspace.
 *
 * <p>The exception is an output the user named explicitly where a command-line tool is expected to write anywhere
 * ({@code --sarif-out /tmp/x.sarif}, {@code --journal ~/j.jsonl}): the front end registers it with
 * {@link #allowing(Path)} after {@link #checkWritable(Path, String)} has checked it before the work starts. In
 * Jenkins nothing is registered, so every output stays in the workspace.</p>
 *
 * <p>Instances are immutable and thread-safe. Example:</p>
 * <pre>{@code
 * OutputPaths outputs = OutputPaths.confinedTo(workspace);
 * Path report = outputs.resolve(".lotabots/reports/run.html", "the HTML report");
 * }</pre>
 */
public final class OutputPaths {
    private static final String EXPLICIT_HINT =
            " (on the command line, an output file named with its option may be anywhere)";

    private final Path workspace;
    private final Set<Path> explicit;

    private OutputPaths(final Path workspace, final Set<Path> explicit) {
        this.workspace = workspace;
        this.explicit = Set.copyOf(explicit);
    }

    /**
     * Returns the rule for a workspace with no explicit outputs.
     *
     * @param workspace the workspace
     * @return the rule
     */
    public static OutputPaths confinedTo(final Path workspace) {
        return new OutputPaths(workspace.toAbsolutePath().normalize(), Set.of());
    }

    /**
     * Returns this rule with one more output the user named explicitly, which may lie anywhere.
     *
     * @param file the output, relative to the workspace or absolute
     * @return a copy that allows it
     */
    public OutputPaths allowing(final Path file) {
        Set<Path> more = new HashSet<>(explicit);
        more.add(workspace.resolve(file).normalize());
        return new OutputPaths(workspace, more);
    }

    /**
     * Returns the workspace.
     *
     * @return the absolute, normalized workspace
     */
    public Path getWorkspace() {
        return workspace;
    }

    /**
     * Returns whether the user named this output explicitly.
     *
     * @param path the output, relative to the workspace or absolute
     * @return {@code true} if it was registered with {@link #allowing(Path)}
     */
    public boolean isExplicit(final Path path) {
        return explicit.contains(workspace.resolve(path).normalize());
    }

    /**
     * Returns the outputs the user named explicitly, so that a bot that reads the workspace (SecurityBot) can leave
     * out what LotaBots writes.
     *
     * @return the absolute, normalized paths registered with {@link #allowing(Path)}
     */
    public Set<Path> getExplicit() {
        return explicit;
    }

    /**
     * Resolves a path to be written.
     *
     * @param given the path as the user or the defaults wrote it, relative to the workspace or absolute
     * @param what what is written, for the error, for example {@code "the journal"} or {@code "the option 'file'"}
     * @return the absolute, normalized path
     * @throws LotaBotsException with {@link WorkspaceErrorCode#OUTSIDE_WORKSPACE} if the path, or a link along it,
     *         leads out of the workspace and the user did not name it explicitly
     */
    public Path resolve(final String given, final String what) {
        Path path;
        try {
            path = workspace.resolve(given).normalize();
        }
        catch (InvalidPathException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, String.format(Locale.ROOT,
                    "The path '%s' of %s is not a valid path: %s.", given, what, e.getReason()), e);
        }
        return check(path, given, what);
    }

    /**
     * Checks a path to be written.
     *
     * @param path the path, relative to the workspace or absolute
     * @param what what is written, for the error
     * @return the absolute, normalized path
     * @throws LotaBotsException as {@link #resolve(String, String)}
     */
    public Path resolve(final Path path, final String what) {
        return check(workspace.resolve(path).normalize(), path.toString(), what);
    }

    private Path check(final Path path, final String given, final String what) {
        if (explicit.contains(path)) {
            return path;
        }
        WorkspaceConfinement.Location location;
        try {
            location = WorkspaceConfinement.locate(workspace, path);
        }
        catch (IOException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, String.format(Locale.ROOT,
                    "Refusing to write %s to '%s': its links cannot be resolved (%s). Nothing was written; remove "
                            + "the link.", what, given, e.getMessage()), e);
        }
        if (!location.isInsideByName()) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, String.format(Locale.ROOT,
                    "Refusing to write %s to '%s': it is outside the workspace '%s'. Nothing was written; give a "
                            + "path inside the workspace%s.", what, given, workspace, EXPLICIT_HINT));
        }
        if (!location.isReallyInside()) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, String.format(Locale.ROOT,
                    "Refusing to write %s to '%s': %s, so it would land in '%s', outside the workspace '%s'. "
                            + "Nothing was written; remove the link%s.", what, given, linkOut(path), location.real(),
                    workspace, EXPLICIT_HINT));
        }
        return path;
    }

    /**
     * Names the first symbolic link along the path that leads out of the workspace.
     */
    private String linkOut(final Path path) {
        Path current = workspace;
        for (Path name : workspace.relativize(path)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                try {
                    Path target = Files.readSymbolicLink(current);
                    if (!WorkspaceConfinement.isInside(workspace, current)) {
                        return String.format(Locale.ROOT, "'%s' is a symbolic link to '%s'",
                                workspace.relativize(current).toString().replace('\\', '/'), target);
                    }
                }
                catch (IOException e) {
                    return "'" + workspace.relativize(current) + "' is a symbolic link that cannot be read";
                }
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
        }
        return "a symbolic link along it leads out";
    }

    /**
     * Checks, before any work starts, that a file the user named explicitly can be written: it is not a folder, its
     * folder exists or can be created, and what exists is writable. Nothing is created.
     *
     * @param file the file, absolute
     * @param what how the user named it, for the error, for example {@code "--sarif-out"}
     * @throws LotaBotsException with {@link WorkspaceErrorCode#NOT_WRITABLE} naming the file and what to do
     */
    public static void checkWritable(final Path file, final String what) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw notWritable(absolute, what, "it is a folder; name a file");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw notWritable(absolute, what, "the file is not writable");
        }
        Path folder = absolute.getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw notWritable(absolute, what, "'" + folder + "' is not a folder");
        }
        if (!Files.isWritable(folder)) {
            throw notWritable(absolute, what, "the folder '" + folder + "' is not writable");
        }
    }

    private static LotaBotsException notWritable(final Path file, final String what, final String reason) {
        return LotaBotsException.of(WorkspaceErrorCode.NOT_WRITABLE, String.format(Locale.ROOT,
                "Cannot write '%s' named by %s: %s. Nothing was run; give a writable path.", file, what, reason));
    }
}
