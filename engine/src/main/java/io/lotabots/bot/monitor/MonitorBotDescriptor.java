package io.lotabots.bot.monitor;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.BotSecret;
import io.lotabots.bot.OptionType;
import io.lotabots.bot.monitor.prometheus.QueryPresets;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpCheck;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * MonitorBot's id, name, help and options, the one place the CLI ({@code lotabots monitor --criterion 'error_rate <
 * 5%'}) and the Pipeline step ({@code monitorBot criterion: ['error_rate < 5%']}) read them from.
 */
public final class MonitorBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "monitor";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "MonitorBot";
    /** The secret holding a bearer token for Prometheus. */
    public static final String PROMETHEUS_TOKEN = "PROMETHEUS_TOKEN";

    /** The health checks. */
    public static final BotOption<List<String>> HEALTH = BotOption.optional("health", OptionType.STRING_LIST,
            List.of(), "Health checks run at every tick, each URL[ STATUS][ ~TEXT], for example"
                    + " 'http://app:8080/health 200 ~UP'; repeat for several.");
    /** The health path on the deployed release. */
    public static final BotOption<String> HEALTH_PATH = BotOption.optional("healthPath", OptionType.STRING, "/health",
            "Path checked for 200 on the URL of the release that the run's latest deploy.completed announced (of"
                    + " the environment, when given), when neither health checks nor metrics are given, or with"
                    + " deployedHealth.");
    /** Whether the deployed release's health is watched alongside metrics and health checks. */
    public static final BotOption<Boolean> DEPLOYED_HEALTH = BotOption.optional("deployedHealth", OptionType.BOOLEAN,
            Boolean.FALSE, "Also check healthPath on the release the latest deploy.completed announced when health"
                    + " checks or metrics are given, for example to judge a rollback by its health and its error"
                    + " rate; without it that check runs only when nothing else is watched.");
    /** The Prometheus URL. */
    public static final BotOption<String> PROMETHEUS = BotOption.optional("prometheus", OptionType.STRING, null,
            "URL of the Prometheus server to query, for example http://localhost:9090; a bearer token may come"
                    + " from PROMETHEUS_TOKEN.");
    /** The queries. */
    public static final BotOption<List<String>> QUERY = BotOption.optional("query", OptionType.STRING_LIST,
            List.of(), "Metrics to watch, each NAME=PROMQL or the name of a preset (" + String.join(", ",
                    QueryPresets.names()) + "); criteria may also name presets directly.");
    /** The criteria. */
    public static final BotOption<List<String>> CRITERION = BotOption.optional("criterion",
            OptionType.STRING_LIST, List.of(), "Criteria the release is judged by, for example 'error_rate < 5%',"
                    + " 'max(latency_p99) < 300ms weight=2 key' or 'p95 <= +10% warn <= +20%'.");
    /** The interval. */
    public static final BotOption<Duration> INTERVAL = BotOption.optional("interval", OptionType.DURATION,
            Duration.ofSeconds(30), "Time between two ticks of health checks and queries, for example 30s.");
    /** The duration. */
    public static final BotOption<Duration> DURATION = BotOption.optional("duration", OptionType.DURATION,
            Duration.ofMinutes(30), "How long to watch, for example 30m; 0s judges the lookback window at once.");
    /** The baseline file. */
    public static final BotOption<String> BASELINE = BotOption.optional("baseline", OptionType.STRING, null,
            "JSON or YAML file of baseline values (latency_p95: 120ms) for relative criteria; otherwise the"
                    + " median of the last passing runs in the journal.");
    /** The number of runs baselines are taken over. */
    public static final BotOption<Integer> BASELINE_RUNS = BotOption.optional("baselineRuns", OptionType.INTEGER,
            5, "How many of the latest passing runs in the journal the baseline is the median of.");
    /** The lookback. */
    public static final BotOption<Duration> LOOKBACK = BotOption.optional("lookback", OptionType.DURATION,
            Duration.ZERO, "How far before the watch the judged window starts, for example 1h for trends.");
    /** The step. */
    public static final BotOption<Duration> STEP = BotOption.optional("step", OptionType.DURATION, null,
            "Resolution of the range queries over the window, for example 1s; default: the interval.");
    /** The label selector. */
    public static final BotOption<String> SELECTOR = BotOption.optional("selector", OptionType.STRING, null,
            "Label matchers added to every metric of the presets, for example job=\"app\",namespace=\"prod\".");
    /** The rate window. */
    public static final BotOption<String> RATE_WINDOW = BotOption.optional("rateWindow", OptionType.STRING, "1m",
            "The window of rate() in the presets, in PromQL form, for example 1m or 30s.");
    /** The environment. */
    public static final BotOption<String> ENVIRONMENT = BotOption.optional("environment", OptionType.STRING, null,
            "Environment watched, for example production; baselines come only from runs of the same one.");
    /** The passing score. */
    public static final BotOption<Double> PASS_SCORE = BotOption.optional("passScore", OptionType.DECIMAL, 90.0,
            "Lowest total score (0-100) that passes, as Keptn's total_score pass.");
    /** The warning score. */
    public static final BotOption<Double> WARNING_SCORE = BotOption.optional("warningScore", OptionType.DECIMAL,
            75.0, "Lowest total score (0-100) that gives a warning; below it the verdict fails.");
    /** The timeout. */
    public static final BotOption<Duration> TIMEOUT = BotOption.optional("timeout", OptionType.DURATION,
            Duration.ofSeconds(10), "Time allowed for one health check or one Prometheus call.");
    /** The prediction horizon. */
    public static final BotOption<Duration> HORIZON = BotOption.optional("horizon", OptionType.DURATION,
            Duration.ofHours(24), "How far ahead trends predict that a limit will be crossed.");
    /** The anomaly limit. */
    public static final BotOption<Double> ANOMALY_LIMIT = BotOption.optional("anomalyLimit", OptionType.DECIMAL,
            WindowEvaluator.DEFAULT_ANOMALY_LIMIT, "Robust z-score (distance from the median in scaled MADs) above"
                    + " which a sample is an anomaly.");

    private static final Pattern PROMQL_DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Pattern NAMED_QUERY = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_:]*)\\s*=(.*)",
            Pattern.DOTALL);

    private static final BotDescriptor<MonitorRequest> DESCRIPTOR = BotDescriptor.of(ID, NAME,
            "Watches a release with health checks and Prometheus metrics, judges it against weighted criteria and"
                    + " baselines, finds anomalies and trends, raises alerts and announces monitor.verdict.",
            List.of(HEALTH, PROMETHEUS, QUERY, CRITERION, INTERVAL, DURATION, BASELINE, BASELINE_RUNS, LOOKBACK,
                    STEP, SELECTOR, RATE_WINDOW, ENVIRONMENT, PASS_SCORE, WARNING_SCORE, TIMEOUT, HORIZON,
                    ANOMALY_LIMIT, HEALTH_PATH, DEPLOYED_HEALTH),
            MonitorBotDescriptor::toRequest).withSecrets(BotSecret.of(PROMETHEUS_TOKEN,
                    "the bearer token for Prometheus", "prometheusToken", "token", "bearerToken"));

    private MonitorBotDescriptor() {
    }

    /**
     * Returns the descriptor.
     *
     * @return the descriptor
     */
    public static BotDescriptor<MonitorRequest> get() {
        return DESCRIPTOR;
    }

    private static MonitorRequest toRequest(final BotOptions options) {
        List<HttpCheck> health = new ArrayList<>();
        for (String check : rejoin(options.require(HEALTH), MonitorBotDescriptor::startsUrl)) {
            health.add(HttpCheck.parse(check).withTimeout(options.require(TIMEOUT)));
        }
        String prometheusText = options.get(PROMETHEUS);
        URI prometheus = null;
        if (prometheusText != null && !prometheusText.isBlank()) {
            try {
                prometheus = new URI(prometheusText.strip());
            }
            catch (URISyntaxException e) {
                throw LotaBotsException.of(MonitorErrorCode.INVALID_REQUEST, "The Prometheus URL '" + prometheusText
                        + "' is not a URL: " + e.getReason() + ". Give one like http://localhost:9090.", e);
            }
        }
        String rateWindow = options.require(RATE_WINDOW).strip();
        if (!PROMQL_DURATION.matcher(rateWindow).matches()) {
            throw LotaBotsException.of(MonitorErrorCode.INVALID_REQUEST, "The rate window '" + rateWindow
                    + "' is not a PromQL duration; write it like 1m, 30s or 1h30m.");
        }
        String selector = options.get(SELECTOR);
        Map<String, String> queries = new LinkedHashMap<>();
        for (String query : rejoin(options.require(QUERY), MonitorBotDescriptor::afterBalanced)) {
            java.util.regex.Matcher named = NAMED_QUERY.matcher(query);
            if (named.matches() && !named.group(2).startsWith("=") && !named.group(2).startsWith("~")) {
                queries.put(named.group(1), named.group(2).strip());
            }
            else {
                String name = query.strip();
                String preset = QueryPresets.resolve(name).orElseThrow(() -> LotaBotsException.of(
                        MonitorErrorCode.INVALID_QUERY_OPTION, "The query '" + abbreviate(query) + "' is neither"
                                + " NAME=PROMQL nor a preset; the presets are " + String.join(", ",
                                        QueryPresets.names()) + "."));
                queries.put(preset, QueryPresets.query(preset, selector, rateWindow).orElseThrow());
            }
        }
        List<Criterion> criteria = new ArrayList<>();
        for (String text : options.require(CRITERION)) {
            Criterion criterion = Criterion.parse(text);
            criteria.add(criterion);
            if (!queries.containsKey(criterion.metric())) {
                QueryPresets.resolve(criterion.metric()).filter(preset -> !queries.containsKey(preset))
                        .ifPresent(preset -> queries.put(preset,
                                QueryPresets.query(preset, selector, rateWindow).orElseThrow()));
            }
        }
        return new MonitorRequest(health, prometheus, queries, criteria, options.require(INTERVAL),
                options.require(DURATION), options.require(LOOKBACK), options.get(STEP), options.get(BASELINE),
                options.require(BASELINE_RUNS), options.get(ENVIRONMENT), options.require(PASS_SCORE),
                options.require(WARNING_SCORE), options.require(TIMEOUT), options.require(HORIZON),
                options.require(ANOMALY_LIMIT), healthPath(options.require(HEALTH_PATH), options.nameOf(HEALTH_PATH)),
                options.require(DEPLOYED_HEALTH));
    }

    private static String healthPath(final String path, final String optionName) {
        if (!path.startsWith("/") || path.startsWith("//") || path.chars().anyMatch(c -> c <= ' ')) {
            throw LotaBotsException.of(MonitorErrorCode.INVALID_REQUEST, "Option '" + optionName + "' must be a path such as"
                    + " /health, starting with one /, without spaces; was '" + path + "'.");
        }
        return path;
    }

    /**
     * Joins list elements that a comma split apart, as the command line splits {@code --query} at every comma:
     * {@code histogram_quantile(0.95, sum by (le) (...))} must stay one query.
     *
     * @param parts the elements
     * @param startsNew whether the next part starts a new element, given the text gathered so far and the part
     * @return the elements
     */
    static List<String> rejoin(final List<String> parts, final BiPredicate<String, String> startsNew) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = null;
        for (String part : parts) {
            if (current == null) {
                current = new StringBuilder(part);
            }
            else if (startsNew.test(current.toString(), part)) {
                joined.add(current.toString());
                current = new StringBuilder(part);
            }
            else {
                current.append(',').append(part);
            }
        }
        if (current != null) {
            joined.add(current.toString());
        }
        return joined;
    }

    private static boolean startsUrl(final String gathered, final String next) {
        String lower = next.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static boolean afterBalanced(final String gathered, final String next) {
        return balanced(gathered);
    }

    /**
     * Returns whether brackets and quotes of a PromQL text are balanced.
     *
     * @param text the text
     * @return {@code true} if every {@code (}, {@code [}, <code>{</code> and quote is closed
     */
    static boolean balanced(final String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                }
                else if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            }
            else if (c == '(' || c == '[' || c == '{') {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth <= 0 && quote == 0;
    }

    private static String abbreviate(final String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

}
