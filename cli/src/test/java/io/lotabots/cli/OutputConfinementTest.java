package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file the command line writes stays in the working directory after links are resolved, unless the user
 * named it with its option; both are checked before any bot starts.
 */
class OutputConfinementTest {
    private static final BotRegistry BOTS = BotRegistry.standard();

    @TempDir
    private Path root;
    private Path workdir;
    private Path elsewhere;

    @BeforeEach
    void createAWorkdirWithATestReport() throws IOException {
        workdir = Files.createDirectories(root.resolve("ws"));
        elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path reports = Files.createDirectories(workdir.resolve("target/surefire-reports"));
        Files.writeString(reports.resolve("TEST-a.xml"),
                "<testsuite name=\"a\" tests=\"1\"><testcase classname=\"A\" name=\"t\"/></testsuite>",
                StandardCharsets.UTF_8);
    }

    private void assertNothingIn(final Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void shouldRefuseACommittedStateFolderLinkBeforeAnyBotRuns() throws IOException {
        Files.createSymbolicLink(workdir.resolve(".lotabots"), elsewhere);

        CliRun run = CliRun.of(BOTS, "run", "--workdir", workdir.toString(), "--bots", "test");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Refusing to write the journal to '.lotabots/messages.jsonl': '.lotabots' is a"
                + " symbolic link to '" + elsewhere + "'").contains("Nothing was written").doesNotContain("==> ");
        assertNothingIn(elsewhere);
    }

    @Test
    void shouldRefuseAReportFolderLinkBeforeAnyBotRuns() throws IOException {
        Files.createDirectories(workdir.resolve(".lotabots"));
        Files.createSymbolicLink(workdir.resolve(".lotabots/reports"), elsewhere);

        CliRun run = CliRun.of(BOTS, "run", "--workdir", workdir.toString(), "--bots", "test");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Refusing to write the HTML report to '.lotabots/reports/run-")
                .contains("'.lotabots/reports' is a symbolic link").doesNotContain("==> ");
        assertNothingIn(elsewhere);
    }

    @Test
    void shouldNotAppendToAJournalThatIsALinkToAFileOutside() throws IOException {
        Path victim = Files.writeString(elsewhere.resolve("victim.jsonl"), "kept\n", StandardCharsets.UTF_8);
        Files.createDirectories(workdir.resolve(".lotabots"));
        Files.createSymbolicLink(workdir.resolve(".lotabots/messages.jsonl"), victim);

        CliRun run = CliRun.of(BOTS, "test", "--workdir", workdir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'.lotabots/messages.jsonl' is a symbolic link to '" + victim + "'");
        assertThat(Files.readString(victim, StandardCharsets.UTF_8)).isEqualTo("kept\n");
    }

    @Test
    void shouldWriteOutputsTheUserNamedAnywhere() throws IOException {
        Path journal = elsewhere.resolve("journals/run.jsonl");
        Path sarif = elsewhere.resolve("scans/scan.sarif");

        CliRun run = CliRun.of(BOTS, "security", "--workdir", workdir.toString(), "--secrets", ".",
                "--resolve-maven", "false", "--journal", journal.toString(), "--sarif-out", sarif.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sarif).isRegularFile();
        assertThat(Files.readString(journal, StandardCharsets.UTF_8)).contains("security.scan_completed");
        assertThat(workdir.resolve(".lotabots")).doesNotExist();
    }

    @Test
    void shouldCheckANamedOutputBeforeTheScanStarts() throws IOException {
        Path file = Files.writeString(elsewhere.resolve("plain.txt"), "x", StandardCharsets.UTF_8);

        CliRun run = CliRun.of(BOTS, "security", "--workdir", workdir.toString(), "--secrets", ".",
                "--resolve-maven", "false", "--sarif-out", file.resolve("scan.sarif").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot write '" + file.resolve("scan.sarif") + "' named by --sarif-out: '"
                + file + "' is not a folder").doesNotContain("Secrets:");
    }

    @Test
    void shouldAllowAnOutputNamedWithSetInAScenarioRunOnly() throws IOException {
        Path log = elsewhere.resolve("notifications.log");

        CliRun run = CliRun.of(BOTS, "run", "--workdir", workdir.toString(), "--bots", "test,notify",
                "--set", "notify.channel=file", "--set", "notify.file=" + log);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Tests");
        assertThat(workdir.resolve(".lotabots/messages.jsonl")).isRegularFile();
    }
}
