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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WorkspaceFilesTest {
    private Path workspace;
    private Path outside;

    @BeforeEach
    void createWorkspaceAndAFolderBesideIt(@TempDir final Path root) throws IOException {
        workspace = Files.createDirectory(root.resolve("workspace"));
        outside = Files.createDirectory(root.resolve("outside"));
    }

    private void files(final String... paths) throws IOException {
        for (String path : paths) {
            Path file = workspace.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, path, StandardCharsets.UTF_8);
        }
    }

    private List<String> find(final String... patterns) {
        return WorkspaceFiles.of(workspace).find(List.of(patterns), List.of()).getRelativePaths();
    }

    private static void assertRefused(final Runnable search, final WorkspaceErrorCode code, final String text) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(search::run)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(code))
                .withMessageContaining(text);
    }

    @Test
    void shouldLetDoubleStarSlashMatchZeroFoldersAsAntDoes() throws IOException {
        files("TEST-top.xml", "a/TEST-one.xml", "a/b/c/TEST-deep.xml", "a/other.xml");

        assertThat(find("**/TEST-*.xml")).containsExactly("TEST-top.xml", "a/TEST-one.xml", "a/b/c/TEST-deep.xml");
    }

    @Test
    void shouldLetDoubleStarInTheMiddleMatchZeroOrMoreFolders() throws IOException {
        files("src/test/a.xml", "src/x/y/test/b.xml", "src/test/sub/c.xml", "other/test/d.xml");

        assertThat(find("src/**/test/*.xml")).containsExactly("src/test/a.xml", "src/x/y/test/b.xml");
    }

    @Test
    void shouldKeepSingleStarWithinOneFolder() throws IOException {
        files("target/app.jar", "target/lib/dep.jar", "target/app.war", "app.jar");

        assertThat(find("target/*.jar")).containsExactly("target/app.jar");
        assertThat(find("*.jar")).containsExactly("app.jar");
        assertThat(find("target/app.?ar")).containsExactly("target/app.jar", "target/app.war");
    }

    @Test
    void shouldMatchEverythingBelowFolderForTrailingDoubleStarOrSlash() throws IOException {
        files("target/a.jar", "target/classes/A.class", "target/.hidden", "src/Main.java");

        assertThat(find("target/**")).containsExactly("target/.hidden", "target/a.jar", "target/classes/A.class");
        assertThat(find("target/")).containsExactly("target/.hidden", "target/a.jar", "target/classes/A.class");
        assertThat(find("**")).hasSize(4);
    }

    @Test
    void shouldMatchFilesButNeverFolders() throws IOException {
        files("target/a.jar", "target/classes/A.class");

        assertThat(find("target/*")).containsExactly("target/a.jar");
    }

    @Test
    void shouldSupportGlobBracketsAndBraces() throws IOException {
        files("target/app.jar", "target/app.war", "target/app.zip", "report1.xml", "report2.xml", "report3.xml");

        assertThat(find("target/*.{jar,war}")).containsExactly("target/app.jar", "target/app.war");
        assertThat(find("report[12].xml")).containsExactly("report1.xml", "report2.xml");
    }

    @Test
    void shouldTreatBackslashAsFolderSeparatorAsAntDoes() throws IOException {
        files("target/app.jar");

        assertThat(find("target\\*.jar")).containsExactly("target/app.jar");
    }

    @Test
    void shouldSortAndDeduplicateMatchesOfSeveralPatterns() throws IOException {
        files("b/x.jar", "a/x.jar", "c.jar");

        assertThat(find("**/*.jar", "a/*.jar", "c.jar")).containsExactly("a/x.jar", "b/x.jar", "c.jar");
    }

    @Test
    void shouldExcludeByBangPatternAndByExcludeList() throws IOException {
        files("target/app.jar", "target/app-sources.jar", "target/app-javadoc.jar", "node_modules/x/y.jar");

        WorkspaceFiles search = WorkspaceFiles.of(workspace);

        assertThat(search.find(List.of("**/*.jar", "!**/*-sources.jar"), List.of("**/*-javadoc.jar",
                "node_modules/")).getRelativePaths()).containsExactly("target/app.jar");
    }

    @Test
    void shouldReturnAbsoluteFilesInTheOrderOfRelativePaths() throws IOException {
        files("b.txt", "a.txt");

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find("*.txt");

        assertThat(selection.getFiles()).containsExactly(workspace.resolve("a.txt"), workspace.resolve("b.txt"));
        assertThat(selection.isEmpty()).isFalse();
        assertThat(selection.getSkipped()).isEmpty();
    }

    @Test
    void shouldFindNothingWithoutIncludes() throws IOException {
        files("a.txt");

        assertThat(WorkspaceFiles.of(workspace).find(List.of(), List.of("*.txt")).isEmpty()).isTrue();
        assertThat(find("*.none")).isEmpty();
    }

    @Test
    void shouldResolveDotDotThatStaysInsideTheWorkspace() throws IOException {
        files("target/app.jar");

        assertThat(find("src/../target/./*.jar")).containsExactly("target/app.jar");
    }

    @Test
    void shouldRefusePatternWhoseDotDotLeavesTheWorkspace() {
        WorkspaceFiles search = WorkspaceFiles.of(workspace);

        assertRefused(() -> search.find("../*.jar"), WorkspaceErrorCode.OUTSIDE_WORKSPACE, "'../*.jar' leaves");
        assertRefused(() -> search.find("target/../../etc/passwd"), WorkspaceErrorCode.OUTSIDE_WORKSPACE,
                "leaves the workspace");
        assertRefused(() -> search.find(List.of("*.jar"), List.of("../x")), WorkspaceErrorCode.OUTSIDE_WORKSPACE,
                "'../x'");
        assertRefused(() -> search.find("..\\..\\secret"), WorkspaceErrorCode.OUTSIDE_WORKSPACE, "leaves");
    }

    @Test
    void shouldRefuseAbsolutePatternOutsideTheWorkspace() {
        assertRefused(() -> WorkspaceFiles.of(workspace).find("/etc/*"), WorkspaceErrorCode.OUTSIDE_WORKSPACE,
                "'/etc/*' is an absolute path outside the workspace");
        assertRefused(() -> WorkspaceFiles.of(workspace).find(workspace + "/../x/*.jar"),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "outside the workspace");
    }

    @Test
    void shouldAcceptAbsolutePatternInsideTheWorkspace() throws IOException {
        files("target/app.jar", "target/lib/dep.jar");

        assertThat(find(workspace + "/target/*.jar")).containsExactly("target/app.jar");
        assertThat(find(workspace + "/**/dep.jar")).containsExactly("target/lib/dep.jar");
    }

    @Test
    void shouldRefuseDotDotAfterWildcard() {
        assertRefused(() -> WorkspaceFiles.of(workspace).find("*/../a.txt"), WorkspaceErrorCode.INVALID_PATTERN,
                "after the wildcard '*'");
    }

    @Test
    void shouldRefuseEmptyMalformedAndWorkspaceItselfPatterns() {
        WorkspaceFiles search = WorkspaceFiles.of(workspace);

        assertRefused(() -> search.find(" "), WorkspaceErrorCode.INVALID_PATTERN, "is empty");
        assertRefused(() -> search.find("target/[a.jar"), WorkspaceErrorCode.INVALID_PATTERN, "malformed");
        assertRefused(() -> search.find("a/{b,c"), WorkspaceErrorCode.INVALID_PATTERN, "malformed");
        assertRefused(() -> search.find("."), WorkspaceErrorCode.INVALID_PATTERN, "the workspace itself");
        assertRefused(() -> search.find("a\0b"), WorkspaceErrorCode.INVALID_PATTERN, "NUL");
    }

    @Test
    void shouldCheckPatternsWithoutSearching() {
        WorkspaceFiles search = WorkspaceFiles.of(workspace.resolve("does-not-exist"));

        assertThatNoException().isThrownBy(() -> search.check(List.of("target/*.jar", "!**/*-sources.jar")));
        assertRefused(() -> search.check(List.of("ok/*.jar", "!../x")), WorkspaceErrorCode.OUTSIDE_WORKSPACE,
                "'../x'");
    }

    @Test
    void shouldSkipAndReportSymlinkToFileOutsideTheWorkspace() throws IOException {
        files("target/app.jar");
        Path secret = Files.writeString(outside.resolve("secret.jar"), "secret");
        Files.createSymbolicLink(workspace.resolve("target/link.jar"), secret);

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find("target/*.jar");

        assertThat(selection.getRelativePaths()).containsExactly("target/app.jar");
        assertThat(selection.getSkipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.path()).isEqualTo("target/link.jar");
            assertThat(skipped.reason()).contains("outside the workspace").contains(secret.toRealPath().toString());
        });
    }

    @Test
    void shouldNotSearchSymlinkedFolderOutsideTheWorkspace() throws IOException {
        files("reports/TEST-inside.xml");
        Files.writeString(outside.resolve("TEST-outside.xml"), "<testsuite/>");
        Files.createSymbolicLink(workspace.resolve("linked"), outside);

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find("**/TEST-*.xml");

        assertThat(selection.getRelativePaths()).containsExactly("reports/TEST-inside.xml");
        assertThat(selection.getSkipped()).extracting(WorkspaceFiles.Skipped::path).containsExactly("linked");
        assertThat(selection.getSkipped().get(0).reason()).contains("outside the workspace");
    }

    @Test
    void shouldNotFollowPatternLiteralThroughSymlinkedFolder() throws IOException {
        Files.writeString(outside.resolve("passwd"), "root:x:0:0");
        Files.createSymbolicLink(workspace.resolve("etc"), outside);

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find("etc/passwd");

        assertThat(selection.getRelativePaths()).isEmpty();
        assertThat(selection.getSkipped()).extracting(WorkspaceFiles.Skipped::path).containsExactly("etc");
    }

    @Test
    void shouldMatchSymlinkToFileInsideTheWorkspaceButNotEnterLinkedFolders() throws IOException {
        files("target/app-1.0.jar", "build/lib/x.jar");
        Files.createSymbolicLink(workspace.resolve("target/app.jar"), workspace.resolve("target/app-1.0.jar"));
        Files.createSymbolicLink(workspace.resolve("lib"), workspace.resolve("build/lib"));

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find("**/*.jar");

        assertThat(selection.getRelativePaths()).containsExactly("build/lib/x.jar", "target/app-1.0.jar",
                "target/app.jar");
        assertThat(selection.getSkipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.path()).isEqualTo("lib");
            assertThat(skipped.reason()).contains("folder 'build/lib'");
        });
    }

    @Test
    void shouldSearchAWorkspaceThatIsItselfASymlink() throws IOException {
        files("target/app.jar");
        Path link = Files.createSymbolicLink(outside.resolve("workspace-link"), workspace);

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(link).find("target/*.jar");

        assertThat(selection.getRelativePaths()).containsExactly("target/app.jar");
        assertThat(selection.getFiles()).containsExactly(link.resolve("target/app.jar"));
    }

    @Test
    void shouldReportBrokenSymlinkThatMatches() throws IOException {
        Files.createSymbolicLink(workspace.resolve("gone.jar"), workspace.resolve("missing.jar"));

        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find("*.jar");

        assertThat(selection.isEmpty()).isTrue();
        assertThat(selection.getSkipped()).singleElement()
                .satisfies(skipped -> assertThat(skipped.reason()).startsWith("broken symbolic link"));
    }

    @Test
    void shouldIgnoreSymlinksThatMatchNoPattern() throws IOException {
        Files.createSymbolicLink(workspace.resolve("elsewhere"), outside);
        files("a.txt");

        assertThat(WorkspaceFiles.of(workspace).find("*.txt").getSkipped()).isEmpty();
    }

    @Test
    void shouldFailClearlyBeyondTheMaximumNumberOfMatches() throws IOException {
        files("a.txt", "b.txt", "c.txt", "d.txt");

        assertThat(WorkspaceFiles.of(workspace).withMaxMatches(4).find("*.txt").getRelativePaths()).hasSize(4);
        assertRefused(() -> WorkspaceFiles.of(workspace).withMaxMatches(3).find("*.txt"),
                WorkspaceErrorCode.TOO_MANY_MATCHES, "More than 3 files");
        assertThatIllegalArgumentException().isThrownBy(() -> WorkspaceFiles.of(workspace).withMaxMatches(0));
        assertThat(WorkspaceFiles.DEFAULT_MAX_MATCHES).isEqualTo(100_000);
    }

    @Test
    void shouldFailClearlyWhenWorkspaceIsNoFolder() throws IOException {
        Path file = Files.writeString(outside.resolve("file"), "x");

        assertRefused(() -> WorkspaceFiles.of(file).find("*"), WorkspaceErrorCode.NOT_A_FOLDER, "is not a folder");
        assertRefused(() -> WorkspaceFiles.of(outside.resolve("missing")).find("*"), WorkspaceErrorCode.NOT_A_FOLDER,
                "missing");
    }

    @Test
    void shouldStayFastForHostilePatternsWithManyDoubleStars() throws IOException {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            deep.append("d").append(i).append('/');
        }
        files(deep + "x.txt");

        long start = System.nanoTime();
        List<String> found = find("**/d1/**/d2/**/d3/**/**/d9/**/*.txt");

        assertThat(found).hasSize(1);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void resolvesAGivenPathInsideTheWorkspaceWhetherItExistsOrNot() throws IOException {
        files("config/suppressions.yaml");

        assertThat(WorkspaceFiles.of(workspace).resolve("config/suppressions.yaml", "the option 'suppressions'"))
                .isEqualTo(workspace.resolve("config/suppressions.yaml"));
        assertThat(WorkspaceFiles.of(workspace).resolve(".lotabots/out.sarif", "the option 'sarifOut'"))
                .isEqualTo(workspace.resolve(".lotabots/out.sarif"));
    }

    @Test
    void refusesAGivenPathThatLeavesTheWorkspace() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), "x", StandardCharsets.UTF_8);
        Files.createSymbolicLink(workspace.resolve("link"), outside);

        assertRefused(() -> WorkspaceFiles.of(workspace).resolve("../outside/secret.txt", "the option 'baseline'"),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "The path '../outside/secret.txt' of the option 'baseline' is outside the workspace");
        assertRefused(() -> WorkspaceFiles.of(workspace).resolve(outside.resolve("secret.txt").toString(), "the option 'baseline'"),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "is outside the workspace");
        assertRefused(() -> WorkspaceFiles.of(workspace).resolve("link/secret.txt", "the option 'baseline'"),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "leads out of the workspace through a link");
    }
}
