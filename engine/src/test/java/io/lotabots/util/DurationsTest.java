package io.lotabots.util;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTest {
    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
            "90s, 90000",
            "2m, 120000",
            "1h30m, 5400000",
            "500ms, 500",
            "1d, 86400000",
            "1h1m1s, 3661000",
            "90S, 90000",
            "' 90s ', 90000",
            "PT2M, 120000",
            "pt90s, 90000",
            "PT1H30M, 5400000",
            "P1D, 86400000",
            "'1h 30m', 5400000",
            "'2m 5s', 125000",
            "0, 0",
            "' 0 ', 0"
    })
    void shouldParseDurationsAsUsersTypeThem(final String text, final long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"soon", "", "90", "10", "0.5", "-0", "1.5h", "s", "90 s", "1 h", "-5s", "PTsoon", "99999999999999999999d",
            "9999999999999999h"})
    void shouldRejectTextThatIsNoDurationNamingTextAndAcceptedForms(final String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessageContaining("'" + text + "' is not a duration")
                .withMessageContaining("90s")
                .withMessageContaining("PT2M");
    }

    @ParameterizedTest(name = "{0} ms is \"{1}\"")
    @CsvSource({
            "0, 0s",
            "500, 500ms",
            "999, 999ms",
            "1000, 1s",
            "1500, 1.5s",
            "45000, 45s",
            "59000, 59s",
            "59960, 1m",
            "60000, 1m",
            "65000, 1m 5s",
            "1800000, 30m",
            "3599000, 59m 59s",
            "3600000, 1h",
            "5400000, 1h 30m",
            "86400000, 24h",
            "11100000, 3h 5m"
    })
    void shouldFormatDurationsForPeople(final long millis, final String expected) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"90s", "2m", "1h30m", "PT30M", "PT24H", "500ms", "0s", "1h 30m 15s"})
    void shouldFormatWhatItParsedSoThatItReadsBackTheSame(final String text) {
        String formatted = Durations.format(Durations.parse(text));

        assertThat(formatted).doesNotStartWith("PT");
        assertThat(Durations.parse(formatted)).isEqualTo(Durations.parse(text));
    }
}
