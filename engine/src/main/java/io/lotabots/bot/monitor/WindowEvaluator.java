package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.monitor.prometheus.TimeSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Judges the series of a window: each criterion's value (its aggregate over the samples, the worst series when a
 * query returns several), pass, warning or fail against its limit, the Keptn-style score and verdict; anomalies by
 * the robust z-score (median and MAD) of samples at least 5 % away from the median; trends by least squares, with
 * the time the line crosses a criterion's limit.
 * It does no I/O, so it is measured on its own ({@code MonitorEvaluationBenchmark}).
 */
public final class WindowEvaluator {
    /** The robust z-score above which a sample is an anomaly (Iglewicz and Hoaglin's 3.5). */
    public static final double DEFAULT_ANOMALY_LIMIT = 3.5;
    /** The fewest samples a series needs for anomalies and trends. */
    public static final int MIN_SAMPLES = 8;
    /** The most anomalies reported per series; the farthest are kept. */
    public static final int MAX_ANOMALIES_PER_SERIES = 5;

    /** The smallest distance from the median, relative to it, that is reported: scrape jitter of 1 % is no anomaly. */
    public static final double MIN_RELATIVE_DEVIATION = 0.05;

    private static final double MAD_SCALE = 0.6745;
    private static final double MEAN_AD_SCALE = 1.253314;
    private static final double SIGNIFICANCE = 0.01;
    private static final double MIN_RELATIVE_CHANGE = 0.01;

    private final double passScore;
    private final double warningScore;
    private final double anomalyLimit;
    private final Duration horizon;

    /**
     * Creates an evaluator.
     *
     * @param passScore the lowest score that passes, for example 90
     * @param warningScore the lowest score that gives a warning, for example 75
     * @param anomalyLimit the robust z-score above which a sample is an anomaly
     * @param horizon how far ahead trends predict a crossing
     */
    public WindowEvaluator(final double passScore, final double warningScore, final double anomalyLimit,
            final Duration horizon) {
        if (!(warningScore <= passScore) || passScore > 100 || warningScore < 0) {
            throw new IllegalArgumentException("Scores must satisfy 0 <= warning <= pass <= 100; were warning "
                    + warningScore + ", pass " + passScore);
        }
        this.passScore = passScore;
        this.warningScore = warningScore;
        this.anomalyLimit = anomalyLimit;
        this.horizon = horizon;
    }

    /**
     * Evaluates a window.
     *
     * @param criteria the criteria, their metrics resolved to the keys of {@code series}
     * @param series the series of each metric
     * @param baselines the baselines by {@link Criterion#target()}
     * @param end the end of the window: predictions count from here
     * @return the evaluation
     */
    public Evaluation evaluate(final List<Criterion> criteria, final Map<String, List<TimeSeries>> series,
            final Map<String, Baseline> baselines, final Instant end) {
        List<CriterionOutcome> outcomes = new ArrayList<>();
        double achieved = 0;
        double total = 0;
        boolean keyFailed = false;
        for (Criterion criterion : criteria) {
            Baseline baseline = baselines.get(criterion.target());
            CriterionOutcome outcome = judge(criterion, series.getOrDefault(criterion.metric(), List.of()),
                    baseline == null ? null : baseline.value());
            outcomes.add(outcome);
            total += criterion.weight();
            achieved += criterion.weight() * switch (outcome.result()) {
                case PASS -> 1.0;
                case WARNING -> 0.5;
                case FAIL -> 0.0;
            };
            keyFailed |= criterion.key() && outcome.result() == Verdict.FAIL;
        }
        double score = total == 0 ? 100 : Math.round(1000 * achieved / total) / 10.0;
        Verdict verdict = keyFailed || score < warningScore ? Verdict.FAIL
                : score < passScore ? Verdict.WARNING : Verdict.PASS;

        List<Anomaly> anomalies = new ArrayList<>();
        List<Trend> trends = new ArrayList<>();
        for (Map.Entry<String, List<TimeSeries>> entry : series.entrySet()) {
            for (TimeSeries one : entry.getValue()) {
                if (one.size() < MIN_SAMPLES) {
                    continue;
                }
                String name = entry.getKey() + one.describeLabels();
                anomalies.addAll(anomalies(name, one));
                CriterionOutcome limitSource = outcomes.stream()
                        .filter(outcome -> outcome.criterion().metric().equals(entry.getKey())
                                && outcome.limit() != null)
                        .findFirst().orElse(null);
                trends.add(trend(name, one, limitSource, end));
            }
        }
        return new Evaluation(verdict, score, outcomes, anomalies, trends);
    }

