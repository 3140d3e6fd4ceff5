package io.lotabots.report.junit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TimeAttributeTest {
    @ParameterizedTest(name = "\"{0}\" is {1} µs")
    @CsvSource(delimiter = '|', value = {
            "0.012       | 12000",
            "12          | 12000000",
            "0           | 0",
            ".5          | 500000",
            "5.          | 5000000",
            "+1.5        | 1500000",
            "1e-3        | 1000",
            "2.5E2       | 250000000",
            "' 0.125 '   | 125000",
            "1,234.5     | 1234500000",
            "12,345,678.9| 12345678900000",
            "1.234,5     | 1234500000",
            "1.234.567,8 | 1234567800000",
            "0,005       | 5000",
            "0,250       | 250000",
            "1,234       | 1234000000",
            "2,000       | 2000000000",
            "0.0000004   | 0",
            "0.0000005   | 1",
            "0.0010000   | 1000",
    })
    void shouldReadTimesAsToolsWriteThem(final String text, final long micros) {
        assertThat(TimeAttribute.parseMicros(text)).hasValue(micros);
    }

    @ParameterizedTest(name = "\"{0}\" is not a time")
    @ValueSource(strings = {"abc", "NaN", "Infinity", "-1", "-0.5", "1e400", "2e9", "0x10", "1d", "1f", "1,2,3",
        "1.2.3", "1,23.4", "12 s", "PT1S", "1_000", ",", ".", "e5"})
    void shouldRefuseWhatIsNotANumberOfSeconds(final String text) {
        assertThat(TimeAttribute.parseMicros(text)).isEmpty();
    }
}
