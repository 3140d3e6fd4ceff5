package io.jenkins.plugins.lotabots.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.BotStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code monitorBot} Pipeline step: runs MonitorBot with the options of its engine descriptor,
 * named and typed as there (docs/BOTS.md). Watches a release with health checks and Prometheus metrics, judges it against weighted criteria and baselines, finds anomalies and trends, raises alerts and announces monitor.verdict.
 */
public class MonitorBotStep extends BotStep {
    /** The engine bot's id. */
    static final String BOT_ID = "monitor";

    @CheckForNull
    private List<String> health;
    @CheckForNull
    private String prometheus;
    @CheckForNull
    private List<String> query;
    @CheckForNull
    private List<String> criterion;
    @CheckForNull
    private String interval;
    @CheckForNull
    private String duration;
    @CheckForNull
    private String baseline;
    @CheckForNull
    private Integer baselineRuns;
    @CheckForNull
    private String lookback;
    @CheckForNull
    private String step;
    @CheckForNull
    private String selector;
    @CheckForNull
    private String rateWindow;
    @CheckForNull
    private String environment;
    @CheckForNull
    private Double passScore;
    @CheckForNull
    private Double warningScore;
    @CheckForNull
    private String timeout;
    @CheckForNull
    private String horizon;
    @CheckForNull
    private Double anomalyLimit;
    @CheckForNull
    private String healthPath;
    @CheckForNull
    private Boolean deployedHealth;

