package io.lotabots.bot.monitor;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CriterionTest {
    @Test
    void readsAnAbsolutePercentageAsARatio() {
        Criterion criterion = Criterion.parse("error_rate < 5%");

        assertThat(criterion.metric()).isEqualTo("error_rate");
        assertThat(criterion.aggregate()).isEqualTo(Criterion.Aggregate.AVG);
        assertThat(criterion.pass().operator()).isEqualTo(Criterion.Operator.LT);
        assertThat(criterion.pass().threshold().relative()).isFalse();
        assertThat(criterion.pass().threshold().limit(null).getAsDouble()).isCloseTo(0.05, within(1e-12));
        assertThat(criterion.weight()).isEqualTo(1.0);
        assertThat(criterion.key()).isFalse();
        assertThat(criterion.target()).isEqualTo("avg(error_rate)");
    }

    @ParameterizedTest
    @CsvSource({"latency_p99 < 300ms, 0.3", "latency_p99 < 2s, 2", "memory < 512MB, 512e6", "memory < 1GiB, 1073741824",
            "queue < 1500, 1500", "uptime > 2h, 7200", "cpu<0.8, 0.8"})
    void convertsUnitsToBaseUnits(final String text, final double expected) {
        assertThat(Criterion.parse(text).pass().threshold().limit(null).getAsDouble()).isCloseTo(expected,
                within(1e-9));
    }

    @Test
    void readsARelativePercentageAgainstTheBaseline() {
        Criterion criterion = Criterion.parse("p95 <= +10%");

        assertThat(criterion.isRelative()).isTrue();
        assertThat(criterion.pass().threshold().limit(null)).isEmpty();
        assertThat(criterion.pass().threshold().limit(0.2).getAsDouble()).isCloseTo(0.22, within(1e-12));
        assertThat(Criterion.parse("request_rate >= -20%").pass().threshold().limit(100.0).getAsDouble())
                .isCloseTo(80, within(1e-9));
        assertThat(Criterion.parse("p99 <= +50ms").pass().threshold().limit(0.2).getAsDouble())
                .isCloseTo(0.25, within(1e-12));
    }

    @Test
    void readsAggregateWarningBandAndOptions() {
        Criterion criterion = Criterion.parse("max( latency_p99 ) < 300ms warn < 500ms weight=2.5 key"
                + " severity=critical alert=SlowCheckout");

        assertThat(criterion.aggregate()).isEqualTo(Criterion.Aggregate.MAX);
        assertThat(criterion.metric()).isEqualTo("latency_p99");
        assertThat(criterion.warn()).isNotNull();
        assertThat(criterion.warn().threshold().amount()).isCloseTo(0.5, within(1e-12));
        assertThat(criterion.weight()).isEqualTo(2.5);
        assertThat(criterion.key()).isTrue();
        assertThat(criterion.severity()).isEqualTo("critical");
        assertThat(criterion.alertNameFor("latency_p99")).isEqualTo("SlowCheckout");
    }

    @Test
    void derivesAlertNamesFromTheMetricAndDirection() {
        assertThat(Criterion.parse("error_rate < 5%").alertNameFor("error_rate")).isEqualTo("ErrorRateHigh");
        assertThat(Criterion.parse("availability >= 95%").alertNameFor("availability")).isEqualTo("AvailabilityLow");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "error_rate << 5%|13|expected a threshold",
            "error_rate 5%|12|expected an operator",
            "error_rate <|13|found the end",
            "error_rate < 5 %|16|expected 'warn'",
            "error_rate < 5parsecs|15|expected a unit",
            "error_rate < 5% weight=-1|24|expected a weight",
            "error_rate < 5% weight=heavy|24|expected a weight",
            "error_rate < 5% severity=dire|26|expected a severity",
            "error_rate < 5% sometimes|17|found 'sometimes'",
            "sum(error_rate) < 5%|1|expected an aggregate",
            "max(error_rate < 5%|16|expected ')'",
            "< 5%|1|expected a metric name",
            "error_rate < 1.2.3|14|expected a threshold",
            "latency < 1s warn > 2s|14|must point the same way"})
    void namesThePositionOfAMalformedCriterion(final String text, final int position, final String problem) {
        assertThatThrownBy(() -> Criterion.parse(text)).isInstanceOfSatisfying(LotaBotsException.class, e -> {
            assertThat(e.getCode()).isEqualTo(MonitorErrorCode.INVALID_CRITERION);
            assertThat(e.getMessage()).contains("'" + text + "'").contains("at position " + position + ":")
                    .contains(problem);
        });
    }

    @Test
    void refusesAnEmptyCriterion() {
        assertThatThrownBy(() -> Criterion.parse("   ")).hasMessageContaining("found nothing");
    }

    @Test
    void refusesAHugeCriterionWithoutEchoingIt() {
        String huge = "error_rate < 5% " + "key ".repeat(100_000);

        assertThatThrownBy(() -> Criterion.parse(huge)).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("characters long").matches(e -> e.getMessage().length() < 300);
    }
}
