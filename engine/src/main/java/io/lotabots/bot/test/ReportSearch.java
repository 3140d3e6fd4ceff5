package io.lotabots.bot.test;

import io.lotabots.util.WorkspaceFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds test and coverage reports without ever mistaking a test fixture for a build's report: folders that hold
 * fixtures ({@code src/test/}, {@code test-resources/}, {@code fixtures/}, {@code node_modules/}) and the build's
 * copies of resources ({@code target/test-classes/}, {@code target/classes/}, {@code build/resources/}) are left
 * out of every pattern, unless the pattern names such a folder itself ({@code src/test/resources/sample/jacoco.xml},
 * {@code fixtures/**}{@code /lcov.info}); then that pattern is searched as given.
 */
final class ReportSearch {
    /** The folders left out unless a pattern names them. */
    static final List<String> FIXTURES = List.of("**/src/test/**", "**/test-resources/**", "**/fixtures/**",
            "**/node_modules/**", "**/target/test-classes/**", "**/target/classes/**", "**/build/resources/**");
    /** The fixture folders, as the log names them. */
    static final String FIXTURES_TEXT = "src/test, test-resources, fixtures, node_modules and the build's copies of"
            + " resources (target/test-classes, target/classes, build/resources)";

    private static final Set<String> FIXTURE_NAMES = Set.of("test-resources", "fixtures", "node_modules",
            "test-classes");
    private static final Set<List<String>> FIXTURE_PAIRS = Set.of(List.of("src", "test"),
            List.of("target", "classes"), List.of("build", "resources"));

    private ReportSearch() {
    }

    /**
     * Finds the reports that match the includes and no exclude, outside test fixtures unless named.
     *
     * @param workspace the workspace
     * @param includes the patterns; one that starts with {@code !} excludes
     * @param excludes more patterns to leave out
     * @return the files found, sorted by their relative path, and the paths skipped with their reason
     */
    static Found find(final Path workspace, final List<String> includes, final List<String> excludes) {
        List<String> general = new ArrayList<>();
        List<String> named = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        for (String pattern : includes) {
            if (pattern.startsWith("!")) {
                negated.add(pattern);
            }
            else if (namesFixtures(pattern)) {
                named.add(pattern);
            }
            else {
                general.add(pattern);
            }
        }
        WorkspaceFiles files = WorkspaceFiles.of(workspace);
        TreeSet<String> found = new TreeSet<>();
        TreeMap<String, WorkspaceFiles.Skipped> skipped = new TreeMap<>();
        if (!general.isEmpty()) {
            List<String> leftOut = new ArrayList<>(excludes);
            leftOut.addAll(FIXTURES);
            collect(files.find(concat(general, negated), leftOut), found, skipped);
        }
        if (!named.isEmpty()) {
            collect(files.find(concat(named, negated), excludes), found, skipped);
        }
        Path root = files.getWorkspace();
        return new Found(found.stream().map(root::resolve).toList(), List.copyOf(skipped.values()));
    }

    /**
     * Returns whether a pattern names a fixture folder with a literal path segment, so that the user asked for it.
     *
     * @param pattern the pattern
     * @return {@code true} for {@code src/test/resources/a/jacoco.xml} or {@code **}{@code /fixtures/*.xml}
     */
    static boolean namesFixtures(final String pattern) {
        String[] segments = pattern.replace('\\', '/').toLowerCase(Locale.ROOT).split("/");
        for (int i = 0; i < segments.length; i++) {
            if (FIXTURE_NAMES.contains(segments[i])
                    || i + 1 < segments.length && FIXTURE_PAIRS.contains(List.of(segments[i], segments[i + 1]))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void collect(final WorkspaceFiles.Selection selection, final TreeSet<String> found,
            final TreeMap<String, WorkspaceFiles.Skipped> skipped) {
        found.addAll(selection.getRelativePaths());
        selection.getSkipped().forEach(skip -> skipped.put(skip.path(), skip));
    }

    /**
     * The reports found.
     *
     * @param files the absolute paths, sorted by their relative path
     * @param skipped the paths that matched but were left out (links out of the workspace, unreadable files)
     */
    record Found(List<Path> files, List<WorkspaceFiles.Skipped> skipped) {
        Found {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }
}
