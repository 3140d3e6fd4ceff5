package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.monitor.prometheus.PrometheusClient;
import io.lotabots.bot.monitor.prometheus.PrometheusErrorCode;
import io.lotabots.bot.monitor.prometheus.QueryPresets;
import io.lotabots.bot.monitor.prometheus.QueryResult;
import io.lotabots.bot.monitor.prometheus.TimeSeries;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpCheck;
import io.lotabots.http.HttpCheckResult;
import io.lotabots.http.HttpChecker;
import io.lotabots.message.AlertResolved;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.message.PredictionMade;
import io.lotabots.util.Durations;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches a release: at every tick (default every 30 s for 30 minutes) it runs the health checks and an instant
 * query of every metric, and raises {@code alert.triggered} when a criterion fails at that tick and
 * {@code alert.resolved} when it recovers. At the end it reads every metric over the whole window with a range
 * query, judges the criteria (with baselines from a file or the last passing runs), finds anomalies and trends,
 * announces {@code prediction.made} for limits a trend will cross, and {@code monitor.verdict}. Every call has a
 * timeout; a Prometheus that stops answering during the watch is recorded and the watch goes on.
 */
public final class MonitorBot implements Bot<MonitorRequest, MonitorResult> {
    /** The metric of the health checks' success ratio per tick. */
    public static final String AVAILABILITY = "availability";
    /** The metric of the health checks' slowest latency per tick, in seconds. */
    public static final String HEALTH_LATENCY = "health_latency";
    /** The criterion added when health checks are given and no criterion judges availability. */
    public static final String DEFAULT_AVAILABILITY_CRITERION = "availability >= 95% key";
    /** The most {@code prediction.made} messages one watch publishes. */
    public static final int MAX_PREDICTIONS = 20;

    private static final int MAX_ANOMALY_LINES = 20;
    /** How many problems the summary names; the log names {@value #PROBLEMS_IN_LOG}. */
    private static final int PROBLEMS_IN_SUMMARY = 3;
    private static final int PROBLEMS_IN_LOG = 10;

    private final HttpChecker.Sleeper sleeper;

    /**
     * Creates the bot as the registry does: it really waits between ticks.
     */
    public MonitorBot() {
        this(HttpChecker.Sleeper.THREAD);
    }

