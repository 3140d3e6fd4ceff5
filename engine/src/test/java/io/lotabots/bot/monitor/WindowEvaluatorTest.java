package io.lotabots.bot.monitor;

import io.lotabots.bot.monitor.prometheus.TimeSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowEvaluatorTest {
    private static final double T0 = 1_800_000_000;
    private static final Instant END = Instant.ofEpochSecond((long) T0 + 59);

    private final WindowEvaluator evaluator = new WindowEvaluator(90, 75, 3.5, Duration.ofHours(24));

    private static TimeSeries series(final int points, final IntToDoubleFunction value) {
        double[] times = new double[points];
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            times[i] = T0 + i;
            values[i] = value.applyAsDouble(i);
        }
        return TimeSeries.of(Map.of(), times, values);
    }

    private static Criterion criterion(final String text) {
        return Criterion.parse(text);
    }

    @Test
    void passesWhenEveryCriterionHolds() {
        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(List.of(criterion("error_rate < 5%")),
                Map.of("error_rate", List.of(series(60, i -> 0.01))), Map.of(), END);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
        assertThat(evaluation.score()).isEqualTo(100.0);
        assertThat(evaluation.criteria()).singleElement().satisfies(outcome -> {
            assertThat(outcome.result()).isEqualTo(Verdict.PASS);
            assertThat(outcome.value()).isCloseTo(0.01, within(1e-12));
            assertThat(outcome.limit()).isCloseTo(0.05, within(1e-12));
        });
    }

    @Test
    void scoresByWeightWithHalfForAWarningAsKeptnDoes() {
        List<Criterion> criteria = List.of(criterion("error_rate < 1% warn < 5% weight=2"),
                criterion("latency_p95 < 200ms weight=2"), criterion("cpu < 2"));
        Map<String, List<TimeSeries>> series = Map.of("error_rate", List.of(series(60, i -> 0.03)),
                "latency_p95", List.of(series(60, i -> 0.1)), "cpu", List.of(series(60, i -> 3)));

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(criteria, series, Map.of(), END);

        // warning 2 * 0.5 + pass 2 + fail 0 = 3 of 5
        assertThat(evaluation.score()).isEqualTo(60.0);
        assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(evaluation.criteria()).extracting(CriterionOutcome::result)
                .containsExactly(Verdict.WARNING, Verdict.PASS, Verdict.FAIL);
    }

    @Test
    void givesAWarningBetweenTheScoreThresholds() {
        List<Criterion> criteria = List.of(criterion("error_rate < 5% weight=4"), criterion("cpu < 2"));
        Map<String, List<TimeSeries>> series = Map.of("error_rate", List.of(series(60, i -> 0.0)),
                "cpu", List.of(series(60, i -> 3)));

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(criteria, series, Map.of(), END);

        assertThat(evaluation.score()).isEqualTo(80.0);
        assertThat(evaluation.verdict()).isEqualTo(Verdict.WARNING);
    }

    @Test
    void failsWhenAKeyCriterionFailsWhateverTheScore() {
        List<Criterion> criteria = List.of(criterion("error_rate < 5% weight=20"), criterion("cpu < 2 key"));
        Map<String, List<TimeSeries>> series = Map.of("error_rate", List.of(series(60, i -> 0.0)),
                "cpu", List.of(series(60, i -> 3)));

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(criteria, series, Map.of(), END);

        assertThat(evaluation.score()).isGreaterThan(90);
        assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void judgesTheWorstSeriesWithTheChosenAggregate() {
        TimeSeries calm = series(60, i -> 0.1);
        TimeSeries spiky = series(60, i -> i == 30 ? 0.9 : 0.1);

        WindowEvaluator.Evaluation max = evaluator.evaluate(List.of(criterion("max(latency_p99) < 500ms")),
                Map.of("latency_p99", List.of(calm, spiky)), Map.of(), END);
        WindowEvaluator.Evaluation median = evaluator.evaluate(List.of(criterion("median(latency_p99) < 500ms")),
                Map.of("latency_p99", List.of(calm, spiky)), Map.of(), END);
        WindowEvaluator.Evaluation last = evaluator.evaluate(List.of(criterion("last(request_rate) > 5")),
                Map.of("request_rate", List.of(series(60, i -> 60 - i))), Map.of(), END);

        assertThat(max.criteria().get(0).value()).isEqualTo(0.9);
        assertThat(max.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(median.criteria().get(0).value()).isEqualTo(0.1);
        assertThat(median.verdict()).isEqualTo(Verdict.PASS);
        assertThat(last.criteria().get(0).value()).isEqualTo(1.0);
        assertThat(last.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void comparesARelativeCriterionWithItsBaseline() {
        Criterion criterion = criterion("latency_p95 <= +10%");
        Map<String, List<TimeSeries>> series = Map.of("latency_p95", List.of(series(60, i -> 0.13)));

        WindowEvaluator.Evaluation against = evaluator.evaluate(List.of(criterion), series,
                Map.of("avg(latency_p95)", new Baseline("avg(latency_p95)", 0.1, 5, "journal")), END);
        WindowEvaluator.Evaluation without = evaluator.evaluate(List.of(criterion), series, Map.of(), END);

        assertThat(against.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(against.criteria().get(0).limit()).isCloseTo(0.11, within(1e-12));
        assertThat(against.criteria().get(0).detail()).contains("baseline 0.1");
        assertThat(without.verdict()).isEqualTo(Verdict.PASS);
        assertThat(without.criteria().get(0).detail()).contains("no baseline yet");
    }

    @Test
    void failsACriterionWithoutSamples() {
        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(List.of(criterion("error_rate < 5%")),
                Map.of(), Map.of(), END);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(evaluation.criteria().get(0).value()).isNull();
        assertThat(evaluation.criteria().get(0).detail()).contains("no samples");
    }

    @Test
    void passesWithoutCriteria() {
        assertThat(evaluator.evaluate(List.of(), Map.of(), Map.of(), END).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void reportsTheFarthestPointOfASpikeWithItsDeviation() {
        TimeSeries latency = series(120, i -> i >= 50 && i < 53 ? 0.8 + i / 1000.0 : 0.1 + (i % 5) / 1000.0);

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(List.of(), Map.of("latency_p95",
                List.of(latency)), Map.of(), END);

        assertThat(evaluation.anomalies()).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.metric()).isEqualTo("latency_p95");
            assertThat(anomaly.time()).isEqualTo(Instant.ofEpochSecond((long) T0 + 52));
            assertThat(anomaly.value()).isCloseTo(0.852, within(1e-9));
            assertThat(anomaly.median()).isCloseTo(0.102, within(1e-9));
            assertThat(anomaly.deviation()).isGreaterThan(100);
        });
    }

    @Test
    void findsAnAnomalyInASeriesThatIsOtherwiseFlat() {
        TimeSeries errors = series(60, i -> i == 40 ? 0.5 : 0.0);

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(List.of(), Map.of("error_rate",
                List.of(errors)), Map.of(), END);

        assertThat(evaluation.anomalies()).extracting(Anomaly::value).containsExactly(0.5);
    }

    @Test
    void findsNoAnomalyInNoiseOrAConstant() {
        java.util.Random random = new java.util.Random(42);
        TimeSeries noise = series(1800, i -> 0.1 + random.nextGaussian() * 0.001);

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(List.of(), Map.of("a", List.of(noise),
                "b", List.of(series(60, i -> 7))), Map.of(), END);

        assertThat(evaluation.anomalies()).isEmpty();
        assertThat(evaluation.trends()).extracting(Trend::direction).containsOnly("stable");
    }

    @Test
    void predictsWhenARisingSeriesWillCrossItsLimit() {
        // 100 MB, growing 1 MB a second: 1 GB is 900 s after the last of 60 samples at 159 MB
        TimeSeries memory = series(60, i -> 100e6 + i * 1e6);

        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(List.of(criterion("memory < 1GB")),
                Map.of("memory", List.of(memory)), Map.of(), END);

        assertThat(evaluation.trends()).singleElement().satisfies(trend -> {
            assertThat(trend.direction()).isEqualTo("increasing");
            assertThat(trend.slopePerHour()).isCloseTo(3.6e9, within(1.0));
            assertThat(trend.threshold()).isEqualTo(1e9);
            assertThat(trend.currentValue()).isEqualTo(159e6);
            assertThat(trend.prediction()).isEqualTo("will_exceed_threshold_in_14_minutes");
            assertThat(trend.crossesAt()).isEqualTo(END.plusSeconds(841));
        });
    }

    @Test
    void predictsADropBelowALowerLimitAndNothingBeyondTheHorizon() {
        TimeSeries requests = series(60, i -> 100 - i * 0.5);
        WindowEvaluator shortSighted = new WindowEvaluator(90, 75, 3.5, Duration.ofSeconds(30));

        Trend trend = evaluator.evaluate(List.of(criterion("request_rate > 20")),
                Map.of("request_rate", List.of(requests)), Map.of(), END).trends().get(0);
        Trend unseen = shortSighted.evaluate(List.of(criterion("request_rate > 20")),
                Map.of("request_rate", List.of(requests)), Map.of(), END).trends().get(0);

        assertThat(trend.direction()).isEqualTo("decreasing");
        assertThat(trend.prediction()).isEqualTo("will_drop_below_threshold_in_101_seconds");
        assertThat(unseen.direction()).isEqualTo("decreasing");
        assertThat(unseen.prediction()).isNull();
    }

    @Test
    void writesPredictionTimesInTheLargestWholeUnit() {
        assertThat(WindowEvaluator.humanize(1)).isEqualTo("1_second");
        assertThat(WindowEvaluator.humanize(119)).isEqualTo("119_seconds");
        assertThat(WindowEvaluator.humanize(7199)).isEqualTo("119_minutes");
        assertThat(WindowEvaluator.humanize(7200)).isEqualTo("2_hours");
        assertThat(WindowEvaluator.humanize(3 * 86_400)).isEqualTo("3_days");
    }
}
