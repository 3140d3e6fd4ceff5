package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ReactCommandTest {
    private static final String ON_DEPLOY = """
            rules:
              - name: count-after-deploy
                on: deploy.completed
                when: {environment: production}
                run: {bot: count, options: {branch: hotfix}}
            """;

    @TempDir
    private Path workdir;

    private final BotRegistry registry = BotRegistry.of(List.of(new CountingBot()));

    @Test
    void shouldStartTheBotOnceWithTheTriggersCorrelationIdAndCauseEvenWhenRestarted() throws IOException {
        Path rules = rules(ON_DEPLOY);
        Message deploy = publish(deploy("d1", "production"));
        publish(deploy("d2", "staging"));

        CliRun first = react(rules, "--once");
        CliRun second = react(rules, "--once");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(first.err()).contains("rule count-after-deploy: deploy.completed with environment = production;"
                + " starting bot count")
                .contains("--caused-by d1").contains("done: 1 started, 0 failed, 0 throttled, 0 loops cut");
        assertThat(second.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(second.err()).contains("done: 0 started");
        List<Message> builds = journal().read(MessageFilter.ofTypes(BuildCompleted.TYPE));
        assertThat(builds).singleElement().satisfies(build -> {
            assertThat(build.getCausationId()).contains(deploy.getId());
            assertThat(build.getCorrelationId()).contains("job/app/main#7");
            assertThat(build.getPayload().path("branch").asText()).isEqualTo("hotfix");
        });
        assertThat(Files.readString(workdir.resolve(".lotabots/reactions.jsonl")))
                .contains("\"state\":\"started\"").contains("\"state\":\"finished\"").contains("SUCCESS (exit 0)");
    }

    @Test
    void shouldNotStartAgainAReactionWhoseStartWasRecordedBeforeACrash() throws IOException {
        Path rules = rules(ON_DEPLOY);
        publish(deploy("d1", "production"));
        Files.createDirectories(workdir.resolve(".lotabots"));
        Files.writeString(workdir.resolve(".lotabots/reactions.jsonl"), "{\"rule\":\"count-after-deploy\","
                + "\"message_id\":\"d1\",\"state\":\"started\",\"time\":\"2026-12-01T10:00:00Z\","
                + "\"message_type\":\"deploy.completed\"}\n");

        CliRun run = react(rules, "--once");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.err()).contains("warning: rule count-after-deploy started a run for deploy.completed d1 at"
                + " 2026-12-01T10:00:00Z whose end was never recorded").contains("done: 0 started");
        assertThat(journal().read(MessageFilter.ofTypes(BuildCompleted.TYPE))).isEmpty();
    }

    @Test
    void shouldNeverLetAMessageCausedByAReactionTriggerTheSameRuleAgain() throws IOException {
        Path rules = rules("""
                rules:
                  - {name: echo, on: build.completed, run: {bot: count}}
                """);
        publish(Message.builder(new BuildCompleted("b0", null, "main", "a1b2c3d4", null, 1.0, null, null))
                .source("BuildBot").id("b0"));

        CliRun first = react(rules, "--once");
        CliRun second = react(rules, "--once");
        CliRun third = react(rules, "--once");

        assertThat(first.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(first.err() + second.err()).contains("own reaction to b0");
        assertThat(third.err()).contains("done: 0 started");
        assertThat(journal().read(MessageFilter.ofTypes(BuildCompleted.TYPE))).hasSize(2);
    }

    @Test
    void shouldThrottleARuleAndSaySoInTheLogAndTheRecord() throws IOException {
        Path rules = rules("""
                rules:
                  - name: count-after-deploy
                    on: deploy.completed
                    run: {bot: count}
                    throttle: {max: 1, per: 1h}
                """);
        publish(deploy("d1", "production"));
        publish(deploy("d2", "production"));

        CliRun run = react(rules, "--once");

        assertThat(run.err()).contains("warning: rule count-after-deploy throttled: the rule started 1 runs in the"
                + " last 1h, its most (throttle max 1 per 1h); bot count is not started for deploy.completed d2")
                .contains("done: 1 started, 0 failed, 1 throttled");
        assertThat(journal().read(MessageFilter.ofTypes(BuildCompleted.TYPE))).hasSize(1);
        assertThat(Files.readString(workdir.resolve(".lotabots/reactions.jsonl"))).contains("\"state\":\"throttled\"");
        assertThat(react(rules, "--once").err()).as("a throttled message stays handled").contains("done: 0 started,"
                + " 0 failed, 0 throttled");
    }

    @Test
    void shouldRefuseBadRulesNamingTheFileLineAndField() throws IOException {
        CliRun unknownBot = react(rules("rules:\n  - {name: r, on: deploy.completed, run: {bot: paint}}\n"), "--once");
        CliRun unknownScenario = react(rules("rules:\n  - name: r\n    on: deploy.completed\n"
                + "    run: {scenario: incident-respnse}\n"), "--once");
        CliRun unknownField = react(rules("rules:\n  - name: r\n    on: deploy.completed\n"
                + "    when: {env: production}\n    run: {bot: count}\n"), "--once");

        assertThat(unknownBot.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknownBot.err()).contains("line 2 rule r: run.bot 'paint' is not a bot; the bots are count");
        assertThat(unknownScenario.err()).contains("line 2 rule r: There is no scenario 'incident-respnse'");
        assertThat(unknownField.err()).contains("line 4 field rules[0].when.env 'env' is not a payload field of"
                + " deploy.completed");
    }

    @Test
    void shouldFollowANamedJournalAndKeepTheRecordNextToIt() throws IOException {
        Path named = workdir.getParent().resolve(workdir.getFileName() + "-journal/messages.jsonl");
        Message deploy = deploy("d1", "production").build();
        try (Journal journal = Journal.at(named)) {
            journal.append(deploy);
        }

        CliRun run = react(rules(ON_DEPLOY), "--once", "--journal", named.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(Journal.at(named).read(MessageFilter.ofTypes(BuildCompleted.TYPE))).singleElement()
                .satisfies(build -> assertThat(build.getCausationId()).contains("d1"));
        assertThat(named.resolveSibling(ReactCommand.LEDGER_NAME)).content().contains("\"state\":\"finished\"");
        assertThat(workdir.resolve(".lotabots")).doesNotExist();
    }

    @Test
    void shouldRefuseARecordThatALinkLeadsOutOfTheWorkingDirectory() throws IOException {
        Path outside = Files.createDirectories(workdir.getParent().resolve(workdir.getFileName() + "-outside"));
        Files.createSymbolicLink(workdir.resolve(".lotabots"), outside);

        CliRun run = react(rules(ON_DEPLOY), "--once");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Refusing to write the reaction record").contains("'.lotabots' is a symbolic"
                + " link to");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldFollowAJournalThatAnotherProcessAppendsTo() throws Exception {
        Path rules = rules(ON_DEPLOY);
        ReactCommand react = new ReactCommand(registry);
        CommandLine commandLine = new CommandLine(react);
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(() -> commandLine.execute("--rules",
                rules.toString(), "--workdir", workdir.toString(), "--poll", "100ms"));

        String line = new String(MessageCodec.get().write(deploy("d1", "production").build()), StandardCharsets.UTF_8);
        append(line.substring(0, 50));
        append(line.substring(50) + "\n");
        while (journal().read(MessageFilter.ofTypes(BuildCompleted.TYPE)).isEmpty() && !following.isDone()) {
            Thread.sleep(50);
        }
        react.stop();

        assertThat(following.get(2, TimeUnit.MINUTES)).as(err.toString()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(journal().read(MessageFilter.ofTypes(BuildCompleted.TYPE))).singleElement()
                .satisfies(build -> assertThat(build.getCausationId()).contains("d1"));
        assertThat(err.toString()).doesNotContain("torn").contains("stopped (asked to stop)");
    }

    private void append(final String text) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Appender.class.getName(),
                workdir.resolve(Journal.DEFAULT_PATH).toString(), text));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private CliRun react(final Path rules, final String... more) {
        List<String> args = new ArrayList<>(List.of("react", "--rules", rules.toString(), "--workdir",
                workdir.toString()));
        args.addAll(List.of(more));
        return CliRun.of(registry, args.toArray(String[]::new));
    }

    private Path rules(final String yaml) throws IOException {
        Path file = workdir.getParent().resolve(workdir.getFileName() + "-rules.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Journal journal() {
        return Journal.at(workdir.resolve(Journal.DEFAULT_PATH));
    }

    private Message publish(final Message.Builder message) {
        Message built = message.build();
        try (Journal journal = journal()) {
            journal.append(built);
        }
        return built;
    }

    private static Message.Builder deploy(final String id, final String environment) {
        return Message.builder(new DeployCompleted(environment, "1.2.3", 10.0, null, null, null, null))
                .source("DeployBot").id(id).time(Instant.now()).correlationId("job/app/main#7");
    }

    /**
     * Appends raw text to a file, in another process.
     */
    public static final class Appender {
        private Appender() {
        }

        /**
         * Appends.
         *
         * @param args the file and the text
         * @throws IOException if it cannot
         */
        public static void main(final String[] args) throws IOException {
            Path file = Path.of(args[0]);
            Files.createDirectories(file.getParent());
            Files.write(file, args[1].getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