    /**
     * Creates the bot with another way of waiting between ticks; tests pass one that advances their clock.
     *
     * @param sleeper waits between ticks
     */
    public MonitorBot(final HttpChecker.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public BotDescriptor<MonitorRequest> getDescriptor() {
        return MonitorBotDescriptor.get();
    }

    @Override
    public MonitorResult run(final MonitorRequest given, final BotContext context) {
        EngineLog log = new EngineLog("Problems while monitoring:");
        LogSink sink = log.masked(context.getMasker()).and(context.getLog());
        Clock clock = context.getClock();
        MonitorRequest request = withDeployedRelease(given, context, sink);
        registerSecrets(request, context);
        List<Criterion> criteria = resolveCriteria(request);
        if (request.health().isEmpty() && request.queries().isEmpty()) {
            // a run of every bot (lotabots run) reaches MonitorBot without anything to watch: say so, judge nothing
            sink.info("Nothing to watch: give health checks (--health http://app:8080/health) or metrics"
                    + " (--prometheus URL with --query, or --criterion on a preset such as error_rate), or deploy"
                    + " first so that the release's URL comes from deploy.completed; no verdict");
            return new MonitorResult("Nothing to watch; no verdict", log, List.of(), new WindowEvaluator.Evaluation(
                    Verdict.PASS, 100, List.of(), List.of(), List.of()), Map.of(), 0, 0, 0, List.of(), Map.of(), null);
        }
        PrometheusClient prometheus = client(request, context);
        Map<String, Baseline> baselines = baselines(request, context, sink);
        criteria.stream().filter(Criterion::isRelative).forEach(criterion -> {
            Baseline baseline = baselines.get(criterion.target());
            sink.info(baseline == null ? "No baseline for " + criterion.target() + " yet: '" + criterion.text()
                    + "' passes until one exists" : "Baseline of " + criterion.target() + ": "
                    + WindowEvaluator.format(baseline.value()) + (baseline.runs() > 0 ? " (median of "
                    + baseline.runs() + " passing runs)" : " (from " + baseline.source() + ")"));
        });

        Watch watch = new Watch(request, context, sink, criteria, baselines, prometheus);
        Instant start = clock.instant();
        sink.info(String.format(Locale.ROOT, "Watching %s for %s every %s: %d health check%s, %d metric%s, %d"
                + " criteri%s", request.environment() == null ? "the release" : request.environment(),
                Durations.format(request.duration()), Durations.format(request.interval()), request.health().size(),
                request.health().size() == 1 ? "" : "s", request.queries().size(),
                request.queries().size() == 1 ? "" : "s", criteria.size(), criteria.size() == 1 ? "on" : "a"));
        boolean interrupted = watch.run(start);
        Instant end = clock.instant();

        Map<String, List<TimeSeries>> series = watch.window(start.minus(request.lookback()), end);
        WindowEvaluator evaluator = new WindowEvaluator(request.passScore(), request.warningScore(),
                request.anomalyLimit(), request.horizon());
        WindowEvaluator.Evaluation evaluation = evaluator.evaluate(criteria, series, baselines, end);

        List<Message> messages = new ArrayList<>(watch.messages);
        report(evaluation, sink);
        reportProblems(watch, sink);
        int predictions = 0;
        for (Trend trend : evaluation.trends()) {
            String prediction = trend.prediction();
            if (prediction != null && predictions++ < MAX_PREDICTIONS) {
                messages.add(context.publish(MonitorBotDescriptor.NAME, new PredictionMade(trend.metric(),
                        trend.currentValue(), trend.baseline(), trend.direction(), prediction, trend.threshold(),
                        trend.crossesAt())));
            }
        }
        Message verdictMessage = context.publish(MonitorBotDescriptor.NAME, new MonitorVerdict(
                evaluation.verdict().key(), evaluation.score(), request.environment(),
                evaluation.criteria().stream().map(CriterionOutcome::toMessage).toList(),
                watch.problems.stream().limit(MonitorVerdict.MAX_PROBLEMS).toList()));
        messages.add(verdictMessage);
        String summary = summary(evaluation, watch, request, interrupted);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new MonitorResult(summary, log, messages, evaluation, baselines, watch.ticks, watch.triggered,
                watch.firing.size(), watch.problems, series, verdictMessage);
    }

    /**
     * With nothing given to watch, or with {@code deployedHealth}, also watches the health of the release that the
     * latest {@code deploy.completed} (of the run, else of the journal; of the environment when one is given)
     * announced at a URL.
     */
    private static MonitorRequest withDeployedRelease(final MonitorRequest request, final BotContext context,
            final LogSink sink) {
        if (!request.deployedHealth()
                && (!request.health().isEmpty() || !request.queries().isEmpty() || request.prometheus() != null)) {
            return request;
        }
        String environment = request.environment();
        Optional<Message> latest = context.getBus().latestOfRun(MessageFilter.ofTypes(DeployCompleted.TYPE,
                DeployRolledBack.TYPE), message -> {
                    if (DeployRolledBack.TYPE.equals(message.getType())) {
                        DeployRolledBack rollback = message.payloadAs(DeployRolledBack.class);
                        return rollback.url() != null
                                && (environment == null || environment.equals(rollback.environment()));
                    }
                    DeployCompleted deployed = message.payloadAs(DeployCompleted.class);
                    return deployed.url() != null
                            && (environment == null || environment.equals(deployed.environment()));
                });
        if (latest.isEmpty()) {
            return request;
        }
        Serving deployed;
        if (DeployRolledBack.TYPE.equals(latest.get().getType())) {
            // a rollback that says where the restored release answers, as DeployBot's on-demand rollback does: a
            // run that only rolled back (incident-response in Jenkins, whose build has no deploy.completed) watches it
            DeployRolledBack rollback = latest.get().payloadAs(DeployRolledBack.class);
            deployed = new Serving(rollback.environment(), rollback.toVersion(), Objects.requireNonNull(rollback.url()));
        }
        else {
            DeployCompleted completed = servingAfterRollbacks(latest.get(), context, sink);
            deployed = new Serving(completed.environment(), completed.version(),
                    Objects.requireNonNull(completed.url()));
        }
        String base = deployed.url();
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + request.healthPath();
        HttpCheck check;
        try {
            check = HttpCheck.parse(url + " 200").withTimeout(request.timeout());
        }
        catch (LotaBotsException e) {
            sink.error("The URL '" + url + "' of deploy.completed cannot be checked: " + e.getMessage());
            return request;
        }
        sink.info("Watching the health of " + deployed.version() + " in " + deployed.environment() + " at " + url
                + (DeployRolledBack.TYPE.equals(latest.get().getType()) ? ", from the deploy.rolled_back that restored it"
                        : ", from its deploy.completed"));
        List<HttpCheck> checks = new ArrayList<>(request.health());
        checks.add(check);
        return request.withHealth(checks);
    }

    /** The release a watch without options checks: its environment, version and base URL. */
    private record Serving(String environment, String version, String url) {
    }

    /**
     * Returns the release that serves the environment of a {@code deploy.completed}: the release itself, unless a
     * later {@code deploy.rolled_back} of that environment put another back, whose own {@code deploy.completed} (the
     * latest with that version) is then watched; so that a watch after a rollback, as incident-response runs it,
     * watches the release the rollback restored and not the one it replaced.
     */
    private static DeployCompleted servingAfterRollbacks(final Message latest, final BotContext context,
            final LogSink sink) {
        DeployCompleted deployed = latest.payloadAs(DeployCompleted.class);
        List<Message> later = context.getBus().query(MessageFilter.ofTypes(DeployCompleted.TYPE,
                DeployRolledBack.TYPE));
        int from = later.stream().map(Message::getId).toList().indexOf(latest.getId());
        if (from < 0) {
            return deployed;
        }
        DeployCompleted serving = deployed;
        for (int index = from + 1; index < later.size(); index++) {
            Message message = later.get(index);
            if (!DeployRolledBack.TYPE.equals(message.getType())) {
                continue;
            }
            DeployRolledBack rollback = message.payloadAs(DeployRolledBack.class);
            if (!rollback.environment().equals(deployed.environment())) {
                continue;
            }
            Optional<DeployCompleted> restored = later.subList(0, index).stream()
                    .filter(candidate -> DeployCompleted.TYPE.equals(candidate.getType()))
                    .map(candidate -> candidate.payloadAs(DeployCompleted.class))
                    .filter(candidate -> candidate.environment().equals(deployed.environment())
                            && candidate.version().equals(rollback.toVersion()) && candidate.url() != null)
                    .reduce((first, second) -> second);
            if (restored.isPresent()) {
                sink.info(deployed.environment() + " was rolled back from " + serving.version() + " to "
                        + rollback.toVersion() + " after its deploy.completed; watching " + rollback.toVersion());
                serving = restored.get();
            }
        }
        return serving;
    }

    private static void registerSecrets(final MonitorRequest request, final BotContext context) {
        List<URI> urls = new ArrayList<>();
        request.health().forEach(check -> urls.add(check.url()));
        if (request.prometheus() != null) {
            urls.add(request.prometheus());
        }
        for (URI url : urls) {
            if (url.getRawUserInfo() != null) {
                context.getMasker().add(url.getRawUserInfo());
                if (url.getUserInfo() != null) {
                    context.getMasker().add(url.getUserInfo());
                }
            }
        }
    }

    /**
     * Resolves the metric of every criterion: a query name, a preset among the queries, or a health metric; adds the
     * default availability criterion when health checks are given.
     */
    private static List<Criterion> resolveCriteria(final MonitorRequest request) {
        List<Criterion> resolved = new ArrayList<>();
        for (Criterion criterion : request.criteria()) {
            String metric = criterion.metric();
            String name = request.queries().containsKey(metric) ? metric
                    : QueryPresets.resolve(metric).filter(request.queries()::containsKey).orElse(null);
            if (name == null && (AVAILABILITY.equals(metric) || HEALTH_LATENCY.equals(metric))) {
                if (request.health().isEmpty()) {
                    throw LotaBotsException.of(MonitorErrorCode.INVALID_CRITERION, "The criterion '"
                            + criterion.text() + "' judges " + metric + ", which comes from health checks; give"
                            + " --health URL.");
                }
                name = metric;
            }
            if (name == null) {
                throw LotaBotsException.of(MonitorErrorCode.INVALID_CRITERION, "The criterion '" + criterion.text()
                        + "' names the metric '" + metric + "', which nothing measures. Give --query " + metric
                        + "=PROMQL, or use a query (" + String.join(", ", request.queries().keySet())
                        + "), a preset (" + String.join(", ", QueryPresets.names()) + ") or " + AVAILABILITY + "/"
                        + HEALTH_LATENCY + " with health checks.");
            }
            resolved.add(criterion.withMetric(name));
        }
        if (!request.health().isEmpty()
                && resolved.stream().noneMatch(criterion -> AVAILABILITY.equals(criterion.metric()))) {
            resolved.add(Criterion.parse(DEFAULT_AVAILABILITY_CRITERION));
        }
        return resolved;
    }

    private static String resolveLeniently(final MonitorRequest request, final String metric) {
        if (request.queries().containsKey(metric)) {
            return metric;
        }
        return QueryPresets.resolve(metric).orElse(metric);
    }

    @CheckForNull
    private static PrometheusClient client(final MonitorRequest request, final BotContext context) {
        URI url = request.prometheus();
        if (url == null) {
            return null;
        }
        PrometheusClient client = PrometheusClient.of(context.getHttp(), url, request.timeout());
        return context.getSecret(MonitorBotDescriptor.PROMETHEUS_TOKEN).map(client::withBearerToken).orElse(client);
    }

    private static Map<String, Baseline> baselines(final MonitorRequest request, final BotContext context,
            final LogSink sink) {
        if (request.criteria().stream().noneMatch(Criterion::isRelative)) {
            return Map.of();
        }
        Map<String, Baseline> baselines = new LinkedHashMap<>(Baselines.fromJournal(context.getBus(),
                request.baselineRuns(), request.environment(), metric -> resolveLeniently(request, metric), sink));
        String file = request.baselineFile();
        if (file != null && !file.isBlank()) {
            baselines.putAll(Baselines.readFile(baselineFile(context.getWorkspace(), file), file,
                    metric -> resolveLeniently(request, metric)));
        }
        return baselines;
    }

    private static Path baselineFile(final Path workspace, final String file) {
        Path given = Path.of(file);
        if (given.isAbsolute()) {
            return given;
        }
        Path resolved = workspace.resolve(given).normalize();
        if (!resolved.startsWith(workspace)) {
            throw LotaBotsException.of(MonitorErrorCode.BASELINE_UNREADABLE, "The baseline file '" + file
                    + "' leaves the workspace; give a path inside it, or an absolute path.");
        }
        return resolved;
    }

    private static void report(final WindowEvaluator.Evaluation evaluation, final LogSink sink) {
        for (CriterionOutcome outcome : evaluation.criteria()) {
            String line = outcome.result().key().toUpperCase(Locale.ROOT) + " " + outcome.criterion().text() + ": "
                    + outcome.detail();
            if (outcome.result() == Verdict.PASS) {
                sink.info(line);
            }
            else {
                sink.error(line);
            }
        }
        evaluation.anomalies().stream().limit(MAX_ANOMALY_LINES).forEach(anomaly -> sink.info(String.format(
                Locale.ROOT, "Anomaly in %s at %s: %s, %.1f scaled MADs %s the median %s", anomaly.metric(),
                anomaly.time(), WindowEvaluator.format(anomaly.value()), Math.abs(anomaly.deviation()),
                anomaly.deviation() > 0 ? "above" : "below", WindowEvaluator.format(anomaly.median()))));
        if (evaluation.anomalies().size() > MAX_ANOMALY_LINES) {
            sink.info("... and " + (evaluation.anomalies().size() - MAX_ANOMALY_LINES) + " more anomalies");
        }
        for (Trend trend : evaluation.trends()) {
            if (!"stable".equals(trend.direction())) {
                Double threshold = trend.threshold();
                String prediction = trend.prediction() == null || threshold == null ? ""
                        : "; " + trend.prediction() + " (limit " + WindowEvaluator.format(threshold) + ", at "
                                + trend.crossesAt() + ")";
                sink.info(String.format(Locale.ROOT, "Trend of %s: %s by %s per hour, now %s%s", trend.metric(),
                        trend.direction(), WindowEvaluator.format(trend.slopePerHour()),
                        WindowEvaluator.format(trend.currentValue()), prediction));
            }
        }
    }

    private static String summary(final WindowEvaluator.Evaluation evaluation, final Watch watch,
            final MonitorRequest request, final boolean interrupted) {
        long passed = evaluation.criteria().stream().filter(outcome -> outcome.result() == Verdict.PASS).count();
        List<String> failed = evaluation.criteria().stream().filter(outcome -> outcome.result() == Verdict.FAIL)
                .map(outcome -> outcome.criterion().text()).toList();
        StringBuilder text = new StringBuilder();
        text.append("Verdict ").append(evaluation.verdict().key()).append(", score ")
                .append(WindowEvaluator.format(evaluation.score())).append(" (").append(passed).append(" of ")
                .append(evaluation.criteria().size()).append(" criteria passed");
        if (!failed.isEmpty()) {
            text.append("; failed: ").append(String.join("; ", failed));
        }
        text.append("); ").append(evaluation.anomalies().size()).append(" anomal")
                .append(evaluation.anomalies().size() == 1 ? "y" : "ies").append(", ")
                .append(evaluation.trends().stream().filter(trend -> trend.prediction() != null).count())
                .append(" prediction(s), ").append(watch.triggered).append(" alert(s); ").append(watch.ticks)
                .append(" tick(s)").append(interrupted ? ", interrupted" : " over "
                        + Durations.format(request.duration()));
        if (watch.problemCount > 0) {
            text.append("; ").append(watch.problemCount).append(watch.problemCount == 1 ? " problem: " : " problems: ")
                    .append(String.join("; ", firstProblems(watch, PROBLEMS_IN_SUMMARY)));
        }
        return text.toString();
    }

    /**
     * Names the first problems, each different one once with how often it happened, and how many more there are.
     */
    private static List<String> firstProblems(final Watch watch, final int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        watch.problems.forEach(problem -> counts.merge(problem, 1, Integer::sum));
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, Integer> problem : counts.entrySet()) {
            if (lines.size() == limit) {
                break;
            }
            lines.add(problem.getKey() + (problem.getValue() == 1 ? "" : " (" + problem.getValue() + " times)"));
            shown += problem.getValue();
        }
        if (watch.problemCount > shown) {
            lines.add("and " + (watch.problemCount - shown) + " more");
        }
        return lines;
    }

