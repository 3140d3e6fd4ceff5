package io.lotabots.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineLogTest {
    @Test
    void shouldKeepLinesInOrderWithTitle() {
        EngineLog log = new EngineLog("Errors while reading test reports:");
        log.info("first");
        log.info("second");
        log.error("broken report");

        assertThat(log.getTitle()).isEqualTo("Errors while reading test reports:");
        assertThat(log.getInfoLines()).containsExactly("first", "second");
        assertThat(log.getErrorLines()).containsExactly("broken report");
        assertThat(log.hasErrors()).isTrue();
    }

    @Test
    void shouldHaveNoErrorsWhenOnlyInfoWasLogged() {
        EngineLog log = new EngineLog("Errors:");
        log.info("all fine");

        assertThat(log.hasErrors()).isFalse();
        assertThat(log.getErrorLines()).isEmpty();
    }

    @Test
    void shouldCapInfoLinesAndCountDroppedOnes() {
        EngineLog log = new EngineLog("Errors:", 3, 10);
        for (int i = 1; i <= 7; i++) {
            log.info("line " + i);
        }

        assertThat(log.getInfoLines()).containsExactly("line 1", "line 2", "line 3", "... 4 more lines not kept");
    }

    @Test
    void shouldCapErrorLinesAndCountDroppedOnes() {
        EngineLog log = new EngineLog("Errors:", 10, 2);
        log.error("e1");
        log.error("e2");
        log.error("e3");

        assertThat(log.getErrorLines()).containsExactly("e1", "e2", "... 1 more errors not kept");
        assertThat(log.hasErrors()).isTrue();
    }

    @Test
    void shouldReportErrorsEvenWhenEveryErrorLineWasDropped() {
        EngineLog log = new EngineLog("Errors:", 10, 0);
        log.error("dropped");

        assertThat(log.hasErrors()).isTrue();
        assertThat(log.getErrorLines()).containsExactly("... 1 more errors not kept");
    }

    @Test
    void shouldUseDefaultCaps() {
        EngineLog log = new EngineLog("Errors:");
        for (int i = 0; i < EngineLog.DEFAULT_MAX_INFO_LINES + 5; i++) {
            log.info("i" + i);
        }
        for (int i = 0; i < EngineLog.DEFAULT_MAX_ERROR_LINES + 2; i++) {
            log.error("e" + i);
        }

        assertThat(log.getInfoLines()).hasSize(EngineLog.DEFAULT_MAX_INFO_LINES + 1)
                .last().isEqualTo("... 5 more lines not kept");
        assertThat(log.getErrorLines()).hasSize(EngineLog.DEFAULT_MAX_ERROR_LINES + 1)
                .last().isEqualTo("... 2 more errors not kept");
    }

    @Test
    void shouldReturnUnmodifiableCopies() {
        EngineLog log = new EngineLog("Errors:");
        List<String> lines = log.getInfoLines();
        log.info("later");

        assertThat(lines).isEmpty();
        assertThat(log.getInfoLines()).containsExactly("later");
    }

    @Test
    void shouldCountEveryLineWhenManyThreadsLog() throws InterruptedException {
        EngineLog log = new EngineLog("Errors:", 1000, 1000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    log.info("x");
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(log.getInfoLines()).hasSize(1001).last().isEqualTo("... 3000 more lines not kept");
    }
}
