package io.lotabots.bot.notify;

import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentSeverity;
import io.lotabots.bot.incident.IncidentStatus;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The war room's channel names keep to Slack's rules whatever the incident's title.
 */
class WarRoomTest {
    private static Incident titled(final long number, final String title, final List<String> links) {
        return new Incident("INC-" + number, title, IncidentSeverity.P2, IncidentStatus.TRIGGERED, "checkout",
                "production", "checkout/x", null, TestMessages.TIME, TestMessages.TIME, links, List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "High error rate | inc-12345-high-error-rate",
        "  Checkout: 5xx > 10% (EU/West)!  | inc-12345-checkout-5xx-10-eu-west",
        "Zahlungsausfall bei Übergröße – café | inc-12345-zahlungsausfall-bei-ubergrosse-cafe",
        "日本語のタイトル | inc-12345",
        "___ | inc-12345",
        "db_primary down | inc-12345-db_primary-down"})
    void shouldMakeReadableNamesOfLowerCaseLettersDigitsHyphensAndUnderscores(final String title,
            final String name) {
        String made = WarRoom.channelName(titled(12_345, title, List.of()));

        assertThat(made).isEqualTo(name);
        assertThat(made).matches("[a-z0-9_-]{1,80}");
    }

    @Test
    void shouldCutLongTitlesTo80CharactersWithoutATrailingHyphen() {
        String made = WarRoom.channelName(titled(Long.MAX_VALUE, "word ".repeat(40), List.of()));

        assertThat(made).hasSizeLessThanOrEqualTo(80).startsWith("inc-9223372036854775807-word-word").doesNotEndWith("-");
        assertThat(WarRoom.withSuffix(made, 17)).hasSizeLessThanOrEqualTo(80).endsWith("-17")
                .matches("[a-z0-9_-]{1,80}").doesNotContain("--");
    }

    @Test
    void shouldFindTheWarRoomInTheIncidentsLinks() {
        assertThat(WarRoom.channelOf(titled(1, "x", List.of("job/app#1", "slack:C0123ABCDE")))).isEqualTo("C0123ABCDE");
        assertThat(WarRoom.channelOf(titled(1, "x", List.of("job/app#1", "slack:")))).isNull();
        assertThat(WarRoom.url("C0123ABCDE")).isEqualTo("https://slack.com/app_redirect?channel=C0123ABCDE");
    }
}