    /**
     * Lists the problems of the watch once more at its end, where a reader of the log looks for them: the first
     * few, then how many more there are and where.
     */
    private static void reportProblems(final Watch watch, final LogSink sink) {
        if (watch.problemCount == 0) {
            return;
        }
        sink.info(watch.problemCount + (watch.problemCount == 1 ? " problem" : " problems")
                + " while watching:");
        firstProblems(watch, PROBLEMS_IN_LOG).forEach(problem -> sink.info("  " + problem));
    }

    /**
     * One watch: the ticks, their samples, and the alerts they raised.
     */
    private final class Watch {
        private static final int MAX_PROBLEMS = 100;

        private final MonitorRequest request;
        private final BotContext context;
        private final LogSink sink;
        private final List<Criterion> criteria;
        private final Map<String, Baseline> baselines;
        @CheckForNull
        private final PrometheusClient prometheus;
        private final HttpChecker checker;
        private final Map<String, Map<Map<String, String>, SeriesBuffer>> samples = new LinkedHashMap<>();
        private final Map<Criterion, Instant> firing = new HashMap<>();
        private final Map<URI, Boolean> healthState = new HashMap<>();
        private final Set<String> failingQueries = new HashSet<>();
        private final Set<String> nonNumericNoted = new HashSet<>();
        private final List<Message> messages = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private int problemCount;
        private int ticks;
        private int triggered;

