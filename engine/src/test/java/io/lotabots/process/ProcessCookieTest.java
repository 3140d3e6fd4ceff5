package io.lotabots.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCookieTest {
    private final ProcessCookie cookie = ProcessCookie.random(ProcessCookie.RUN_VARIABLE);

    private static byte[] environ(final String... entries) {
        return (String.join("\0", entries) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindTheCookieAmongTheVariablesOfAProcess() {
        assertThat(cookie.isCarriedBy(environ("PATH=/usr/bin", "LOTABOTS_RUN_COOKIE=" + cookie.getValue(),
                "HOME=/root"))).isTrue();
        assertThat(cookie.isCarriedBy(environ("LOTABOTS_RUN_COOKIE=" + cookie.getValue()))).isTrue();
    }

    @Test
    void shouldNotMatchAnotherValueAPrefixOrAnotherVariable() {
        String value = cookie.getValue();
        assertThat(cookie.isCarriedBy(environ("LOTABOTS_RUN_COOKIE=" + value.substring(0, 8)))).isFalse();
        assertThat(cookie.isCarriedBy(environ("LOTABOTS_RUN_COOKIE=" + value + "x"))).isFalse();
        assertThat(cookie.isCarriedBy(environ("LOTABOTS_COMMAND_COOKIE=" + value))).isFalse();
        assertThat(cookie.isCarriedBy(environ("X_LOTABOTS_RUN_COOKIE=" + value))).isFalse();
        assertThat(cookie.isCarriedBy(environ("OTHER=LOTABOTS_RUN_COOKIE=" + value))).isFalse();
        assertThat(cookie.isCarriedBy(new byte[0])).as("a zombie's environment is empty").isFalse();
    }

    @Test
    void shouldKeepTheCookieOfAnOuterRunSoThatBothFindTheProcess() {
        ProcessCookie outer = ProcessCookie.random(ProcessCookie.RUN_VARIABLE);

        String value = cookie.valueFor(Map.of("LOTABOTS_RUN_COOKIE", outer.getValue()));

        assertThat(value).isEqualTo(outer.getValue() + " " + cookie.getValue());
        assertThat(cookie.isCarriedBy(environ("LOTABOTS_RUN_COOKIE=" + value))).isTrue();
        assertThat(outer.isCarriedBy(environ("LOTABOTS_RUN_COOKIE=" + value))).isTrue();
        assertThat(cookie.valueFor(Map.of("LOTABOTS_RUN_COOKIE", value))).as("not added twice").isEqualTo(value);
        assertThat(cookie.valueFor(Map.of())).isEqualTo(cookie.getValue());
    }

    @Test
    void shouldFindNoProcessOfACookieNobodyCarries() {
        assertThat(cookie.findProcesses()).isEmpty();
        assertThat(cookie.stop(java.time.Duration.ZERO, java.util.List.of())).isZero();
    }
}
