package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCatalogDocs;
import io.lotabots.message.MessageCodec;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LotaBotsCommandTest {
    private static final BotRegistry COUNTING = BotRegistry.of(List.of(new CountingBot()));

    @TempDir
    private Path dir;

    @Test
    void shouldPrintTheVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).startsWith("lotabots ");
    }

    @Test
    void shouldExitWithBadInputOnAnUnknownOption() {
        CliRun run = CliRun.of("messages", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--no-such-option").contains("--help");
    }

    @Test
    void shouldSuggestTheCommandOrOptionAUserMistyped() {
        CliRun command = CliRun.of(BotRegistry.standard(), "tset");
        CliRun option = CliRun.of(BotRegistry.standard(), "test", "--min-coverge", "80");

        assertThat(command.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(command.err()).contains("'tset'").contains("Did you mean 'test'?");
        assertThat(option.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(option.err()).contains("'--min-coverge'").contains("Did you mean '--min-coverage'?");
    }

    @Test
    void shouldSayWhenNoBotsAreRegistered() {
        CliRun run = CliRun.of("bots");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("No bots are registered yet.");
    }

    @Test
    void shouldListEveryBotWithItsOptionsFromTheDescriptor() {
        CliRun run = CliRun.of(COUNTING, "bots");

        assertThat(run.out()).contains("CountingBot (lotabots count, Pipeline step countingBot)")
                .contains("--branch").contains("default: main")
                .contains("--outcome").contains("one of SUCCESS, UNSTABLE, FAILURE")
                .contains("--token-variable");
    }

    @Test
    void shouldRenderTheCatalogueAsTheCommittedMarkdown() {
        CliRun run = CliRun.of("message", "types", "--format", "markdown");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).isEqualTo(MessageCatalogDocs.render());
    }

    @Test
    void shouldAcceptAValidMessageFile() throws IOException {
        Path file = write("seed.json", MessageCodec.get().toJson(TestMessages.message(TestMessages.buildCompleted())));

        CliRun run = CliRun.of("message", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("1 message valid in 1 file");
    }

    @Test
    void shouldAcceptADraftWithoutIdAndTime() throws IOException {
        Path file = write("draft.json", """
                {"type": "test.completed", "source": {"bot_name": "TestBot"},
                 "payload": {"total_tests": 370, "passed_tests": 370, "coverage": 87.5, "duration": 45.2}}
                """);

        assertThat(CliRun.of("message", "validate", file.toString()).exitCode()).isEqualTo(ExitCode.SUCCESS);
    }

    @Test
    void shouldNameFileTypeAndFieldOfAnInvalidPayload() throws IOException {
        Path file = write("bad.json", """
                [{"type": "build.completed", "source": {"bot_name": "BuildBot"},
                  "payload": {"build_id": "b-1", "branch": "main", "commit": "abc"}},
                 {"type": "test.completed", "source": {"bot_name": "TestBot"},
                  "payload": {"total_tests": 3, "passed_tests": 3, "coverage": 120, "duration": 1}}]
                """);

        CliRun run = CliRun.of("message", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("bad.json[1]").contains("test.completed").contains("'coverage'")
                .contains("between 0 and 100").contains("1 problem found, 1 message valid");
    }

    @Test
    void shouldNameTheLineOfABrokenJsonLinesFile() throws IOException {
        String valid = MessageCodec.get().toJson(TestMessages.message(TestMessages.deployCompleted()));
        Path file = write("run.jsonl", valid + "\n{\"id\": \"torn\", \"type\": \"dep");

        CliRun run = CliRun.of("message", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("run.jsonl:2").contains("torn last line");
    }

    @Test
    void shouldRejectCustomTypesOnlyWhenStrict() throws IOException {
        Path file = write("custom.json", """
                {"type": "acme.release_signed", "source": {"bot_name": "ReleaseBot"}, "payload": {"signer": "ci"}}
                """);

        assertThat(CliRun.of("message", "validate", file.toString()).exitCode()).isEqualTo(ExitCode.SUCCESS);
        CliRun strict = CliRun.of("message", "validate", "--strict", file.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(strict.err()).contains("acme.release_signed").contains("not in the catalogue");
    }

    @Test
    void shouldReportMissingEmptyAndNonJsonFiles() throws IOException {
        Path empty = write("empty.json", "");
        Path text = write("text.json", "this is not json");

        CliRun run = CliRun.of("message", "validate", dir.resolve("missing.json").toString(), empty.toString(),
                text.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("missing.json: no such file").contains("empty.json: is empty")
                .contains("text.json:1: is not valid JSON: unknown word 'this'");
    }

    @Test
    void shouldRejectDeeplyNestedJsonWithAClearError() throws IOException {
        Path file = write("deep.json", "[".repeat(5000) + "]".repeat(5000));

        CliRun run = CliRun.of("message", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("deep.json: is not valid JSON: values are nested").contains("more than the 33 allowed");
    }

    @Test
    void shouldValidateALargeArrayOfMessages() throws IOException {
        String one = MessageCodec.get().toJson(TestMessages.message(TestMessages.testCompleted()));
        Path file = write("many.json", "[" + String.join(",", java.util.Collections.nCopies(2_000, one)) + "]");

        CliRun run = CliRun.of("message", "validate", file.toString());

        assertThat(Files.size(file)).isGreaterThan(MessageCodec.MAX_MESSAGE_BYTES);
        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("2000 messages valid in 1 file");
    }

    @Test
    void shouldFilterTheJournalByTypeAndBot() {
        Path journal = journalWith(TestMessages.message(TestMessages.buildCompleted()),
                TestMessages.message(TestMessages.testCompleted()),
                TestMessages.message(TestMessages.deployCompleted()));

        CliRun run = CliRun.of("messages", "--journal", journal.toString(), "--type", "test.completed,deploy.completed",
                "--bot", "TestBot");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("test.completed").contains("total_tests=370")
                .doesNotContain("deploy.completed").doesNotContain("build.completed");
        assertThat(run.err()).contains("1 of 3 messages shown");
    }

    @Test
    void shouldPrintTheJournalAsJsonLinesThatReadBackEqual() {
        Message message = TestMessages.message(TestMessages.alertTriggered());
        Path journal = journalWith(message);

        CliRun run = CliRun.of("messages", "--journal", journal.toString(), "--format", "json");

        assertThat(MessageCodec.get().read(run.out().strip())).isEqualTo(message);
    }

    @Test
    void shouldPrintCloudEvents() {
        Path journal = journalWith(TestMessages.message(TestMessages.buildCompleted()));

        CliRun run = CliRun.of("messages", "--journal", journal.toString(), "--format", "cloudevents");

        assertThat(run.out()).contains("\"specversion\":\"1.0\"").contains("dev.cdevents.build.finished.0.2.0");
    }

    @Test
    void shouldReadTheJournalOfTheWorkdirLikeEveryOtherSubcommand() throws IOException {
        Path journal = journalWith(TestMessages.message(TestMessages.buildCompleted()));
        Path workdir = dir.resolve("ws");
        Files.createDirectories(workdir.resolve(".lotabots"));
        Files.move(journal, workdir.resolve(Journal.DEFAULT_PATH));

        CliRun run = CliRun.of("messages", "--workdir", workdir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("build.completed");
        assertThat(run.err()).contains("1 of 1 messages shown from " + workdir.resolve(Journal.DEFAULT_PATH));
    }

    @Test
    void shouldRefuseATypeThatCannotBeOneAndWarnAboutOneNoMessageHas() {
        Path journal = journalWith(TestMessages.message(TestMessages.buildCompleted()));

        CliRun nonsense = CliRun.of("messages", "--journal", journal.toString(), "--type", "nonsense");
        CliRun typo = CliRun.of("messages", "--journal", journal.toString(), "--type", "build.complete");

        assertThat(nonsense.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(nonsense.err()).contains("--type 'nonsense' is not a message type")
                .contains("'lotabots message types' lists them");
        assertThat(typo.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(typo.err()).contains("0 of 1 messages shown")
                .contains("no message has the type 'build.complete'").contains("Did you mean 'build.completed'?");
    }

    @Test
    void shouldSayWhenThereIsNoJournal() {
        CliRun run = CliRun.of("messages", "--journal", dir.resolve("none.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("no journal at").contains("none.jsonl");
    }

    @Test
    void shouldRunEveryBotRecordItsMessagesAndPrintTheTimeline() {
        CliRun run = CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.toString(), "--set", "count.branch=release");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.err()).contains("==> CountingBot").contains("[CountingBot] counting branch release")
                .contains("<== CountingBot: SUCCESS");
        assertThat(run.out()).contains("Message timeline of cli/").contains("CountingBot")
                .contains("build.completed").contains("branch=release");
        List<Message> journaled = Journal.at(dir.resolve(Journal.DEFAULT_PATH)).read(MessageFilter.ALL);
        assertThat(journaled).singleElement().satisfies(message -> {
            assertThat(message.getType()).isEqualTo("build.completed");
            assertThat(message.getCorrelationId()).hasValueSatisfying(id -> assertThat(id).startsWith("cli/"));
        });
    }

    @Test
    void shouldExitWithTheBotStatus() {
        assertThat(CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.toString(), "--set", "count.outcome=UNSTABLE")
                .exitCode()).isEqualTo(ExitCode.UNSTABLE);
        assertThat(CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.toString(), "--set", "count.outcome=FAILURE")
                .exitCode()).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void shouldRejectOverridesOfUnknownBotsAndOptions() {
        CliRun unknownBot = CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.toString(), "--set", "nobot.x=1");
        CliRun badValue = CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.toString(), "--set", "count.outcome=MAYBE");
        CliRun malformed = CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.toString(), "--set", "count");

        assertThat(unknownBot.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknownBot.err()).contains("There is no bot 'nobot'").contains("count");
        assertThat(badValue.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(badValue.err()).contains("Option 'outcome' of CountingBot").contains("MAYBE");
        assertThat(malformed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(malformed.err()).contains("bot.option=value");
    }

    @Test
    void shouldOfferEveryBotAsASubcommandWithTheOptionsOfItsDescriptor() {
        CliRun run = CliRun.of(COUNTING, "count", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("CountingBot: Publishes one build.completed message.")
                .contains("--branch=TEXT").contains("Branch to report, for example main. Default: main.")
                .contains("--outcome=SUCCESS|UNSTABLE|FAILURE").contains("--workdir").contains("--journal");
    }

    @Test
    void shouldRunOneBotRecordItsMessageAndExitWithItsStatus() {
        CliRun run = CliRun.of(COUNTING, "count", "--workdir", dir.toString(), "--branch", "hotfix",
                "--outcome", "UNSTABLE");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNSTABLE);
        assertThat(run.err()).contains("[CountingBot] [CountingBot] counting branch hotfix");
        assertThat(run.out()).contains("counted 1 build; UNSTABLE").contains("build.completed")
                .contains("branch=hotfix");
        assertThat(Journal.at(dir.resolve(Journal.DEFAULT_PATH)).read(MessageFilter.ALL)).hasSize(1);
    }

    @Test
    void shouldRejectABadOptionValueAsBadInputNamingTheOption() {
        CliRun run = CliRun.of(COUNTING, "count", "--workdir", dir.toString(), "--outcome", "MAYBE");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Option '--outcome' of CountingBot").contains("MAYBE");
    }

    @Test
    void shouldMaskSecretsTheBotReadsFromTheEnvironment() {
        String variable = System.getenv().containsKey("HOME") ? "HOME" : "PATH";
        String secret = System.getenv(variable);

        CliRun run = CliRun.of(COUNTING, "count", "--workdir", dir.toString(), "--token-variable", variable);

        assertThat(run.err()).contains("using token ****").doesNotContain("token " + secret);
    }

    @Test
    void shouldRejectAWorkdirThatDoesNotExist() {
        CliRun run = CliRun.of(COUNTING, "run", "--bots", "count", "--workdir", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("does not exist");
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path journalWith(final Message... messages) {
        Path file = dir.resolve("messages.jsonl");
        try (Journal journal = Journal.at(file)) {
            journal.appendAll(List.of(messages));
        }
        return file;
    }
}