        Watch(final MonitorRequest request, final BotContext context, final LogSink sink,
                final List<Criterion> criteria, final Map<String, Baseline> baselines,
                @CheckForNull final PrometheusClient prometheus) {
            this.request = request;
            this.context = context;
            this.sink = sink;
            this.criteria = criteria;
            this.baselines = baselines;
            this.prometheus = prometheus;
            this.checker = new HttpChecker(context.getHttp(), context.getClock(), sleeper);
        }

        /**
         * Runs the ticks from start until the duration is over.
         *
         * @return whether the watch was interrupted
         */
        boolean run(final Instant start) {
            Clock clock = context.getClock();
            Instant end = start.plus(request.duration());
            Instant next = start;
            try {
                while (true) {
                    tick(clock.instant());
                    sink.progress(String.format(Locale.ROOT, "Watching: %s of %s, %d tick(s), %d alert(s) raised",
                            Durations.format(Duration.ofSeconds(Duration.between(start, clock.instant()).toSeconds())),
                            Durations.format(request.duration()), ticks, triggered));
                    next = next.plus(request.interval());
                    Instant now = clock.instant();
                    while (next.isBefore(now)) {
                        next = next.plus(request.interval());
                    }
                    if (next.isAfter(end)) {
                        return false;
                    }
                    Duration wait = Duration.between(now, next);
                    if (!wait.isZero()) {
                        sleeper.sleep(wait);
                    }
                }
            }
            catch (InterruptedException e) {
                sink.error("Interrupted after " + ticks + " tick(s); judging the window so far");
                return true;
            }
        }

