package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotabots.util.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final SecretMasker masker = new SecretMasker().add("hunter2-token");
    private final ConsoleLog console = new ConsoleLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), "TestBot",
            masker);

    @Test
    void shouldPrefixEveryLineWithTheBotNameAndErrorsWithError() {
        console.info("Reading 1 test report");
        console.error("Failed: demo.AppTest.b: boom");

        assertThat(lines()).containsExactly("[TestBot] Reading 1 test report",
                "[TestBot] [ERROR] Failed: demo.AppTest.b: boom");
    }

    @Test
    void shouldPrintOneStartLineWithTheInputsAndOneSummaryLine() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("junit", List.of("**/TEST-*.xml"));
        options.put("minCoverage", 80.0);

        console.start(options);
        console.summary("2 tests, 2 passed, 0 failed, 0 skipped; SUCCESS", "1.2s");
        console.start(Map.of());

        assertThat(lines()).containsExactly(
                "[TestBot] " + Messages.ConsoleLog_Start("junit=[**/TEST-*.xml], minCoverage=80.0"),
                "[TestBot] " + Messages.ConsoleLog_Summary("2 tests, 2 passed, 0 failed, 0 skipped; SUCCESS", "1.2s"),
                "[TestBot] " + Messages.ConsoleLog_StartDefaults());
    }

    @Test
    void shouldNeverPrintASecretItKnows() {
        console.start(Map.of("link", "https://ci.example.com/?token=hunter2-token"));
        console.info("posting with hunter2-token");
        console.error("rejected hunter2-token");

        assertThat(text()).doesNotContain("hunter2-token").contains("token=****", "posting with ****",
                "[ERROR] rejected ****");
    }

    @Test
    void shouldPrintOnlyTheLinesItHasNotPrintedYet() {
        BotCallable.Result result = new BotCallable.Result();
        result.info("first");
        console.print(result);
        result.error("second");
        console.print(result);

        assertThat(lines()).containsExactly("[TestBot] first", "[TestBot] [ERROR] second");
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return text().lines().toList();
    }
}
