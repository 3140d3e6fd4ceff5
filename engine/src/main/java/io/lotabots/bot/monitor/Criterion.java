package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One criterion a watch is judged by, as Keptn's SLO objectives and Argo's analysis metrics write them:
 * {@code error_rate < 5%}, {@code max(latency_p99) < 300ms weight=2 key}, {@code p95 <= +10% warn <= +20%}. The
 * grammar, the units and the scoring are in {@code docs/bots/monitor.md}; {@link #parse(String)} reads it.
 *
 * @param text the criterion as written
 * @param aggregate how the window's samples become one value
 * @param metric the metric as written: a query name, a preset or one of {@code availability} and
 *         {@code health_latency}
 * @param pass the comparison that passes
 * @param warn the comparison that still gives a warning when {@code pass} fails, or {@code null}
 * @param weight the weight in the score, 0 or more
 * @param key whether failing it fails the verdict whatever the score (Keptn's key SLI)
 * @param severity the severity of the alert it raises, or {@code null} for the default
 * @param alertName the name of the alert it raises, or {@code null} to derive one from the metric
 */
public record Criterion(String text, Aggregate aggregate, String metric, Comparison pass,
        @CheckForNull Comparison warn, double weight, boolean key, @CheckForNull String severity,
        @CheckForNull String alertName) {
    /**
     * Checks the fields.
     */
    public Criterion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(pass, "pass");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("The weight of '" + text + "' must be 0 or more, was " + weight);
        }
    }

    /**
     * Parses a criterion.
     *
     * @param text the text, for example {@code error_rate < 5% weight=2}
     * @return the criterion
     * @throws io.lotabots.error.LotaBotsException with {@link MonitorErrorCode#INVALID_CRITERION} naming the text,
     *         the position and what was expected
     */
    public static Criterion parse(final String text) {
        return new CriterionParser(text).parse();
    }

    /**
     * Returns this criterion judging another metric name, as the bot resolves aliases ({@code p95}) to presets.
     *
     * @param resolved the canonical metric name
     * @return the criterion
     */
    public Criterion withMetric(final String resolved) {
        return new Criterion(text, aggregate, resolved, pass, warn, weight, key, severity, alertName);
    }

    /**
     * Returns the key baselines are stored under: the aggregate and the metric, as {@code avg(latency_p95)}.
     *
     * @return the key
     */
    public String target() {
        return aggregate.key() + "(" + metric + ")";
    }

    /**
     * Returns whether a comparison of this criterion is relative to a baseline.
     *
     * @return {@code true} if {@code pass} or {@code warn} is relative
     */
    public boolean isRelative() {
        return pass.threshold().relative() || warn != null && warn.threshold().relative();
    }

    /**
     * Returns the name of the alert this criterion raises: the {@code alert=} option, else the metric in
     * CamelCase with {@code High} (for upper limits) or {@code Low}: {@code ErrorRateHigh}.
     *
     * @param resolvedMetric the metric's canonical name
     * @return the name
     */
    public String alertNameFor(final String resolvedMetric) {
        if (alertName != null) {
            return alertName;
        }
        StringBuilder name = new StringBuilder();
        for (String part : resolvedMetric.split("[_:]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name + (pass.operator().isUpperLimit() ? "High" : "Low");
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * How the samples of the window become the one value a criterion judges.
     */
    public enum Aggregate {
        /** The mean: Keptn's value over the evaluation window. The default. */
        AVG,
        /** The smallest sample. */
        MIN,
        /** The largest sample. */
        MAX,
        /** The median. */
        MEDIAN,
        /** The last sample. */
        LAST;

        /**
         * Returns the name as a criterion writes it.
         *
         * @return the lower-case name
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A comparison operator.
     */
    public enum Operator {
        /** Less than. */
        LT("<"),
        /** Less than or equal. */
        LE("<="),
        /** Greater than. */
        GT(">"),
        /** Greater than or equal. */
        GE(">=");

        private final String symbol;

        Operator(final String symbol) {
            this.symbol = symbol;
        }

        /**
         * Returns the symbol.
         *
         * @return for example {@code <=}
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Returns whether the operator sets an upper limit ({@code <}, {@code <=}).
         *
         * @return {@code true} for upper limits
         */
        public boolean isUpperLimit() {
            return this == LT || this == LE;
        }

        /**
         * Applies the operator.
         *
         * @param value the measured value
         * @param limit the limit
         * @return whether {@code value op limit} holds
         */
        public boolean test(final double value, final double limit) {
            return switch (this) {
                case LT -> value < limit;
                case LE -> value <= limit;
                case GT -> value > limit;
                case GE -> value >= limit;
            };
        }
    }

    /**
     * A threshold: absolute ({@code 5%} is 0.05, {@code 300ms} is 0.3) or relative to the baseline
     * ({@code +10%} is the baseline times 1.1, {@code +50ms} the baseline plus 0.05).
     *
     * @param amount the amount in base units; for a relative percentage, the fraction (0.1 for {@code +10%})
     * @param relative whether it is relative to the baseline
     * @param proportional whether a relative threshold is a percentage of the baseline rather than an amount
     */
    public record Threshold(double amount, boolean relative, boolean proportional) {
        /**
         * Returns the limit this threshold sets.
         *
         * @param baseline the baseline, or {@code null} when there is none
         * @return the limit in base units, or empty for a relative threshold without a baseline
         */
        public OptionalDouble limit(@CheckForNull final Double baseline) {
            if (!relative) {
                return OptionalDouble.of(amount);
            }
            if (baseline == null) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(proportional ? baseline * (1 + amount) : baseline + amount);
        }
    }

    /**
     * An operator and a threshold.
     *
     * @param operator the operator
     * @param threshold the threshold
     */
    public record Comparison(Operator operator, Threshold threshold) {
    }
}