        private void tick(final Instant now) throws InterruptedException {
            boolean first = ticks == 0;
            Map<String, List<Double>> values = new HashMap<>();
            if (!request.health().isEmpty()) {
                int passed = 0;
                double slowest = -1;
                for (HttpCheck check : request.health()) {
                    HttpCheckResult result = checker.run(check);
                    if (result.passed()) {
                        passed++;
                    }
                    if (result.status() != null) {
                        slowest = Math.max(slowest, result.latency().toNanos() / 1e9);
                    }
                    Boolean before = healthState.put(check.url(), result.passed());
                    if (before == null || before != result.passed()) {
                        if (result.passed()) {
                            sink.info("Health " + result.describe());
                        }
                        else {
                            problem("Health " + result.describe());
                        }
                    }
                }
                double availability = (double) passed / request.health().size();
                record(AVAILABILITY, Map.of(), now, availability, values);
                if (slowest >= 0) {
                    record(HEALTH_LATENCY, Map.of(), now, slowest, values);
                }
            }
            if (prometheus != null) {
                for (Map.Entry<String, String> query : request.queries().entrySet()) {
                    query(query.getKey(), query.getValue(), now, first, values);
                }
            }
            ticks++;
            for (Criterion criterion : criteria) {
                List<Double> tickValues = values.get(criterion.metric());
                if (tickValues == null || tickValues.isEmpty()) {
                    continue;
                }
                boolean upper = criterion.pass().operator().isUpperLimit();
                double worst = upper ? tickValues.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                        : tickValues.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                Baseline baseline = baselines.get(criterion.target());
                alert(criterion, WindowEvaluator.judgeValue(criterion, worst, baseline == null ? null
                        : baseline.value()), now);
            }
        }

