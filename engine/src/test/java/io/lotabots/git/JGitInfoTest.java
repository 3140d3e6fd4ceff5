package io.lotabots.git;

import io.lotabots.error.LotaBotsException;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JGitInfoTest {
    private static final Function<String, Optional<String>> NO_VARIABLES = name -> Optional.empty();

    @TempDir
    private Path workspace;

    private Git init() throws GitAPIException {
        return Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call();
    }

    private RevCommit commit(final Git git, final String message, final String... files)
            throws IOException, GitAPIException {
        for (String file : files) {
            Path path = workspace.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file + " " + message, StandardCharsets.UTF_8);
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("Tester", "tester@example.com")
                .setCommitter("Tester", "tester@example.com").setSign(false).call();
    }

    private static Function<String, Optional<String>> variables(final Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static void assertFails(final Runnable action, final GitErrorCode code, final String text) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(action::run)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(code))
                .withMessageContaining(text);
    }

    @Test
    void shouldReadBranchAndCommitOfTheWorkspaceRepository() throws Exception {
        try (Git git = init()) {
            RevCommit commit = commit(git, "first", "README.md");

            JGitInfo info = JGitInfo.open(workspace, NO_VARIABLES);

            assertThat(info.getBranch()).isEqualTo("main");
            assertThat(info.getCommit()).isEqualTo(commit.name()).hasSize(40);
            assertThat(info.getGitDir()).isEqualTo(workspace.resolve(".git"));
        }
    }

    @Test
    void shouldFindTheRepositoryFromASubfolder() throws Exception {
        try (Git git = init()) {
            RevCommit commit = commit(git, "first", "module/pom.xml");

            assertThat(JGitInfo.open(workspace.resolve("module"), NO_VARIABLES).getCommit()).isEqualTo(commit.name());
        }
    }

    @Test
    void shouldFollowTheCheckedOutBranch() throws Exception {
        try (Git git = init()) {
            commit(git, "first", "a.txt");
            git.checkout().setCreateBranch(true).setName("feature/login").call();
            RevCommit second = commit(git, "second", "b.txt");

            JGitInfo info = JGitInfo.open(workspace, variables(Map.of("BRANCH_NAME", "ignored")));

            assertThat(info.getBranch()).isEqualTo("feature/login");
            assertThat(info.getCommit()).isEqualTo(second.name());
        }
    }

    @Test
    void shouldTakeBranchFromCiVariablesOnDetachedHead() throws Exception {
        try (Git git = init()) {
            RevCommit commit = commit(git, "first", "a.txt");
            git.checkout().setName(commit.name()).call();

            assertThat(JGitInfo.open(workspace, variables(Map.of("GIT_BRANCH", "origin/release/1.x"))).getBranch())
                    .isEqualTo("release/1.x");
            assertThat(JGitInfo.open(workspace, variables(Map.of("GIT_BRANCH", "origin/x", "BRANCH_NAME", "PR-7")))
                    .getBranch()).isEqualTo("PR-7");
            assertThat(JGitInfo.open(workspace, variables(Map.of("BRANCH_NAME", " ", "GITHUB_REF_NAME", "main")))
                    .getBranch()).isEqualTo("main");
            assertThat(JGitInfo.open(workspace, NO_VARIABLES).getBranch()).isEqualTo("HEAD");
            assertThat(JGitInfo.open(workspace, NO_VARIABLES).getCommit()).isEqualTo(commit.name());
        }
    }

    @Test
    void shouldStripRemoteAndHeadsPrefixesFromCiBranches() {
        assertThat(JGitInfo.branchFromVariables(variables(Map.of("GIT_BRANCH", "refs/heads/main")))).contains("main");
        assertThat(JGitInfo.branchFromVariables(variables(Map.of("GIT_BRANCH", "refs/remotes/origin/dev"))))
                .contains("dev");
        assertThat(JGitInfo.branchFromVariables(variables(Map.of("GIT_BRANCH", "origin/")))).contains("origin/");
        assertThat(JGitInfo.branchFromVariables(NO_VARIABLES)).isEmpty();
    }

    @Test
    void shouldFailClearlyWithoutRepository() {
        assertFails(() -> JGitInfo.open(workspace, NO_VARIABLES), GitErrorCode.NO_REPOSITORY,
                "There is no Git repository in '" + workspace + "'");
    }

    @Test
    void shouldFailClearlyWithoutCommitButKnowTheBranch() throws Exception {
        try (Git git = init()) {
            JGitInfo info = JGitInfo.open(workspace, NO_VARIABLES);

            assertThat(info.getBranch()).isEqualTo("main");
            assertFails(info::getCommit, GitErrorCode.NO_COMMIT, "has no commit yet");
        }
    }

    @Test
    void shouldListFilesChangedSinceARef() throws Exception {
        try (Git git = init()) {
            commit(git, "first", "a.txt", "b.txt", "docs/keep.md", "old-name.txt");
            git.tag().setName("v1").setSigned(false).setAnnotated(false).call();
            commit(git, "second", "a.txt", "src/c.txt");
            Files.delete(workspace.resolve("b.txt"));
            Files.move(workspace.resolve("old-name.txt"), workspace.resolve("new-name.txt"));
            commit(git, "third");

            JGitInfo info = JGitInfo.open(workspace, NO_VARIABLES);

            assertThat(info.getChangedFilesSince("v1")).containsExactly("a.txt", "b.txt", "new-name.txt",
                    "old-name.txt", "src/c.txt");
            assertThat(info.getChangedFilesSince("HEAD")).isEmpty();
            assertThat(info.getChangedFilesSince("HEAD~1")).containsExactly("b.txt", "new-name.txt",
                    "old-name.txt");
        }
    }

    @Test
    void shouldFailClearlyForUnknownOrMalformedRef() throws Exception {
        try (Git git = init()) {
            commit(git, "first", "a.txt");
            JGitInfo info = JGitInfo.open(workspace, NO_VARIABLES);

            assertFails(() -> info.getChangedFilesSince("origin/main"), GitErrorCode.UNKNOWN_REF,
                    "There is no branch, tag or commit 'origin/main'");
            assertFails(() -> info.getChangedFilesSince("main^{bogus"), GitErrorCode.UNKNOWN_REF,
                    "main^{bogus");
        }
    }

    private void write(final String file, final String... lines) throws IOException {
        Path path = workspace.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private RevCommit commitAll(final Git git, final String message) throws IOException, GitAPIException {
        return commit(git, message);
    }

    private static ChangedFile changed(final String path, final LineRange... lines) {
        return new ChangedFile(path, List.of(lines), false);
    }

    @Test
    void shouldListChangedLinesSinceTheMergeBaseNotTheRefsLaterCommits() throws Exception {
        try (Git git = init()) {
            write("a.txt", "1", "2", "3", "4", "5");
            write("c.txt", "c");
            commitAll(git, "base");
            git.checkout().setCreateBranch(true).setName("feature").call();
            write("a.txt", "1", "2", "three", "4", "5", "6", "7");
            write("src/new.txt", "n1", "n2");
            commitAll(git, "feature work");
            git.checkout().setName("main").call();
            write("c.txt", "c changed on main");
            commitAll(git, "main moves on");
            git.checkout().setName("feature").call();

            List<ChangedFile> changes = JGitInfo.open(workspace, NO_VARIABLES).getChangedLinesSince("main");

            assertThat(changes).containsExactly(changed("a.txt", new LineRange(3, 3), new LineRange(6, 7)),
                    changed("src/new.txt", new LineRange(1, 2)));
            assertThat(changes.get(0).isChanged(3)).isTrue();
            assertThat(changes.get(0).isChanged(4)).isFalse();
            assertThat(changes.get(0).lineCount()).isEqualTo(3);
        }
    }

    @Test
    void shouldIncludeStagedUnstagedAndUntrackedChangesButNotIgnoredFiles() throws Exception {
        try (Git git = init()) {
            write(".gitignore", "target/", "*.log");
            write("a.txt", "1", "2", "3");
            write("staged.txt", "s");
            commitAll(git, "base");
            write("a.txt", "1", "two", "3");
            write("staged.txt", "s", "t");
            git.add().addFilepattern("staged.txt").call();
            write("untracked.txt", "u");
            write("target/out.txt", "ignored");
            write("debug.log", "ignored");

            List<ChangedFile> changes = JGitInfo.open(workspace, NO_VARIABLES).getChangedLinesSince("HEAD");

            assertThat(changes).containsExactly(changed("a.txt", new LineRange(2, 2)),
                    changed("staged.txt", new LineRange(2, 2)), changed("untracked.txt", new LineRange(1, 1)));
        }
    }

    @Test
    void shouldFollowRenamesAndLeaveOutDeletions() throws Exception {
        try (Git git = init()) {
            write("old.txt", "alpha", "beta", "gamma", "delta", "epsilon", "zeta");
            write("same.txt", "one", "two", "three", "four");
            write("gone.txt", "bye");
            write("shrinks.txt", "1", "2", "3");
            commitAll(git, "base");
            git.tag().setName("v1").setSigned(false).setAnnotated(false).call();
            Files.delete(workspace.resolve("old.txt"));
            write("new.txt", "alpha", "beta", "GAMMA", "delta", "epsilon", "zeta");
            Files.createDirectories(workspace.resolve("moved"));
            Files.move(workspace.resolve("same.txt"), workspace.resolve("moved/same.txt"));
            Files.delete(workspace.resolve("gone.txt"));
            write("shrinks.txt", "1", "3");
            commitAll(git, "rename, move, delete");

            List<ChangedFile> changes = JGitInfo.open(workspace, NO_VARIABLES).getChangedLinesSince("v1");

            assertThat(changes).containsExactly(changed("new.txt", new LineRange(3, 3)));
        }
    }

    @Test
    void shouldMarkBinaryFilesWithoutLines() throws Exception {
        try (Git git = init()) {
            write("a.txt", "a");
            commitAll(git, "base");
            Files.write(workspace.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});

            List<ChangedFile> changes = JGitInfo.open(workspace, NO_VARIABLES).getChangedLinesSince("main");

            assertThat(changes).containsExactly(new ChangedFile("image.png", List.of(), true));
        }
    }

    @Test
    void shouldFailClearlyForChangedLinesSinceUnknownOrUnrelatedRef() throws Exception {
        try (Git git = init()) {
            commit(git, "first", "a.txt");
            JGitInfo info = JGitInfo.open(workspace, NO_VARIABLES);

            assertFails(() -> info.getChangedLinesSince("origin/main"), GitErrorCode.UNKNOWN_REF,
                    "There is no branch, tag or commit 'origin/main'");
            assertFails(() -> info.getChangedLinesSince("main^{bogus"), GitErrorCode.UNKNOWN_REF, "main^{bogus");
            assertFails(() -> info.getChangedLinesSince("HEAD^{tree}"), GitErrorCode.UNKNOWN_REF,
                    "does not name a commit");

            git.checkout().setOrphan(true).setName("unrelated").call();
            git.rm().addFilepattern("a.txt").call();
            commit(git, "orphan", "b.txt");

            assertFails(() -> info.getChangedLinesSince("main"), GitErrorCode.NO_MERGE_BASE,
                    "'main' and HEAD have no common history");
        }
    }

    @Test
    void shouldFailClearlyForChangedLinesWithoutCommit() throws Exception {
        try (Git git = init()) {
            assertFails(() -> JGitInfo.open(workspace, NO_VARIABLES).getChangedLinesSince("main"),
                    GitErrorCode.NO_COMMIT, "has no commit yet");
        }
    }
}
