package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.lotabots.util.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real engine bots through {@link BotCallable#invoke}, as the agent does, without Jenkins.
 */
class BotCallableTest {
    private static final String CORRELATION_ID = "jenkins/app/7";
    private static final String PASSING = "<testsuite name='demo.AppTest' tests='2' failures='0' errors='0' skipped='0'>"
            + "<testcase classname='demo.AppTest' name='a' time='0.1'/>"
            + "<testcase classname='demo.AppTest' name='b' time='0.2'/></testsuite>";
    private static final String FAILING = "<testsuite name='demo.AppTest' tests='2' failures='1' errors='0' skipped='0'>"
            + "<testcase classname='demo.AppTest' name='a' time='0.1'/>"
            + "<testcase classname='demo.AppTest' name='b' time='0.2'><failure message='boom'>trace</failure>"
            + "</testcase></testsuite>";

    @TempDir
    private Path workspace;

    @Test
    void shouldRunTestBotInTheWorkspaceAndReturnPlainOutputsAndStampedMessages() throws Exception {
        report(PASSING);

        BotCallable.Result result = run("test", Map.of("junit", List.of("reports/*.xml")), List.of(), List.of(),
                "Test");

        assertThat(result.getUserError()).isNull();
        assertThat(result.getStatus()).isEqualTo("SUCCESS");
        assertThat(result.getSummary()).startsWith("2 tests, 2 passed, 0 failed");
        assertThat(result.getOutputs()).containsEntry("total", 2).containsEntry("passed", 2);
        assertThat(result.getOutputs().get("byKind")).isInstanceOf(LinkedHashMap.class);
        assertThat(result.getLines()).anyMatch(line -> line.startsWith("Reading 1 test report"));
        assertThat(result.getMessages()).singleElement().satisfies(json -> assertThat(json)
                .contains("\"type\":\"test.completed\"", "\"stage\":\"Test\"",
                        "\"correlation_id\":\"" + CORRELATION_ID + "\""));
    }

    @Test
    void shouldReportAFailedGateAsUnstableWithItsErrorLines() throws Exception {
        report(FAILING);

        BotCallable.Result result = run("test", Map.of("junit", List.of("reports/*.xml"),
                "failureCriticality", "UNSTABLE"), List.of(), List.of(), null);

        assertThat(result.getStatus()).isEqualTo("UNSTABLE");
        int gate = result.getLines().indexOf("Gate maxFailures failed: 1 failed tests, at most 0 allowed => UNSTABLE");
        assertThat(gate).isNotNegative();
        assertThat(result.isError(gate)).isTrue();
        assertThat(result.isError(0)).isFalse();
        assertThat(result.getMessages()).singleElement().satisfies(json -> assertThat(json).doesNotContain("\"stage\""));
    }

    @Test
    void shouldMaskSecretsInEveryLineItReturns() throws Exception {
        report(FAILING);
        String secret = "demo.AppTest";

        BotCallable.Result result = run("test", Map.of("junit", List.of("reports/*.xml")), List.of(secret),
                List.of(), null);

        assertThat(result.getLines()).isNotEmpty().noneMatch(line -> line.contains(secret))
                .anyMatch(line -> line.contains("****.b: boom"));
        assertThat(result.getSummary()).doesNotContain(secret);
    }

    @Test
    void shouldReturnABadOptionAsUserErrorInsteadOfThrowingAnEngineException() throws Exception {
        BotCallable.Result result = run("test", Map.of("failureCriticality", "BOGUS"), List.of(), List.of(), null);

        assertThat(result.getUserError())
                .isEqualTo("Option 'failureCriticality' of TestBot expected one of UNSTABLE, FAILURE, was 'BOGUS'");
        assertThat(result.getMessages()).isEmpty();
    }

    @Test
    void shouldLetTheBotReadTheBuildsEarlierMessagesAndReturnOnlyTheNewOnes() throws Exception {
        report(FAILING);
        String earlier = run("test", Map.of("junit", List.of("reports/*.xml"), "failureCriticality", "UNSTABLE"),
                List.of(), List.of(), null).getMessages().get(0);

        BotCallable.Result result = run("notify", Map.of("channel", List.of("console"),
                "messageType", "test.completed"), List.of(), List.of(earlier), null);

        assertThat(result.getStatus()).isEqualTo("SUCCESS");
        assertThat(result.getLines()).anyMatch(line -> line.contains("tests 1/2 passed, 1 failed"));
        assertThat(result.getMessages()).singleElement().satisfies(json -> assertThat(json)
                .contains("\"type\":\"notification.sent\"", "\"correlation_id\":\"" + CORRELATION_ID + "\""));
    }

    @Test
    void shouldPrintTheBotsLinesWhileItRunsAndNotAgainAfterwards() throws Exception {
        report(FAILING);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        TaskListener listener = () -> out;

        BotCallable.Result result = new BotCallable("test", Map.of("junit", List.of("reports/*.xml")), Map.of(),
                List.of("demo.AppTest"), List.of(), CORRELATION_ID, null, "TestBot", listener)
                .invoke(workspace.toFile(), null);
        String streamed = console.toString(StandardCharsets.UTF_8);
        new ConsoleLog(out, "TestBot", new SecretMasker()).print(result);

        assertThat(result.getStreamed()).isEqualTo(result.getLines().size());
        assertThat(streamed).contains("[TestBot] Reading 1 test report", "[TestBot] [ERROR] Failed: ****.b: boom")
                .doesNotContain("demo.AppTest");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo(streamed);
    }

    @Test
    void shouldCopyOutputsIntoPlainValues() {
        Object plain = BotCallable.plain(Map.of("list", List.of(1, 2.5f, Path.of("a")), "flag", true));

        assertThat(plain).isEqualTo(Map.of("list", List.of(1, 2.5d, "a"), "flag", true));
    }

    private void report(final String xml) throws IOException {
        Path reports = Files.createDirectories(workspace.resolve("reports"));
        Files.writeString(reports.resolve("TEST-demo.xml"), xml, StandardCharsets.UTF_8);
    }

    private BotCallable.Result run(final String botId, final Map<String, Object> options, final List<String> secrets,
            final List<String> earlier, final String stage) throws Exception {
        return new BotCallable(botId, options, Map.of(), secrets, earlier, CORRELATION_ID, stage, "Bot", null)
                .invoke(workspace.toFile(), null);
    }
}