        private void query(final String name, final String promql, final Instant now, final boolean first,
                final Map<String, List<Double>> values) {
            PrometheusClient client = prometheus;
            if (client == null) {
                return;
            }
            QueryResult result;
            try {
                result = client.instant(promql, now);
            }
            catch (LotaBotsException e) {
                if (first) {
                    throw LotaBotsException.of(e.getCode(), "Cannot watch the metric '" + name + "': "
                            + e.getMessage(), e);
                }
                if (failingQueries.add(name)) {
                    problem("Query " + name + " failed; the watch goes on without its samples until it answers: "
                            + e.getMessage());
                }
                else if (e.getCode() == PrometheusErrorCode.UNAVAILABLE) {
                    keep("Query " + name + " failed at " + now + ": " + e.getMessage());
                }
                return;
            }
            if (failingQueries.remove(name)) {
                sink.info("Query " + name + " answers again");
            }
            if (result.nonNumeric() > 0 && nonNumericNoted.add(name)) {
                problem("Query " + name + " returned " + result.nonNumeric() + " sample(s) that are not numbers"
                        + " (NaN or ±Inf, for example a division by zero without traffic) at " + now
                        + "; they are left out");
            }
            result.warnings().stream().limit(3).forEach(warning -> sink.info("Prometheus warns about " + name + ": "
                    + warning));
            for (TimeSeries series : result.series()) {
                for (int i = 0; i < series.size(); i++) {
                    record(name, series.getLabels(), Instant.ofEpochMilli(Math.round(series.time(i) * 1000)),
                            series.value(i), values);
                }
            }
        }

        private void record(final String metric, final Map<String, String> labels, final Instant time,
                final double value, final Map<String, List<Double>> values) {
            samples.computeIfAbsent(metric, any -> new LinkedHashMap<>())
                    .computeIfAbsent(labels, any -> new SeriesBuffer()).add(time.toEpochMilli() / 1000.0, value);
            values.computeIfAbsent(metric, any -> new ArrayList<>()).add(value);
        }

