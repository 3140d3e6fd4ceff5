package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.monitor.prometheus.TimeSeries;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.util.EngineLog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a watch came to: the verdict and score, each criterion's outcome, the anomalies and trends, the alerts it
 * raised, and the problems it recorded (Prometheus calls that failed, health checks that did not answer). A
 * {@link Verdict#FAIL} is what a scenario wires to DeployBot's rollback: see {@link #isRollbackRecommended()} and
 * {@link #getVerdictMessage()}.
 */
public final class MonitorResult extends AbstractBotResult {
    /** The most problems listed in the outputs; the log names the first ten at the end of the watch. */
    static final int MAX_PROBLEMS_SHOWN = 20;
    /** The most series per metric in the outputs' window. */
    static final int MAX_SERIES_SHOWN = 4;
    /** The most points per series in the outputs' window. */
    static final int MAX_POINTS_SHOWN = 120;

    private final Verdict verdict;
    private final double score;
    private final List<CriterionOutcome> criteria;
    private final List<Anomaly> anomalies;
    private final List<Trend> trends;
    private final Map<String, Baseline> baselines;
    private final int ticks;
    private final int alertsTriggered;
    private final int alertsOpen;
    private final List<String> problems;
    private final Map<String, List<TimeSeries>> window;
    @CheckForNull
    private final Message verdictMessage;

    @SuppressWarnings("checkstyle:ParameterNumber")
    MonitorResult(final String summary, final EngineLog log, final List<Message> messages,
            final WindowEvaluator.Evaluation evaluation, final Map<String, Baseline> baselines, final int ticks,
            final int alertsTriggered, final int alertsOpen, final List<String> problems,
            final Map<String, List<TimeSeries>> window, @CheckForNull final Message verdictMessage) {
        super(evaluation.verdict().toStatus(), summary, log, messages);
        this.verdict = evaluation.verdict();
        this.score = evaluation.score();
        this.criteria = evaluation.criteria();
        this.anomalies = evaluation.anomalies();
        this.trends = evaluation.trends();
        this.baselines = Map.copyOf(baselines);
        this.ticks = ticks;
        this.alertsTriggered = alertsTriggered;
        this.alertsOpen = alertsOpen;
        this.problems = List.copyOf(problems);
        this.window = Collections.unmodifiableMap(new LinkedHashMap<>(window));
        this.verdictMessage = verdictMessage;
    }

    /**
     * Returns the verdict.
     *
     * @return pass, warning or fail
     */
    public Verdict getVerdict() {
        return verdict;
    }

    /**
     * Returns whether the release should be rolled back: the verdict is {@link Verdict#FAIL}.
     *
     * @return {@code true} on a failing verdict
     */
    public boolean isRollbackRecommended() {
        return verdict == Verdict.FAIL;
    }

    /**
     * Returns the score.
     *
     * @return 0 to 100
     */
    public double getScore() {
        return score;
    }

    /**
     * Returns the outcome of every criterion, in the order given (the default availability criterion last).
     *
     * @return the outcomes
     */
    public List<CriterionOutcome> getCriteria() {
        return criteria;
    }

    /**
     * Returns the criteria that failed.
     *
     * @return the outcomes with result fail
     */
    public List<CriterionOutcome> getFailedCriteria() {
        return criteria.stream().filter(outcome -> outcome.result() == Verdict.FAIL).toList();
    }

    /**
     * Returns the anomalies found.
     *
     * @return the anomalies
     */
    public List<Anomaly> getAnomalies() {
        return anomalies;
    }

    /**
     * Returns the trend of every series with enough samples.
     *
     * @return the trends
     */
    public List<Trend> getTrends() {
        return trends;
    }

    /**
     * Returns the trends that predict a limit will be crossed within the horizon; each was announced as
     * {@code prediction.made}.
     *
     * @return the predictions
     */
    public List<Trend> getPredictions() {
        return trends.stream().filter(trend -> trend.prediction() != null).toList();
    }

    /**
     * Returns the baselines relative criteria were compared with.
     *
     * @return the baselines by target, such as {@code avg(latency_p95)}
     */
    public Map<String, Baseline> getBaselines() {
        return baselines;
    }

    /**
     * Returns how many ticks of health checks and queries ran.
     *
     * @return the ticks
     */
    public int getTicks() {
        return ticks;
    }

    /**
     * Returns how many {@code alert.triggered} were published.
     *
     * @return the count
     */
    public int getAlertsTriggered() {
        return alertsTriggered;
    }

    /**
     * Returns how many alerts were still firing when the watch ended.
     *
     * @return the count
     */
    public int getAlertsOpen() {
        return alertsOpen;
    }

    /**
     * Returns the problems recorded on the way: Prometheus calls that failed, samples that were not numbers,
     * unreadable earlier verdicts.
     *
     * @return one line each
     */
    public List<String> getProblems() {
        return problems;
    }

    /**
     * Returns the published {@code monitor.verdict}, to use as the causation of a rollback.
     *
     * @return the message
     */
    public Optional<Message> getVerdictMessage() {
        return Optional.ofNullable(verdictMessage);
    }

    /**
     * Returns the payload of the published verdict.
     *
     * @return the payload
     */
    public Optional<MonitorVerdict> getVerdictPayload() {
        return getVerdictMessage().map(message -> message.payloadAs(MonitorVerdict.class));
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("status", getStatus().name());
        outputs.put("verdict", verdict.key());
        outputs.put("score", score);
        outputs.put("rollback", isRollbackRecommended());
        outputs.put("failedCriteria", getFailedCriteria().stream().map(outcome -> outcome.criterion().text())
                .toList());
        outputs.put("anomalies", anomalies.size());
        outputs.put("predictions", getPredictions().size());
        outputs.put("alertsTriggered", alertsTriggered);
        outputs.put("alertsOpen", alertsOpen);
        outputs.put("ticks", ticks);
        outputs.put("criteria", criteria.stream().map(MonitorResult::criterionOutput).toList());
        outputs.put("problems", problems.size());
        outputs.put("problemTexts", problems.stream().limit(MAX_PROBLEMS_SHOWN).toList());
        outputs.put("window", windowOutput());
        return outputs;
    }

    /**
     * Returns the series the verdict was judged on, by metric name.
     *
     * @return the window's series, each time in epoch seconds
     */
    public Map<String, List<TimeSeries>> getWindow() {
        return window;
    }

    private static Map<String, Object> criterionOutput(final CriterionOutcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("criterion", outcome.criterion().text());
        map.put("metric", outcome.criterion().metric());
        map.put("operator", outcome.criterion().pass().operator().symbol());
        map.put("limit", outcome.limit());
        map.put("value", outcome.value());
        map.put("result", outcome.result().key());
        map.put("detail", outcome.detail());
        return map;
    }

    /**
     * The window for charts, bounded whatever the watch's length: at most {@value #MAX_SERIES_SHOWN} series per
     * metric and {@value #MAX_POINTS_SHOWN} points per series, evenly thinned, the first and last points kept.
     */
    private Map<String, Object> windowOutput() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, List<TimeSeries>> metric : window.entrySet()) {
            List<Object> series = new ArrayList<>();
            for (TimeSeries one : metric.getValue().subList(0, Math.min(MAX_SERIES_SHOWN, metric.getValue().size()))) {
                List<List<Double>> points = new ArrayList<>();
                int size = one.size();
                int shown = Math.min(size, MAX_POINTS_SHOWN);
                for (int k = 0; k < shown; k++) {
                    int i = shown == 1 ? size - 1 : (int) Math.round((double) k * (size - 1) / (shown - 1));
                    points.add(List.of(one.time(i), one.value(i)));
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("labels", one.getLabels());
                entry.put("points", points);
                series.add(entry);
            }
            metrics.put(metric.getKey(), series);
        }
        return metrics;
    }
}
