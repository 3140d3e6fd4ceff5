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
}