        private void alert(final Criterion criterion, final CriterionOutcome outcome, final Instant now) {
            Instant since = firing.get(criterion);
            String alertName = criterion.alertNameFor(criterion.metric());
            Double measured = outcome.value();
            double value = measured == null ? 0 : measured;
            Double limit = outcome.limit();
            if (outcome.result() == Verdict.FAIL && since == null && limit != null) {
                firing.put(criterion, now);
                triggered++;
                String given = criterion.severity();
                String severity = given != null ? given : criterion.key() ? "critical" : "high";
                sink.error("Alert " + alertName + " (" + severity + "): " + outcome.detail());
                messages.add(context.publish(MonitorBotDescriptor.NAME, new AlertTriggered(alertName, severity,
                        criterion.metric(), value, limit, request.environment())));
            }
            else if (outcome.result() != Verdict.FAIL && since != null) {
                firing.remove(criterion);
                double seconds = Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
                sink.info("Alert " + alertName + " resolved after " + Durations.format(Duration.between(since, now))
                        + ": " + outcome.detail());
                messages.add(context.publish(MonitorBotDescriptor.NAME, new AlertResolved(alertName,
                        criterion.metric(), value, seconds)));
            }
        }

        private void problem(final String line) {
            sink.error(line);
            keep(line);
        }

        /** Keeps a problem for the summary, the result and the verdict without logging it again. */
        private void keep(final String line) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(line);
            }
        }

        /**
         * Returns the series of the window: Prometheus' range query of each metric, or the tick samples where the
         * range query fails or the window is a single instant; the health metrics from the ticks.
         */
        Map<String, List<TimeSeries>> window(final Instant from, final Instant end) {
            Map<String, List<TimeSeries>> series = new LinkedHashMap<>();
            long span = Duration.between(from, end).toMillis();
            Duration given = request.step();
            Duration step = given != null ? given : request.interval();
            if (span / step.toMillis() + 1 > PrometheusClient.MAX_POINTS) {
                step = Duration.ofMillis(span / (PrometheusClient.MAX_POINTS - 1) + 1);
                sink.info("The window of " + Durations.format(Duration.ofMillis(span)) + " needs a step of "
                        + Durations.format(step) + " to stay within Prometheus' " + PrometheusClient.MAX_POINTS
                        + " points per series");
            }
            PrometheusClient client = prometheus;
            if (client != null) {
                for (Map.Entry<String, String> query : request.queries().entrySet()) {
                    List<TimeSeries> ranged = null;
                    if (span > 0) {
                        try {
                            QueryResult result = client.range(query.getValue(), from, end, step);
                            if (result.nonNumeric() > 0) {
                                sink.info("Left out " + result.nonNumeric() + " sample(s) of " + query.getKey()
                                        + " that are not numbers (NaN or ±Inf)");
                            }
                            ranged = result.isEmpty() ? null : result.series();
                        }
                        catch (LotaBotsException e) {
                            problem("The range query of " + query.getKey() + " failed; judging its tick samples: "
                                    + e.getMessage());
                        }
                    }
                    series.put(query.getKey(), ranged != null ? ranged : fromTicks(query.getKey()));
                }
            }
            series.put(AVAILABILITY, fromTicks(AVAILABILITY));
            series.put(HEALTH_LATENCY, fromTicks(HEALTH_LATENCY));
            series.values().removeIf(List::isEmpty);
            return series;
        }

        private List<TimeSeries> fromTicks(final String metric) {
            return samples.getOrDefault(metric, Map.of()).entrySet().stream()
                    .map(entry -> entry.getValue().toSeries(entry.getKey())).collect(Collectors.toList());
        }
    }

    /**
     * Collects the samples of one series, tick by tick.
     */
    private static final class SeriesBuffer {
        private double[] times = new double[16];
        private double[] values = new double[16];
        private int size;

        void add(final double time, final double value) {
            if (size > 0 && time <= times[size - 1]) {
                return;
            }
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            times[size] = time;
            values[size] = value;
            size++;
        }

        TimeSeries toSeries(final Map<String, String> labels) {
            return TimeSeries.of(labels, java.util.Arrays.copyOf(times, size), java.util.Arrays.copyOf(values, size));
        }
    }
}
