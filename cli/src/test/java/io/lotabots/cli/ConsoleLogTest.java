package io.lotabots.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLogTest {
    @Test
    void shouldPutTheErrorMarkAfterTheBotPrefix() {
        StringWriter text = new StringWriter();
        ConsoleLog log = new ConsoleLog(new PrintWriter(text));

        log.info("[TestBot] Reading 3 reports");
        log.error("[TestBot] Gate minCoverage failed");
        log.error("no prefix here");

        assertThat(text.toString().lines()).containsExactly("[TestBot] Reading 3 reports",
                "[TestBot] [ERROR] Gate minCoverage failed", "[ERROR] no prefix here");
    }

    @Test
    void shouldMarkAWarningAsAWarningOnceThroughThePrefixAndTheMasker() {
        StringWriter text = new StringWriter();
        io.lotabots.util.SecretMasker masker = new io.lotabots.util.SecretMasker();
        masker.add("s3cr3t-value");
        io.lotabots.bot.BotContext context = io.lotabots.bot.BotContext.builder(java.nio.file.Path.of("."))
                .masker(masker).log(new ConsoleLog(new PrintWriter(text))).build().withLogPrefix("NotificationBot");

        context.getLog().warning("slack: not delivered to s3cr3t-value");
        context.getLog().and(io.lotabots.util.LogSink.NONE).warning("pagerduty: down");

        assertThat(text.toString().lines()).containsExactly("[NotificationBot] [WARNING] slack: not delivered to ****",
                "[NotificationBot] [WARNING] pagerduty: down");
        assertThat(text.toString()).doesNotContain("[ERROR]").doesNotContain("Warning:");
    }

    @Test
    void shouldShowProgressAsOneUpdatingLineOnATerminalAndClearItBeforeTheNextLine() {
        StringWriter text = new StringWriter();
        ConsoleLog log = new ConsoleLog(new PrintWriter(text), true, () -> 0L);

        String first = "[BuildBot] Running mvn verify: 1s of at most 30m";
        String second = "[BuildBot] Running mvn: 2s";
        log.progress(first);
        log.progress(second);
        log.info("[BuildBot] Built main");

        // the shorter line covers the rest of the longer one; the next log line starts on a cleared line
        assertThat(text.toString()).isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length())
                + "\r" + " ".repeat(second.length()) + "\r" + "[BuildBot] Built main" + System.lineSeparator());
    }

    @Test
    void shouldPrintProgressAsPlainLinesAtAModestRateElsewhere() {
        StringWriter text = new StringWriter();
        long[] now = {0};
        ConsoleLog log = new ConsoleLog(new PrintWriter(text), false, () -> now[0]);
        long second = java.time.Duration.ofSeconds(1).toNanos();

        for (int i = 1; i <= 25; i++) {
            now[0] = i * second;
            log.progress("[MonitorBot] Watching: " + i + "s of 30m");
        }
        log.info("[MonitorBot] Verdict pass");

        assertThat(text.toString().lines()).containsExactly("[MonitorBot] Watching: 10s of 30m",
                "[MonitorBot] Watching: 20s of 30m", "[MonitorBot] Verdict pass");
        assertThat(text.toString()).doesNotContain("\r");
    }
}