    /**
     * Judges one criterion on a value measured at one instant, as the watch does at every tick to raise and
     * resolve alerts.
     *
     * @param criterion the criterion
     * @param value the value
     * @param baseline the baseline, or {@code null}
     * @return the outcome
     */
    public static CriterionOutcome judgeValue(final Criterion criterion, final double value,
            @CheckForNull final Double baseline) {
        return compare(criterion, value, baseline);
    }

    private static CriterionOutcome judge(final Criterion criterion, final List<TimeSeries> series,
            @CheckForNull final Double baseline) {
        Double worst = null;
        for (TimeSeries one : series) {
            if (one.isEmpty()) {
                continue;
            }
            double value = aggregate(criterion.aggregate(), one);
            if (worst == null || (criterion.pass().operator().isUpperLimit() ? value > worst : value < worst)) {
                worst = value;
            }
        }
        if (worst == null) {
            return new CriterionOutcome(criterion, Verdict.FAIL, null, limitOf(criterion.pass(), baseline),
                    baseline, criterion.target() + " has no samples in the window: fail, as Keptn judges a missing"
                            + " value");
        }
        return compare(criterion, worst, baseline);
    }

    private static CriterionOutcome compare(final Criterion criterion, final double value,
            @CheckForNull final Double baseline) {
        Double limit = limitOf(criterion.pass(), baseline);
        if (limit == null) {
            return new CriterionOutcome(criterion, Verdict.PASS, value, null, null, String.format(Locale.ROOT,
                    "%s = %s; no baseline yet, so the relative criterion passes", criterion.target(),
                    format(value)));
        }
        if (criterion.pass().operator().test(value, limit)) {
            return new CriterionOutcome(criterion, Verdict.PASS, value, limit, baseline, describe(criterion, value,
                    criterion.pass(), limit, baseline));
        }
        Criterion.Comparison warn = criterion.warn();
        Double warnLimit = warn == null ? null : limitOf(warn, baseline);
        if (warn != null && warnLimit != null && warn.operator().test(value, warnLimit)) {
            return new CriterionOutcome(criterion, Verdict.WARNING, value, limit, baseline,
                    describe(criterion, value, criterion.pass(), limit, baseline).replace(" holds", " fails")
                            + ", within the warning band " + warn.operator().symbol() + " " + format(warnLimit));
        }
        return new CriterionOutcome(criterion, Verdict.FAIL, value, limit, baseline,
                describe(criterion, value, criterion.pass(), limit, baseline).replace(" holds", " fails"));
    }

    @CheckForNull
    private static Double limitOf(final Criterion.Comparison comparison, @CheckForNull final Double baseline) {
        OptionalDouble limit = comparison.threshold().limit(baseline);
        return limit.isPresent() ? limit.getAsDouble() : null;
    }

    private static String describe(final Criterion criterion, final double value,
            final Criterion.Comparison comparison, final double limit, @CheckForNull final Double baseline) {
        return String.format(Locale.ROOT, "%s = %s %s %s holds%s", criterion.target(), format(value),
                comparison.operator().symbol(), format(limit),
                baseline == null || !comparison.threshold().relative() ? "" : " (baseline " + format(baseline) + ")");
    }

