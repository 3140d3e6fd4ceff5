package io.lotabots.bot.security.secrets;

import io.lotabots.error.LotaBotsException;
import io.lotabots.git.ChangedFile;
import io.lotabots.git.GitErrorCode;
import io.lotabots.git.LineRange;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

class SecretScannerChangedLinesTest {
    private static final String OLD_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String NEW_KEY = "AKIAQNZGKEXAMPLE2345";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String GITHUB_TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm";
    private static final SecretScanner SCANNER = SecretScanner.of(SecretRules.builtIn());

    @TempDir
    private Path repo;

    private Git init() throws GitAPIException {
        return Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    }

    private void write(final String file, final String... lines) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static void commit(final Git git, final String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        git.commit().setMessage(message).setAuthor("Tester", "tester@example.com")
                .setCommitter("Tester", "tester@example.com").setSign(false).call();
    }

    @Test
    void shouldReportOnlySecretsOnLinesChangedSinceTheRef() throws Exception {
        try (Git git = init()) {
            write("app.properties", "old.key = " + OLD_KEY, "name = app", "port = 8080");
            write("legacy.txt", "token = " + GITHUB_TOKEN);
            commit(git, "base with known secrets");
            git.checkout().setCreateBranch(true).setName("feature").call();
            write("app.properties", "old.key = " + OLD_KEY, "name = app", "new.key = " + NEW_KEY, "port = 8080");
            write("src/new.txt", "hello", "token = " + GITHUB_TOKEN);
            commit(git, "feature adds secrets");
            write("src/wip.txt", "wip = " + NEW_KEY);

            SecretScan scan = SCANNER.scanChangedSince(repo, "main");

            assertThat(scan.getFindings()).extracting(SecretFinding::file, SecretFinding::line, SecretFinding::ruleId)
                    .containsExactly(tuple("app.properties", 3, "aws-access-key-id"),
                            tuple("src/new.txt", 2, "github-pat"), tuple("src/wip.txt", 1, "aws-access-key-id"));
            assertThat(scan.getFilesScanned()).isEqualTo(3);
        }
    }

    @Test
    void shouldReportAPairWhenOnlyTheSecretKeyLineIsNew() throws Exception {
        try (Git git = init()) {
            write("creds", "[default]", "aws_access_key_id = " + OLD_KEY);
            commit(git, "key id only");
            write("creds", "[default]", "aws_access_key_id = " + OLD_KEY, "key = " + AWS_SECRET);

            SecretScan scan = SCANNER.scanChangedSince(repo, "HEAD");

            assertThat(scan.getFindings()).extracting(SecretFinding::line, SecretFinding::ruleId)
                    .containsExactly(tuple(2, "aws-access-key-pair"));
        }
    }

    @Test
    void shouldUsePathsRelativeToASubfolderWorkspaceAndLeaveOutOtherFolders() throws Exception {
        try (Git git = init()) {
            write("module/a.txt", "a");
            commit(git, "base");
            write("module/a.txt", "a", "key = " + NEW_KEY);
            write("other/b.txt", "key = " + NEW_KEY);

            SecretScan scan = SCANNER.scanChangedSince(repo.resolve("module"), "main");

            assertThat(scan.getFindings()).extracting(SecretFinding::file, SecretFinding::line)
                    .containsExactly(tuple("a.txt", 2));
        }
    }

    @Test
    void shouldCountChangedBinaryFilesAsSkipped() throws Exception {
        try (Git git = init()) {
            write("a.txt", "a");
            commit(git, "base");
            Files.write(repo.resolve("blob.bin"), ("key = " + NEW_KEY + "\0").getBytes(StandardCharsets.UTF_8));

            SecretScan scan = SCANNER.scanChangedSince(repo, "main");

            assertThat(scan.getFindings()).isEmpty();
            assertThat(scan.getSkippedBinary()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotFollowAChangedPathOutOfTheWorkspace(@TempDir final Path outside) throws IOException {
        Files.writeString(outside.resolve("creds.txt"), "key = " + NEW_KEY + "\n");
        Files.createSymbolicLink(repo.resolve("link.txt"), outside.resolve("creds.txt"));
        List<ChangedFile> changes = List.of(new ChangedFile("link.txt", List.of(new LineRange(1, 1)), false),
                new ChangedFile("../escape.txt", List.of(new LineRange(1, 1)), false));

        SecretScan scan = SCANNER.scanChangedLines(repo, changes);

        assertThat(scan.getFindings()).isEmpty();
        assertThat(scan.getSkippedLinks()).extracting(skipped -> skipped.path())
                .containsExactly("link.txt", "../escape.txt");
    }

    @Test
    void shouldFailClearlyForAnUnknownRef() throws Exception {
        try (Git git = init()) {
            write("a.txt", "a");
            commit(git, "base");

            assertThatExceptionOfType(LotaBotsException.class)
                    .isThrownBy(() -> SCANNER.scanChangedSince(repo, "origin/release"))
                    .satisfies(e -> assertThat(e.getCode()).isEqualTo(GitErrorCode.UNKNOWN_REF))
                    .withMessageContaining("'origin/release'");
        }
    }
}