    /**
     * Creates the step; every option is optional and set through its setter.
     */
    @DataBoundConstructor
    public MonitorBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code health}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getHealth() {
        return health;
    }

    /**
     * Sets option {@code health}: Health checks run at every tick, each URL[ STATUS][ ~TEXT], for example 'http://app:8080/health 200 ~UP'; repeat for several. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setHealth(@CheckForNull final List<String> value) {
        this.health = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code prometheus}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPrometheus() {
        return prometheus;
    }

    /**
     * Sets option {@code prometheus}: URL of the Prometheus server to query, for example http://localhost:9090; a bearer token may come from PROMETHEUS_TOKEN.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPrometheus(@CheckForNull final String value) {
        this.prometheus = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code query}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getQuery() {
        return query;
    }

    /**
     * Sets option {@code query}: Metrics to watch, each NAME=PROMQL or the name of a preset (error_rate, latency_p50, latency_p95, latency_p99, request_rate, cpu, memory, db_query_time); criteria may also name presets directly. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setQuery(@CheckForNull final List<String> value) {
        this.query = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code criterion}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getCriterion() {
        return criterion;
    }

    /**
     * Sets option {@code criterion}: Criteria the release is judged by, for example 'error_rate &lt; 5%', 'max(latency_p99) &lt; 300ms weight=2 key' or 'p95 &lt;= +10% warn &lt;= +20%'. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCriterion(@CheckForNull final List<String> value) {
        this.criterion = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code interval}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getInterval() {
        return interval;
    }

    /**
     * Sets option {@code interval}: Time between two ticks of health checks and queries, for example 30s. Default: {@code 30s}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setInterval(@CheckForNull final String value) {
        this.interval = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code duration}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getDuration() {
        return duration;
    }

    /**
     * Sets option {@code duration}: How long to watch, for example 30m; 0s judges the lookback window at once. Default: {@code 30m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setDuration(@CheckForNull final String value) {
        this.duration = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code baseline}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    /**
     * Sets option {@code baseline}: JSON or YAML file of baseline values (latency_p95: 120ms) for relative criteria; otherwise the median of the last passing runs in the journal.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBaseline(@CheckForNull final String value) {
        this.baseline = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code baselineRuns}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getBaselineRuns() {
        return baselineRuns;
    }

    /**
     * Sets option {@code baselineRuns}: How many of the latest passing runs in the journal the baseline is the median of. Default: {@code 5}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBaselineRuns(@CheckForNull final Integer value) {
        this.baselineRuns = value;
    }

    /**
     * Returns option {@code lookback}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getLookback() {
        return lookback;
    }

    /**
     * Sets option {@code lookback}: How far before the watch the judged window starts, for example 1h for trends. Default: {@code 0s}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setLookback(@CheckForNull final String value) {
        this.lookback = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code step}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStep() {
        return step;
    }

    /**
     * Sets option {@code step}: Resolution of the range queries over the window, for example 1s; default: the interval.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStep(@CheckForNull final String value) {
        this.step = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code selector}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSelector() {
        return selector;
    }

    /**
     * Sets option {@code selector}: Label matchers added to every metric of the presets, for example job="app",namespace="prod".
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSelector(@CheckForNull final String value) {
        this.selector = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code rateWindow}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRateWindow() {
        return rateWindow;
    }

    /**
     * Sets option {@code rateWindow}: The window of rate() in the presets, in PromQL form, for example 1m or 30s. Default: {@code '1m'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRateWindow(@CheckForNull final String value) {
        this.rateWindow = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code environment}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getEnvironment() {
        return environment;
    }

    /**
     * Sets option {@code environment}: Environment watched, for example production; baselines come only from runs of the same one.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setEnvironment(@CheckForNull final String value) {
        this.environment = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code passScore}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Double getPassScore() {
        return passScore;
    }

    /**
     * Sets option {@code passScore}: Lowest total score (0-100) that passes, as Keptn's total_score pass. Default: {@code 90.0}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPassScore(@CheckForNull final Double value) {
        this.passScore = value;
    }

    /**
     * Returns option {@code warningScore}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Double getWarningScore() {
        return warningScore;
    }

    /**
     * Sets option {@code warningScore}: Lowest total score (0-100) that gives a warning; below it the verdict fails. Default: {@code 75.0}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setWarningScore(@CheckForNull final Double value) {
        this.warningScore = value;
    }

    /**
     * Returns option {@code timeout}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTimeout() {
        return timeout;
    }

    /**
     * Sets option {@code timeout}: Time allowed for one health check or one Prometheus call. Default: {@code 10s}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTimeout(@CheckForNull final String value) {
        this.timeout = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code horizon}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getHorizon() {
        return horizon;
    }

    /**
     * Sets option {@code horizon}: How far ahead trends predict that a limit will be crossed. Default: {@code 24h}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setHorizon(@CheckForNull final String value) {
        this.horizon = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code anomalyLimit}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Double getAnomalyLimit() {
        return anomalyLimit;
    }

    /**
     * Sets option {@code anomalyLimit}: Robust z-score (distance from the median in scaled MADs) above which a sample is an anomaly. Default: {@code 3.5}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAnomalyLimit(@CheckForNull final Double value) {
        this.anomalyLimit = value;
    }

    /**
     * Returns option {@code healthPath}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getHealthPath() {
        return healthPath;
    }

    /**
     * Sets option {@code healthPath}: Path checked for 200 on the URL of the release that the run's latest deploy.completed announced (of the environment, when given), when neither health checks nor metrics are given, or with deployedHealth.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setHealthPath(@CheckForNull final String value) {
        this.healthPath = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code deployedHealth}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getDeployedHealth() {
        return deployedHealth;
    }

    /**
     * Sets option {@code deployedHealth}: Also check healthPath on the release the latest deploy.completed announced when health checks or metrics are given, for example to judge a rollback by its health and its error rate; without it that check runs only when nothing else is watched. Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setDeployedHealth(@CheckForNull final Boolean value) {
        this.deployedHealth = BotOptionValues.unlessDefault(io.lotabots.bot.monitor.MonitorBotDescriptor.DEPLOYED_HEALTH,
                value);
    }

    /**
     * Describes the {@code monitorBot} step.
     */
    @Extension
    public static final class DescriptorImpl extends BotStepDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(BOT_ID);
        }

        @Override
        public String getFunctionName() {
            return "monitorBot";
        }
    }
}
