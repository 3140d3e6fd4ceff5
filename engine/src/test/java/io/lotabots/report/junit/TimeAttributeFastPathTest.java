package io.lotabots.report.junit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TimeAttributeFastPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "0.5", "12.345", "0.000001", "0.0000004", "0.0000005", "0.9999995",
            "3600.25", "999999999", "0.1234567890"})
    void shouldReadPlainTimesAsTheGeneralParserDoes(final String text) {
        assertThat(TimeAttribute.parseMicros(text)).hasValue(Math.round(Double.parseDouble(text) * 1_000_000));
    }

    @Test
    void shouldAgreeWithTheGeneralParserOnRandomTimes() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String text = String.format(Locale.ROOT, "%." + random.nextInt(7) + "f", random.nextDouble() * 1000);
            assertThat(TimeAttribute.parseMicros(text)).as(text)
                    .hasValue(Math.round(Double.parseDouble(text) * 1_000_000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".5", "5.", "1.2.3", "-1", "1e3", "abc", ""})
    void shouldLeaveOtherFormsToTheGeneralParser(final String text) {
        assertThat(TimeAttribute.parseMicros(text)).isEqualTo(TimeAttribute.parseMicros(" " + text + " "));
    }
}