    static String format(final double value) {
        if (value != 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static double aggregate(final Criterion.Aggregate aggregate, final TimeSeries series) {
        int n = series.size();
        switch (aggregate) {
            case LAST:
                return series.lastValue();
            case MIN:
            case MAX: {
                double best = series.value(0);
                for (int i = 1; i < n; i++) {
                    best = aggregate == Criterion.Aggregate.MIN ? Math.min(best, series.value(i))
                            : Math.max(best, series.value(i));
                }
                return best;
            }
            case MEDIAN:
                return median(series.values());
            default: {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += series.value(i);
                }
                return sum / n;
            }
        }
    }

    /**
     * Returns the median (commons-math3, selection without a full sort).
     *
     * @param values the values, not empty
     * @return the median
     */
    static double median(final double[] values) {
        return new Median().withEstimationType(Percentile.EstimationType.R_7).evaluate(values);
    }

    private List<Anomaly> anomalies(final String name, final TimeSeries series) {
        int n = series.size();
        double[] work = series.values();
        double median = median(work);
        double meanDeviation = 0;
        for (int i = 0; i < n; i++) {
            work[i] = Math.abs(series.value(i) - median);
            meanDeviation += work[i];
        }
        meanDeviation /= n;
        double mad = median(work);
        double scale = mad > 0 ? mad / MAD_SCALE : meanDeviation * MEAN_AD_SCALE;
        List<Anomaly> found = new ArrayList<>();
        if (scale <= 0) {
            return found;
        }
        Anomaly runBest = null;
        for (int i = 0; i < n; i++) {
            double z = (series.value(i) - median) / scale;
            double distance = Math.abs(series.value(i) - median);
            if (Math.abs(z) > anomalyLimit && distance >= MIN_RELATIVE_DEVIATION * Math.abs(median)) {
                Anomaly candidate = new Anomaly(name, toInstant(series.time(i)), series.value(i), median, round(z));
                if (runBest == null || Math.abs(candidate.deviation()) > Math.abs(runBest.deviation())) {
                    runBest = candidate;
                }
            }
            else if (runBest != null) {
                found.add(runBest);
                runBest = null;
            }
        }
        if (runBest != null) {
            found.add(runBest);
        }
        if (found.size() > MAX_ANOMALIES_PER_SERIES) {
            List<Anomaly> farthest = new ArrayList<>(found);
            farthest.sort((a, b) -> Double.compare(Math.abs(b.deviation()), Math.abs(a.deviation())));
            List<Anomaly> kept = farthest.subList(0, MAX_ANOMALIES_PER_SERIES);
            found.removeIf(anomaly -> !kept.contains(anomaly));
        }
        return found;
    }

    private Trend trend(final String name, final TimeSeries series, @CheckForNull final CriterionOutcome limitSource,
            final Instant end) {
        SimpleRegression regression = new SimpleRegression();
        double t0 = series.time(0);
        double sum = 0;
        for (int i = 0; i < series.size(); i++) {
            regression.addData(series.time(i) - t0, series.value(i));
            sum += series.value(i);
        }
        double slope = regression.getSlope();
        double span = series.time(series.size() - 1) - t0;
        double mean = sum / series.size();
        double significance = regression.getSignificance();
        boolean significant = Double.isFinite(slope) && slope != 0
                && (significance < SIGNIFICANCE || Double.isNaN(significance) && regression.getMeanSquareError() == 0)
                && Math.abs(slope * span) >= MIN_RELATIVE_CHANGE * Math.max(Math.abs(mean), 1e-9);
        String direction = !significant ? "stable" : slope > 0 ? "increasing" : "decreasing";
        double current = series.lastValue();
        Double threshold = limitSource == null ? null : limitSource.limit();
        Double baseline = limitSource == null ? null : limitSource.baseline();
        Instant crossesAt = null;
        String prediction = null;
        if (significant && threshold != null) {
            boolean upper = limitSource.criterion().pass().operator().isUpperLimit();
            boolean towards = upper ? slope > 0 && current < threshold : slope < 0 && current > threshold;
            if (towards) {
                double seconds = (threshold - current) / slope;
                if (seconds > 0 && seconds <= horizon.toSeconds()) {
                    crossesAt = end.plusMillis(Math.round(seconds * 1000));
                    prediction = (upper ? "will_exceed_threshold_in_" : "will_drop_below_threshold_in_")
                            + humanize(seconds);
                }
            }
        }
        return new Trend(name, direction, slope * 3600, current, baseline, threshold, crossesAt, prediction);
    }

    /**
     * Writes a time ahead as the prediction's words: {@code 45_seconds}, {@code 12_minutes}, {@code 2_hours},
     * {@code 3_days}, rounded down, singular for one.
     *
     * @param seconds the time ahead
     * @return the words
     */
    static String humanize(final double seconds) {
        long amount;
        String unit;
        if (seconds < 120) {
            amount = (long) seconds;
            unit = "second";
        }
        else if (seconds < 2 * 3600) {
            amount = (long) (seconds / 60);
            unit = "minute";
        }
        else if (seconds < 2 * 86_400) {
            amount = (long) (seconds / 3600);
            unit = "hour";
        }
        else {
            amount = (long) (seconds / 86_400);
            unit = "day";
        }
        return amount + "_" + unit + (amount == 1 ? "" : "s");
    }

    private static Instant toInstant(final double epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
    }

    private static double round(final double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * What a window came to.
     *
     * @param verdict the verdict
     * @param score the score, 0 to 100
     * @param criteria the outcome of each criterion, in the order given
     * @param anomalies the anomalies of every series
     * @param trends the trend of every series with enough samples
     */
    public record Evaluation(Verdict verdict, double score, List<CriterionOutcome> criteria, List<Anomaly> anomalies,
            List<Trend> trends) {
        /**
         * Copies the lists.
         */
        public Evaluation {
            criteria = List.copyOf(criteria);
            anomalies = List.copyOf(anomalies);
            trends = List.copyOf(trends);
        }
    }
}
