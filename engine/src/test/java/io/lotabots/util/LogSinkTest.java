package io.lotabots.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LogSinkTest {
    @Test
    void shouldMaskInfoAndErrorLinesBeforeTheTargetSeesThem() {
        EngineLog target = new EngineLog("Errors:");
        SecretMasker masker = new SecretMasker().add("hunter2-secret");
        LogSink masked = target.masked(masker);

        masked.info("logging in with hunter2-secret");
        masked.error("login with hunter2-secret failed");

        assertThat(target.getInfoLines()).containsExactly("logging in with ****");
        assertThat(target.getErrorLines()).containsExactly("login with **** failed");
    }

    @Test
    void shouldMaskSecretsRegisteredAfterTheSinkWasCreated() {
        EngineLog target = new EngineLog("Errors:");
        SecretMasker masker = new SecretMasker();
        LogSink masked = target.masked(masker);
        masker.add("late-secret");

        masked.info("value late-secret");

        assertThat(target.getInfoLines()).containsExactly("value ****");
    }

    @Test
    void shouldMaskFormattedLines() {
        EngineLog target = new EngineLog("Errors:");
        LogSink masked = target.masked(new SecretMasker().add("hunter2-secret"));

        masked.info("token %s used %d times", "hunter2-secret", 3);

        assertThat(target.getInfoLines()).containsExactly("token **** used 3 times");
    }

    @Test
    void shouldFormatWithRootLocale() {
        EngineLog target = new EngineLog("Errors:");

        target.info("coverage %.1f%%", 87.5);

        assertThat(target.getInfoLines()).containsExactly("coverage 87.5%");
    }

    @Test
    void shouldWriteEveryLineToBothSinks() {
        EngineLog first = new EngineLog("First:");
        EngineLog second = new EngineLog("Second:");
        LogSink both = first.and(second);

        both.info("progress");
        both.error("problem");

        assertThat(first.getInfoLines()).containsExactly("progress");
        assertThat(second.getInfoLines()).containsExactly("progress");
        assertThat(first.getErrorLines()).containsExactly("problem");
        assertThat(second.getErrorLines()).containsExactly("problem");
    }

    @Test
    void shouldMaskForBothSinksWhenCombinedSinkIsMasked() {
        EngineLog first = new EngineLog("First:");
        EngineLog second = new EngineLog("Second:");
        LogSink sink = first.and(second).masked(new SecretMasker().add("hunter2-secret"));

        sink.error("hunter2-secret leaked?");

        assertThat(first.getErrorLines()).containsExactly("**** leaked?");
        assertThat(second.getErrorLines()).containsExactly("**** leaked?");
    }

    @Test
    void shouldDropLinesInNoneSink() {
        assertThatNoException().isThrownBy(() -> {
            LogSink.NONE.info("dropped");
            LogSink.NONE.error("dropped");
            LogSink.NONE.info("%s", "dropped");
        });
        EngineLog copy = new EngineLog("Copy:");
        LogSink.NONE.and(copy).info("kept by the other sink");
        assertThat(copy.getInfoLines()).containsExactly("kept by the other sink");
    }
}
