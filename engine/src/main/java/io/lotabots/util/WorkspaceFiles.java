package io.lotabots.util;

import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Finds files in a workspace by Ant-style patterns, the way Jenkins archives artifacts and reads test reports,
 * without ever leaving the workspace.
 *
 * <p>Patterns:</p>
 * <ul>
 *     <li>{@code /} (or {@code \}) separates folders; {@code *} and {@code ?} match within one file or folder name,
 *     and {@code [abc]} and {@code {a,b}} work as in {@link java.nio.file.FileSystem#getPathMatcher glob} syntax.</li>
 *     <li>{@code **} as a whole path segment matches zero or more folders: {@code **}{@code /TEST-*.xml} finds
 *     {@code TEST-a.xml} at the top too, as Ant does; {@code target/**} matches everything below {@code target}.
 *     A pattern that ends with {@code /} means everything below that folder.</li>
 *     <li>A pattern that starts with {@code !} in the includes excludes instead; excludes may also be given
 *     separately. An exclude wins over an include.</li>
 *     <li>{@code .} and {@code ..} are resolved first. A pattern whose {@code ..} leaves the workspace, or an
 *     absolute pattern outside it, is refused with {@link WorkspaceErrorCode#OUTSIDE_WORKSPACE}; an absolute
 *     pattern inside it is turned into a relative one.</li>
 * </ul>
 *
 * <p>Only regular files are matched, never folders. Symbolic links are never followed into folders: a link to a
 * file inside the workspace is matched like a file; a link that points outside the workspace, a link to a
 * folder, and a broken link are left out and reported in {@link Selection#getSkipped()} with the reason, when
 * their path matches a pattern. The number of matches is bounded ({@link #DEFAULT_MAX_MATCHES} unless set with
 * {@link #withMaxMatches(int)}); more throw {@link WorkspaceErrorCode#TOO_MANY_MATCHES}.</p>
 *
 * <p>Instances are immutable and thread-safe. Example:</p>
 * <pre>{@code
 * Selection jars = WorkspaceFiles.of(workspace).find(List.of("target/*.jar"), List.of("target/*-sources.jar"));
 * jars.getFiles().forEach(store::upload);
 * jars.getSkipped().forEach(s -> log.error(s.path() + ": " + s.reason()));
 * }</pre>
 */
public final class WorkspaceFiles {
    /** The most files a search returns unless told otherwise. */
    public static final int DEFAULT_MAX_MATCHES = 100_000;

    private static final String ANY_FOLDERS = "**";

    private final Path workspace;
    private final int maxMatches;

    private WorkspaceFiles(final Path workspace, final int maxMatches) {
        this.workspace = workspace;
        this.maxMatches = maxMatches;
    }

    /**
     * Searches the given workspace.
     *
     * @param workspace the folder; patterns are relative to it
     * @return the searcher, bounded to {@link #DEFAULT_MAX_MATCHES}
     */
    public static WorkspaceFiles of(final Path workspace) {
        return new WorkspaceFiles(workspace.toAbsolutePath().normalize(), DEFAULT_MAX_MATCHES);
    }

    /**
     * Returns a searcher with another bound on the number of matches.
     *
     * @param value the most files a search may return, at least 1
     * @return the searcher
     */
    public WorkspaceFiles withMaxMatches(final int value) {
        if (value < 1) {
            throw new IllegalArgumentException("The maximum number of matches must be at least 1, was " + value);
        }
        return new WorkspaceFiles(workspace, value);
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
     * Checks patterns without searching, so that a caller can reject them before doing long work (a build) or
     * in a form validation.
     *
     * @param patterns the patterns, includes or excludes, with or without {@code !}
     * @throws LotaBotsException with {@link WorkspaceErrorCode#OUTSIDE_WORKSPACE} for a pattern that leaves the
     *         workspace, {@link WorkspaceErrorCode#INVALID_PATTERN} for an empty or malformed one
     */
    public void check(final Collection<String> patterns) {
        for (String pattern : patterns) {
            compile(pattern.startsWith("!") ? pattern.substring(1) : pattern);
        }
    }

    /**
     * Finds the files that match one pattern.
     *
     * @param pattern the pattern, for example {@code target/*.jar}
     * @return the files found
     * @throws LotaBotsException see {@link #find(Collection, Collection)}
     */
    public Selection find(final String pattern) {
        return find(List.of(pattern), List.of());
    }

    /**
     * Finds the files that match any include and no exclude.
     *
     * @param includes patterns of files to find; one that starts with {@code !} excludes instead
     * @param excludes patterns of files to leave out
     * @return the files found, sorted by their relative path
     * @throws LotaBotsException with {@link WorkspaceErrorCode#OUTSIDE_WORKSPACE} for a pattern that leaves the
     *         workspace, {@link WorkspaceErrorCode#INVALID_PATTERN} for an empty or malformed one,
     *         {@link WorkspaceErrorCode#NOT_A_FOLDER} if the workspace is not a folder,
     *         {@link WorkspaceErrorCode#TOO_MANY_MATCHES} beyond the bound and
     *         {@link WorkspaceErrorCode#IO_FAILURE} if the workspace cannot be read
     */
    public Selection find(final Collection<String> includes, final Collection<String> excludes) {
        List<Glob> in = new ArrayList<>();
        List<Glob> out = new ArrayList<>();
        for (String pattern : includes) {
            if (pattern.startsWith("!")) {
                out.add(compile(pattern.substring(1)));
            }
            else {
                in.add(compile(pattern));
            }
        }
        for (String pattern : excludes) {
            out.add(compile(pattern.startsWith("!") ? pattern.substring(1) : pattern));
        }
        if (in.isEmpty()) {
            return new Selection(workspace, List.of(), List.of());
        }
        if (!Files.isDirectory(workspace)) {
            throw LotaBotsException.of(WorkspaceErrorCode.NOT_A_FOLDER, "The workspace '" + workspace
                    + "' is not a folder; run in an existing folder or give its path.");
        }
        try {
            Path real = workspace.toRealPath();
            // A workspace that is itself a link is searched through its target; links inside are never followed.
            Search search = new Search(in, out, Files.isSymbolicLink(workspace) ? real : workspace, real);
            Files.walkFileTree(search.root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, search);
            return new Selection(workspace, List.copyOf(search.matches), List.copyOf(search.skipped.values()));
        }
        catch (IOException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.IO_FAILURE, "Cannot search the workspace '" + workspace
                    + "' for " + describe(includes) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves one path a user gave (an option's value) inside the workspace: relative paths against it, absolute
     * ones as they are. A path that leaves the workspace, by {@code ..}, as an absolute path elsewhere, or through a
     * link whose target is outside, is refused. The path need not exist.
     *
     * @param path the path as given
     * @param what what it is, for the message, for example {@code the option 'suppressions'}
     * @return the absolute, normalized path
     * @throws LotaBotsException with {@link WorkspaceErrorCode#OUTSIDE_WORKSPACE} naming the path and what it is
     */
    public Path resolve(final String path, final String what) {
        Path root = workspace.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = root.resolve(path).normalize();
        }
        catch (InvalidPathException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, "The path '" + path + "' of " + what
                    + " is not a valid path: " + e.getReason(), e);
        }
        WorkspaceConfinement.Location location;
        try {
            location = WorkspaceConfinement.locate(root, resolved);
        }
        catch (IOException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.IO_FAILURE, "Cannot check the path '" + path + "' of "
                    + what + ": " + e.getMessage(), e);
        }
        if (!location.isInsideByName()) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, "The path '" + path + "' of " + what
                    + " is outside the workspace " + root + "; give a path inside it");
        }
        if (!location.isReallyInside()) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, "The path '" + path + "' of " + what
                    + " leads out of the workspace through a link; give a path inside it");
        }
        return resolved;
    }

    private static String describe(final Collection<String> patterns) {
        return "'" + String.join("', '", patterns) + "'";
    }

    private Glob compile(final String raw) {
        String text = raw.trim().replace('\\', '/');
        if (text.isEmpty()) {
            throw LotaBotsException.of(WorkspaceErrorCode.INVALID_PATTERN,
                    "A file pattern is empty; give one like target/*.jar or **/TEST-*.xml.");
        }
        if (text.indexOf('\0') >= 0) {
            throw LotaBotsException.of(WorkspaceErrorCode.INVALID_PATTERN,
                    "The file pattern '" + raw.replace('\0', '?') + "' contains a NUL character; remove it.");
        }
        if (text.endsWith("/")) {
            text += ANY_FOLDERS;
        }
        List<String> segments = new ArrayList<>(List.of(text.split("/", -1)));
        if (text.startsWith("/") || isWindowsAbsolute(text)) {
            segments = relativizeAbsolute(raw, segments);
        }
        List<String> normalized = new ArrayList<>();
        for (String segment : segments) {
            if (segment.isEmpty() || ".".equals(segment)) {
                continue;
            }
            if ("..".equals(segment)) {
                if (normalized.isEmpty()) {
                    throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, "The file pattern '" + raw
                            + "' leaves the workspace '" + workspace + "' with '..'; only files inside the"
                            + " workspace can be selected. Give a path relative to the workspace, like target/*.jar.");
                }
                String last = normalized.remove(normalized.size() - 1);
                if (isWildcard(last)) {
                    throw LotaBotsException.of(WorkspaceErrorCode.INVALID_PATTERN, "The file pattern '" + raw
                            + "' has '..' after the wildcard '" + last + "'; write the folder explicitly.");
                }
                continue;
            }
            if (ANY_FOLDERS.equals(segment) && !normalized.isEmpty()
                    && ANY_FOLDERS.equals(normalized.get(normalized.size() - 1))) {
                continue;
            }
            normalized.add(segment);
        }
        if (normalized.isEmpty()) {
            throw LotaBotsException.of(WorkspaceErrorCode.INVALID_PATTERN, "The file pattern '" + raw
                    + "' names the workspace itself, not files in it; give one like target/*.jar.");
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String segment : normalized) {
            matchers.add(segmentMatcher(raw, segment));
        }
        return new Glob(raw, normalized, matchers);
    }

    private static boolean isWindowsAbsolute(final String text) {
        return java.io.File.separatorChar == '\\' && text.length() >= 3 && Character.isLetter(text.charAt(0))
                && text.charAt(1) == ':' && text.charAt(2) == '/';
    }

    private List<String> relativizeAbsolute(final String raw, final List<String> segments) {
        int firstWildcard = 0;
        while (firstWildcard < segments.size() && !isWildcard(segments.get(firstWildcard))) {
            firstWildcard++;
        }
        String literal = String.join("/", segments.subList(0, firstWildcard));
        Path base;
        try {
            base = Path.of(literal.isEmpty() ? "/" : literal).toAbsolutePath().normalize();
        }
        catch (InvalidPathException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.INVALID_PATTERN,
                    "The file pattern '" + raw + "' is not a valid path: " + e.getMessage(), e);
        }
        Path root = workspace;
        if (!base.startsWith(root)) {
            root = realWorkspaceOrSelf();
        }
        if (!base.startsWith(root)) {
            throw LotaBotsException.of(WorkspaceErrorCode.OUTSIDE_WORKSPACE, "The file pattern '" + raw
                    + "' is an absolute path outside the workspace '" + workspace + "'; only files inside the"
                    + " workspace can be selected. Give a path relative to the workspace, like target/*.jar.");
        }
        List<String> relative = new ArrayList<>();
        for (Path name : root.relativize(base)) {
            relative.add(name.toString());
        }
        relative.addAll(segments.subList(firstWildcard, segments.size()));
        return relative;
    }

    private Path realWorkspaceOrSelf() {
        try {
            return workspace.toRealPath();
        }
        catch (IOException e) {
            return workspace;
        }
    }

    private static boolean isWildcard(final String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if ("*?[{".indexOf(segment.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static PathMatcher segmentMatcher(final String raw, final String segment) {
        if (ANY_FOLDERS.equals(segment)) {
            return path -> true; // never asked: ** is handled by the automaton
        }
        if (!isWildcard(segment)) {
            return path -> segment.equals(path.toString());
        }
        try {
            // Within one name, ** means the same as *, as in Ant.
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment.replace("**", "*"));
            return matcher::matches;
        }
        catch (PatternSyntaxException e) {
            throw LotaBotsException.of(WorkspaceErrorCode.INVALID_PATTERN, "The file pattern '" + raw
                    + "' is malformed at '" + segment + "': " + e.getDescription()
                    + ". Check brackets [] and braces {}.", e);
        }
    }

    /**
     * A compiled pattern: its path segments, {@code **} for any folders, matched like a small automaton.
     */
    private static final class Glob {
        private final String text;
        private final List<String> segments;
        private final List<PathMatcher> matchers;

        Glob(final String text, final List<String> segments, final List<PathMatcher> matchers) {
            this.text = text;
            this.segments = segments;
            this.matchers = new ArrayList<>(matchers);
        }

        private boolean isAnyFolders(final int index) {
            return index < segments.size() && ANY_FOLDERS.equals(segments.get(index));
        }

        /** The states reached after reading the names, each closed over {@code **} matching zero folders. */
        private BitSet run(final List<Path> names) {
            BitSet states = close(initial());
            for (Path name : names) {
                BitSet next = new BitSet();
                for (int state = states.nextSetBit(0); state >= 0; state = states.nextSetBit(state + 1)) {
                    if (isAnyFolders(state)) {
                        next.set(state);
                    }
                    else if (state < segments.size() && matchers.get(state).matches(name)) {
                        next.set(state + 1);
                    }
                }
                states = close(next);
                if (states.isEmpty()) {
                    break;
                }
            }
            return states;
        }

        private static BitSet initial() {
            BitSet states = new BitSet();
            states.set(0);
            return states;
        }

        private BitSet close(final BitSet states) {
            BitSet closed = (BitSet) states.clone();
            for (int state = closed.nextSetBit(0); state >= 0; state = closed.nextSetBit(state + 1)) {
                if (isAnyFolders(state)) {
                    closed.set(state + 1);
                }
            }
            return closed;
        }

        /** Whether the whole path matches. */
        boolean matches(final List<Path> names) {
            return run(names).get(segments.size());
        }

        /** Whether some path below this folder could match. */
        boolean couldMatchBelow(final List<Path> folder) {
            BitSet states = run(folder);
            int first = states.nextSetBit(0);
            return first >= 0 && first < segments.size();
        }

        /** Whether every path below this folder matches: the pattern ends with ** and reached it. */
        boolean matchesAllBelow(final List<Path> folder) {
            int last = segments.size() - 1;
            return isAnyFolders(last) && run(folder).get(last);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One walk over the workspace: prunes folders no include can match or an exclude covers entirely.
     */
    private final class Search extends SimpleFileVisitor<Path> {
        private final List<Glob> includes;
        private final List<Glob> excludes;
        private final TreeSet<String> matches = new TreeSet<>();
        private final TreeMap<String, Skipped> skipped = new TreeMap<>();
        private final Path root;
        private final Path realWorkspace;

        Search(final List<Glob> includes, final List<Glob> excludes, final Path root, final Path realWorkspace) {
            this.includes = includes;
            this.excludes = excludes;
            this.root = root;
            this.realWorkspace = realWorkspace;
        }

        private List<Path> names(final Path path) {
            List<Path> names = new ArrayList<>();
            root.relativize(path).forEach(names::add);
            return names;
        }

        private String relative(final List<Path> names) {
            StringBuilder text = new StringBuilder();
            for (Path name : names) {
                if (text.length() > 0) {
                    text.append('/');
                }
                text.append(name);
            }
            return text.toString();
        }

        @Override
        public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            List<Path> names = names(dir);
            for (Glob exclude : excludes) {
                if (exclude.matchesAllBelow(names)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            for (Glob include : includes) {
                if (include.couldMatchBelow(names)) {
                    return FileVisitResult.CONTINUE;
                }
            }
            return FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
            List<Path> names = names(file);
            if (names.isEmpty() || isExcluded(names)) {
                return FileVisitResult.CONTINUE;
            }
            boolean matched = isIncluded(names);
            if (attrs.isSymbolicLink()) {
                visitLink(file, names, matched);
            }
            else if (matched && attrs.isRegularFile()) {
                add(relative(names));
            }
            return FileVisitResult.CONTINUE;
        }

        private void visitLink(final Path link, final List<Path> names, final boolean matched) {
            boolean folderCandidate = includes.stream().anyMatch(glob -> glob.couldMatchBelow(names));
            if (!matched && !folderCandidate) {
                return;
            }
            String relative = relative(names);
            Path target;
            try {
                target = link.toRealPath();
            }
            catch (NoSuchFileException e) {
                skip(relative, "broken symbolic link to '" + linkText(link) + "'");
                return;
            }
            catch (IOException e) {
                skip(relative, "symbolic link that cannot be resolved: " + e.getMessage());
                return;
            }
            if (!target.startsWith(realWorkspace)) {
                skip(relative, "symbolic link to '" + target + "', outside the workspace");
            }
            else if (Files.isDirectory(target)) {
                if (folderCandidate) {
                    skip(relative, "symbolic link to the folder '" + relative(realWorkspace.relativize(target))
                            + "'; links to folders are not searched, name that folder in the pattern instead");
                }
            }
            else if (matched && Files.isRegularFile(target)) {
                add(relative);
            }
        }

        private String relative(final Path path) {
            List<Path> names = new ArrayList<>();
            path.forEach(names::add);
            return relative(names);
        }

        private String linkText(final Path link) {
            try {
                return Files.readSymbolicLink(link).toString();
            }
            catch (IOException e) {
                return "?";
            }
        }

        @Override
        public FileVisitResult visitFileFailed(final Path file, final IOException exc) {
            if (file.equals(root)) {
                throw LotaBotsException.of(WorkspaceErrorCode.IO_FAILURE,
                        "Cannot read the workspace '" + workspace + "': " + exc.getMessage(), exc);
            }
            List<Path> names = names(file);
            if (!isExcluded(names) && (isIncluded(names)
                    || includes.stream().anyMatch(glob -> glob.couldMatchBelow(names)))) {
                skip(relative(names), "cannot be read: " + exc.getMessage());
            }
            return FileVisitResult.CONTINUE;
        }

        private boolean isIncluded(final List<Path> names) {
            return includes.stream().anyMatch(glob -> glob.matches(names));
        }

        private boolean isExcluded(final List<Path> names) {
            return excludes.stream().anyMatch(glob -> glob.matches(names));
        }

        private void add(final String relative) {
            matches.add(relative);
            if (matches.size() > maxMatches) {
                throw LotaBotsException.of(WorkspaceErrorCode.TOO_MANY_MATCHES, "More than " + maxMatches
                        + " files in the workspace '" + workspace + "' match " + includes.stream()
                                .map(Glob::toString).map(text -> "'" + text + "'").toList()
                        + "; make the patterns narrower (for example target/*.jar rather than **/*) or add"
                        + " excludes.");
            }
        }

        private void skip(final String relative, final String reason) {
            if (skipped.size() < maxMatches) {
                skipped.put(relative, new Skipped(relative, reason));
            }
        }
    }

    /**
     * The result of a search: the files found and the paths left out with the reason.
     */
    public static final class Selection {
        private final Path workspace;
        private final List<String> relativePaths;
        private final List<Skipped> skipped;

        private Selection(final Path workspace, final List<String> relativePaths, final List<Skipped> skipped) {
            this.workspace = workspace;
            this.relativePaths = relativePaths;
            this.skipped = skipped;
        }

        /**
         * Returns the paths of the files found, relative to the workspace, with {@code /} as separator.
         *
         * @return the paths, sorted
         */
        public List<String> getRelativePaths() {
            return relativePaths;
        }

        /**
         * Returns the files found.
         *
         * @return the absolute paths, in the order of {@link #getRelativePaths()}
         */
        public List<Path> getFiles() {
            return relativePaths.stream().map(workspace::resolve).toList();
        }

        /**
         * Returns the paths that matched a pattern but were left out: symbolic links that point outside the
         * workspace, to a folder or nowhere, and files that could not be read.
         *
         * @return the skipped paths with the reason, sorted by path
         */
        public List<Skipped> getSkipped() {
            return skipped;
        }

        /**
         * Returns whether no file was found.
         *
         * @return {@code true} if empty
         */
        public boolean isEmpty() {
            return relativePaths.isEmpty();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d files, %d skipped", relativePaths.size(), skipped.size());
        }
    }

    /**
     * A path that matched but was left out.
     *
     * @param path the path relative to the workspace, with {@code /} as separator
     * @param reason why it was left out, for example {@code symbolic link to '/etc/passwd', outside the workspace}
     */
    public record Skipped(String path, String reason) {
        /**
         * Checks the values.
         */
        public Skipped {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Codes for patterns and searches that fail.
     */
    public enum WorkspaceErrorCode implements io.lotabots.error.ErrorCode {
        /** A pattern or path leaves the workspace with {@code ..} or is absolute outside it. */
        OUTSIDE_WORKSPACE,
        /** A pattern is empty or malformed. */
        INVALID_PATTERN,
        /** More files match than the bound allows. */
        TOO_MANY_MATCHES,
        /** The workspace does not exist or is not a folder. */
        NOT_A_FOLDER,
        /** An output the user named cannot be written there. */
        NOT_WRITABLE,
        /** The workspace cannot be read. */
        IO_FAILURE {
            @Override
            public boolean isUserError() {
                return false;
            }
        }
    }
}
