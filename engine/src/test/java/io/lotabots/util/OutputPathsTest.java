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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OutputPathsTest {
    private Path workspace;
    private Path outside;
    private OutputPaths outputs;

    @BeforeEach
    void createWorkspaceAndAFolderBesideIt(@TempDir final Path root) throws IOException {
        workspace = Files.createDirectory(root.resolve("workspace"));
        outside = Files.createDirectory(root.resolve("outside"));
        Files.writeString(outside.resolve("journal.jsonl"), "", StandardCharsets.UTF_8);
        outputs = OutputPaths.confinedTo(workspace);
    }

    private void assertRefused(final String path, final String... texts) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> outputs.resolve(path, "the journal"))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(WorkspaceErrorCode.OUTSIDE_WORKSPACE))
                .withMessageContaining("Refusing to write the journal to '" + path + "'")
                .withMessageContaining("Nothing was written")
                .withMessageContainingAll(texts);
    }

    @Test
    void shouldResolvePathsInsideTheWorkspaceWhetherTheyExistOrNot() {
        assertThat(outputs.resolve(".lotabots/messages.jsonl", "the journal"))
                .isEqualTo(workspace.resolve(".lotabots/messages.jsonl"));
        assertThat(outputs.resolve("a/../b/report.html", "the report")).isEqualTo(workspace.resolve("b/report.html"));
        assertThat(outputs.resolve(workspace.resolve("x.sarif").toString(), "SARIF"))
                .isEqualTo(workspace.resolve("x.sarif"));
    }

    @Test
    void shouldRefuseACommittedLinkOfTheStateFolderToAFolderOutside() throws IOException {
        Files.createSymbolicLink(workspace.resolve(".lotabots"), outside);

        assertRefused(".lotabots/messages.jsonl", "'.lotabots' is a symbolic link to '" + outside + "'",
                "would land in '" + outside.toRealPath().resolve("messages.jsonl") + "'", "remove the link");
        // a file below folders that do not exist yet is judged where the link leads
        assertRefused(".lotabots/reports/2026/run.html", "'.lotabots' is a symbolic link");
    }

    @Test
    void shouldRefuseAFileThatIsALinkToAFileOutside() throws IOException {
        Files.createDirectories(workspace.resolve(".lotabots"));
        Files.createSymbolicLink(workspace.resolve(".lotabots/messages.jsonl"), outside.resolve("journal.jsonl"));
        Files.createSymbolicLink(workspace.resolve(".lotabots/notifications.log"), outside.resolve("missing.log"));

        assertRefused(".lotabots/messages.jsonl", "'.lotabots/messages.jsonl' is a symbolic link");
        // a broken link is judged by where it points: writing it would create the file outside
        assertRefused(".lotabots/notifications.log", "'.lotabots/notifications.log' is a symbolic link");
    }

    @Test
    void shouldRefuseDotDotAndAbsolutePathsOutsideUnlessNamedExplicitly() {
        assertRefused("../outside/x.sarif", "outside the workspace '" + workspace + "'");
        assertRefused(outside.resolve("x.sarif").toString(), "outside the workspace");

        OutputPaths named = outputs.allowing(outside.resolve("x.sarif"));
        assertThat(named.resolve(outside.resolve("x.sarif").toString(), "SARIF")).isEqualTo(outside.resolve("x.sarif"));
        assertThat(named.isExplicit(Path.of("../outside/x.sarif"))).isTrue();
        // naming one file outside does not open its folder
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> named.resolve(outside.resolve("y.sarif").toString(), "SARIF"));
    }

    @Test
    void shouldRefuseALoopOfLinksWithAClearError() throws IOException {
        Files.createSymbolicLink(workspace.resolve("a"), workspace.resolve("b"));
        Files.createSymbolicLink(workspace.resolve("b"), workspace.resolve("a"));

        assertRefused("a/file.txt", "cannot be resolved");
    }

    @Test
    void shouldCheckAnExplicitFileBeforeTheWorkStarts() throws IOException {
        OutputPaths.checkWritable(outside.resolve("new/folders/x.sarif"), "--sarif-out");
        OutputPaths.checkWritable(outside.resolve("journal.jsonl"), "--journal");

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> OutputPaths.checkWritable(outside, "--sarif-out"))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(WorkspaceErrorCode.NOT_WRITABLE))
                .withMessageContaining("Cannot write '" + outside + "' named by --sarif-out: it is a folder");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> OutputPaths.checkWritable(outside.resolve("journal.jsonl/x.sarif"), "--sarif-out"))
                .withMessageContaining("'" + outside.resolve("journal.jsonl") + "' is not a folder")
                .withMessageContaining("Nothing was run");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("journal.jsonl"));
        }
    }

    @Test
    void shouldRefuseAContextRuleOfAnotherWorkspace() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() ->
                io.lotabots.bot.BotContext.builder(outside).outputs(outputs));
    }
}
