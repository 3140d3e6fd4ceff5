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
}
