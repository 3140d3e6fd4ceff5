package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.BotContext;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;
import io.lotabots.message.NotificationFailed;
import io.lotabots.message.NotificationSent;
import io.lotabots.scenario.ScenarioCompiler;
import io.lotabots.util.Durations;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.StepStatus;
import io.lotabots.workflow.WorkflowRun;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run came to, as a person reads it: a headline that says what happened, one box per stage with the bot's
 * one-line summary and the failure path where it ran, a card per bot result, the monitor's window as charts, the
 * message timeline and links. Built once from the run and its messages; the HTML report, its JSON twin and the
 * console's closing lines all render this.
 *
 * @param title the workflow's title
 * @param correlationId the run's correlation id
 * @param status the run's status
 * @param headline one sentence: what happened
 * @param start when the run started
 * @param seconds how long it ran
 * @param stages the stages in order
 * @param cards the bots' results
 * @param charts the monitor's window, one chart per metric
 * @param timeline the messages, oldest first
 * @param links the run's artifacts, reports and deployed URLs
 * @param incidents the incidents the run opened or changed, each with its timeline
 */
record RunSummary(String title, String correlationId, StepStatus status, String headline, Instant start,
        double seconds, List<Stage> stages, List<Card> cards, List<Chart> charts, List<Row> timeline,
        List<Link> links, List<IncidentView> incidents) {
    /** The longest summary of a message in the timeline. */
    static final int MAX_SUMMARY = 400;
    /** The most findings listed from a SARIF report. */
    static final int MAX_FINDINGS = 20;
    private static final long MAX_SARIF_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the lists.
     */
    RunSummary {
        stages = List.copyOf(stages);
        cards = List.copyOf(cards);
        charts = List.copyOf(charts);
        timeline = List.copyOf(timeline);
        links = List.copyOf(links);
        incidents = List.copyOf(incidents);
    }

    /**
     * An incident the run touched, with the timeline IncidentBot builds from the journal.
     *
     * @param id its id
     * @param title its title
     * @param severity P1 to P4
     * @param status its status
     * @param service the service affected
     * @param environment the environment affected
     * @param timeline its timeline: offset (T+1 min), time, who, what, details
     */
    record IncidentView(String id, String title, String severity, String status, String service, String environment,
            List<IncidentRow> timeline) {
        /**
         * Copies the list.
         */
        IncidentView {
            timeline = List.copyOf(timeline);
        }
    }

    /**
     * One line of an incident's timeline.
     *
     * @param offset from the detection, as {@code T+1 min}
     * @param time when
     * @param who the bot or person
     * @param what the message type or incident event
     * @param details its summary or text
     */
    record IncidentRow(String offset, Instant time, String who, String what, String details) {
    }

    /**
     * One stage, as a box.
     *
     * @param name the stage
     * @param status how it ended
     * @param seconds how long it ran
     * @param summary the bot's one line, or what decided the stage
     * @param failurePath the steps of the failure path that ran, in order
     */
    record Stage(String name, StepStatus status, double seconds, String summary, List<PathStep> failurePath) {
        Stage {
            failurePath = List.copyOf(failurePath);
        }
    }

    /**
     * One step of a failure path.
     *
     * @param name the step
     * @param status how it ended
     * @param summary what it did
     */
    record PathStep(String name, StepStatus status, String summary) {
    }

    /**
     * One bot's result.
     *
     * @param kind tests, security, build, deploy, monitor, notify or other
     * @param title for example {@code Tests} or {@code Deploy to Production}
     * @param status how the step ended
     * @param line one sentence
     * @param facts label and value pairs
     * @param bars percentages to draw, such as coverage
     * @param tableHead the column names of the card's table, or empty
     * @param table the rows of the card's table
     */
    record Card(String kind, String title, StepStatus status, String line, Map<String, String> facts,
            List<Bar> bars, List<String> tableHead, List<List<String>> table) {
        Card {
            facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
            bars = List.copyOf(bars);
            tableHead = List.copyOf(tableHead);
            table = table.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A percentage bar, with the limit it is judged against.
     *
     * @param label for example {@code line coverage}
     * @param percent 0 to 100
     * @param limit the gate's limit in percent, or {@code null}
     */
    record Bar(String label, double percent, @CheckForNull Double limit) {
    }

    /**
     * The values of one metric over the monitor's window.
     *
     * @param metric the metric, for example {@code availability}
     * @param series each series' points as epoch seconds and value
     * @param limit the limit a criterion set on it, or {@code null}
     * @param criterion the criterion's text, or {@code null}
     * @param result the criterion's result, or {@code null}
     * @param alerts the epoch seconds at which alerts on this metric were raised
     */
    record Chart(String metric, List<List<double[]>> series, @CheckForNull Double limit,
            @CheckForNull String criterion, @CheckForNull String result, List<Double> alerts) {
        Chart {
            series = series.stream().map(List::copyOf).toList();
            alerts = List.copyOf(alerts);
        }
    }

    /**
     * One message of the timeline.
     *
     * @param time when it was published
     * @param offset seconds since the run started
     * @param bot who sent it
     * @param type its type
     * @param to where it went: the destination bot, or a notification's channel and recipient
     * @param stage the stage it was published from, or {@code -}
     * @param summary its payload in one line
     */
    record Row(Instant time, double offset, String bot, String type, String to, String stage, String summary) {
    }

    /**
     * A link of the run.
     *
     * @param label what it is
     * @param target a URL or a path
     */
    record Link(String label, String target) {
    }

    /**
     * Sums up a run.
     *
     * @param title the workflow's title
     * @param correlationId the run's correlation id
     * @param run the run
     * @param messages the run's messages, oldest first
     * @param workdir the working directory, to read the SARIF report the run wrote
     * @return the summary
     */
    static RunSummary of(final String title, final String correlationId, final WorkflowRun run,
            final List<Message> messages, final Path workdir) {
        return of(title, correlationId, run, messages, workdir, null);
    }

    /**
     * Sums up a run, with the timelines of the incidents it touched built from the whole journal.
     *
     * @param title the workflow's title
     * @param correlationId the run's correlation id
     * @param run the run
     * @param messages the run's messages, oldest first
     * @param workdir the working directory, to read the SARIF report the run wrote and the incident store
     * @param journal the journal, for the incidents' timelines; {@code null} to build them from the run's messages
     * @return the summary
     */
    static RunSummary of(final String title, final String correlationId, final WorkflowRun run,
            final List<Message> messages, final Path workdir, @CheckForNull final io.lotabots.bus.Journal journal) {
        List<Stage> stages = stages(run);
        List<Card> cards = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (StepRecord step : run.steps()) {
            if ("task".equals(step.kind()) && step.status() != StepStatus.SKIPPED
                    && step.status() != StepStatus.NOT_RUN && !step.name().startsWith(ScenarioCompiler.NOTIFY_PREFIX)) {
                card(step, messages, workdir).ifPresent(cards::add);
                if (step.outputs().containsKey("window")) {
                    charts.addAll(charts(step, messages));
                }
            }
        }
        Card notifications = notifications(messages);
        if (notifications != null) {
            cards.add(notifications);
        }
        List<Row> timeline = messages.stream().map(message -> row(message, run.start())).toList();
        return new RunSummary(title, correlationId, run.status(), headline(run, stages, messages), run.start(),
                run.duration().toMillis() / 1000.0, stages, cards, charts, timeline, links(run, messages),
                incidents(messages, workdir, journal));
    }

    /**
     * The incidents the run's IncidentBot messages name, read from the file store of the working directory (the
     * default {@code storeFolder}); one that cannot be read is left out of the report, which is not the place to
     * fail a run.
     */
    private static List<IncidentView> incidents(final List<Message> messages, final Path workdir,
            @CheckForNull final io.lotabots.bus.Journal journal) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Message message : messages) {
            if (message.getType().startsWith("incident.")) {
                message.getPayloadField("incident_id").map(JsonNode::asText).ifPresent(ids::add);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        io.lotabots.bot.incident.IncidentStore store = io.lotabots.bot.incident.FileIncidentStore.in(workdir
                .resolve(io.lotabots.bot.incident.IncidentBotDescriptor.DEFAULT_STORE_FOLDER));
        List<IncidentView> views = new ArrayList<>();
        for (String id : ids) {
            Optional<io.lotabots.bot.incident.Incident> found;
            try {
                found = store.find(id);
            }
            catch (io.lotabots.error.LotaBotsException e) {
                continue;
            }
            found.ifPresent(incident -> {
                io.lotabots.bot.incident.IncidentTimeline timeline = journal == null
                        ? io.lotabots.bot.incident.IncidentTimeline.of(incident,
                                io.lotabots.bot.incident.IncidentBotDescriptor.DEFAULT_WINDOW, messages)
                        : io.lotabots.bot.incident.IncidentTimeline.of(incident,
                                io.lotabots.bot.incident.IncidentBotDescriptor.DEFAULT_WINDOW,
                                consumer -> journal.scan(io.lotabots.bus.MessageFilter.ALL, consumer));
                views.add(new IncidentView(incident.id(), incident.title(), incident.severity().name(),
                        incident.status().name().toLowerCase(Locale.ROOT), incident.service(), incident.environment(),
                        timeline.entries().stream().map(entry -> new IncidentRow(timeline.offset(entry.time()),
                                entry.time(), entry.who(), entry.what(), entry.details())).toList()));
            });
        }
        return views;
    }

    /**
     * The stages: the run's top-level steps, with each scenario's notification step folded into its stage.
     */
    private static List<Stage> stages(final WorkflowRun run) {
        List<Stage> stages = new ArrayList<>();
        for (StepRecord top : run.steps()) {
            if (top.path().contains("/") || top.name().startsWith(ScenarioCompiler.NOTIFY_PREFIX)
                    && run.step(top.name().substring(ScenarioCompiler.NOTIFY_PREFIX.length())).isPresent()) {
                continue;
            }
            String prefix = top.path() + "/";
            StepRecord main = top;
            List<PathStep> path = new ArrayList<>();
            for (StepRecord inner : run.steps()) {
                if (!inner.path().startsWith(prefix)) {
                    continue;
                }
                if (inner.name().equals(top.name()) && "task".equals(inner.kind())) {
                    main = inner;
                } else if ("task".equals(inner.kind()) && inner.status() != StepStatus.SKIPPED
                        && inner.status() != StepStatus.NOT_RUN) {
                    path.add(new PathStep(inner.name(), inner.status(), inner.summary()));
                }
            }
            String summary = main.summary().isEmpty() ? Objects.requireNonNullElse(main.error(), "") : main.summary();
            stages.add(new Stage(top.name(), top.status(), top.duration().toMillis() / 1000.0, summary, path));
        }
        return stages;
    }

    /**
     * The sentence a release manager would send: a rollback first, then the stage that failed, then what shipped.
     */
    private static String headline(final WorkflowRun run, final List<Stage> stages, final List<Message> messages) {
        Optional<DeployRolledBack> rollback = last(messages, DeployRolledBack.TYPE)
                .map(message -> message.payloadAs(DeployRolledBack.class));
        String watch = failedWatch(run);
        Optional<String> interruption = run.interrupted();
        if (interruption.isPresent()) {
            String during = stages.stream().filter(stage -> stage.status() == StepStatus.ABORTED).map(Stage::name)
                    .map(name -> " during " + name).findFirst().orElse("");
            return "The run was " + interruption.get() + during
                    + ": its processes were stopped and the stages after it did not run";
        }
        if (rollback.isPresent()) {
            DeployRolledBack back = rollback.get();
            return capitalized(back.environment()) + " rolled back to " + back.toVersion() + " after "
                    + (watch != null ? "the watch failed: " + watch : back.reason());
        }
        for (Stage stage : stages) {
            if (stage.status() == StepStatus.FAILURE || stage.status() == StepStatus.ABORTED
                    || stage.status() == StepStatus.UNSTABLE) {
                String verb = switch (stage.status()) {
                    case UNSTABLE -> " is unstable: ";
                    case ABORTED -> " was aborted: ";
                    default -> " failed: ";
                };
                String why = watch != null && stage.summary().startsWith("Verdict") ? "the watch failed: " + watch
                        : stage.summary();
                return stage.name() + verb + why;
            }
        }
        if (run.status() == StepStatus.ABORTED) {
            return "The run was aborted";
        }
        List<String> environments = new ArrayList<>();
        String version = null;
        for (Message message : messages) {
            if (DeployCompleted.TYPE.equals(message.getType())) {
                DeployCompleted deployed = message.payloadAs(DeployCompleted.class);
                environments.remove(deployed.environment());
                environments.add(deployed.environment());
                version = deployed.version();
            }
        }
        if (version != null) {
            String verdict = run.steps().stream().filter(step -> "pass".equals(step.outputs().get("verdict")))
                    .map(step -> "; the watch passed (score " + number(step.outputs().get("score")) + ")")
                    .reduce((first, second) -> second).orElse("");
            return version + " deployed to " + String.join(" and ", environments) + verdict;
        }
        long passed = stages.stream().filter(stage -> stage.status() == StepStatus.SUCCESS).count();
        return stages.isEmpty() ? "Nothing ran" : "All " + passed + " stage" + (passed == 1 ? "" : "s") + " passed";
    }

    /**
     * The failed criteria of the last failing watch, as {@code availability 0 % < 95 %}.
     */
    @CheckForNull
    private static String failedWatch(final WorkflowRun run) {
        String found = null;
        for (StepRecord step : run.steps()) {
            if (!"fail".equals(step.outputs().get("verdict")) || !(step.outputs().get("criteria") instanceof List<?> list)) {
                continue;
            }
            List<String> failed = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> criterion && "fail".equals(criterion.get("result"))) {
                    failed.add(criterionText(criterion));
                }
            }
            found = failed.isEmpty() ? found : String.join(", ", failed);
        }
        return found;
    }

    private static String criterionText(final Map<?, ?> criterion) {
        boolean percent = String.valueOf(criterion.get("criterion")).contains("%");
        String operator = String.valueOf(criterion.get("operator"));
        String negated = switch (operator) {
            case "<" -> ">=";
            case "<=" -> ">";
            case ">" -> "<=";
            case ">=" -> "<";
            default -> "vs";
        };
        return criterion.get("metric") + " " + value(criterion.get("value"), percent) + " " + negated + " "
                + value(criterion.get("limit"), percent);
    }

    private static String value(@CheckForNull final Object value, final boolean percent) {
        if (!(value instanceof Number number)) {
            return "no data";
        }
        return percent ? number(number.doubleValue() * 100) + " %" : number(number);
    }

    /**
     * Formats a number without needless decimals: {@code 100}, {@code 82.1}, {@code 0.25}.
     *
     * @param value a number
     * @return the text
     */
    static String number(@CheckForNull final Object value) {
        if (!(value instanceof Number number)) {
            return String.valueOf(value);
        }
        double d = number.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 10 ? "%.1f" : "%.3g", d).replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "");
    }

    private static Optional<Card> card(final StepRecord step, final List<Message> messages, final Path workdir) {
        Map<String, Object> out = step.outputs();
        String title = step.name();
        if (out.containsKey("byKind")) {
            return Optional.of(tests(step, title, out));
        }
        if (out.containsKey("secretsFound") || out.containsKey("sarif")) {
            return Optional.of(security(step, title, out, workdir));
        }
        if (out.containsKey("buildId")) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("build", String.valueOf(out.get("buildId")));
            facts.put("branch", out.get("branch") + " @ " + out.get("commit"));
            facts.put("command", String.valueOf(out.get("command")));
            facts.put("artifacts", String.valueOf(out.get("artifactCount")));
            if (out.get("artifactUrl") != null) {
                facts.put("stored in", String.valueOf(out.get("artifactUrl")));
            }
            return Optional.of(new Card("build", title, step.status(), step.summary(), facts, List.of(), List.of(),
                    List.of()));
        }
        if (out.containsKey("environments")) {
            return Optional.of(deploy(step, title, messages));
        }
        if (out.containsKey("verdict")) {
            return Optional.of(monitor(step, title, out));
        }
        return Optional.empty();
    }

    private static Card tests(final StepRecord step, final String title, final Map<String, Object> out) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("tests", number(out.get("total")));
        facts.put("passed", number(out.get("passed")));
        facts.put("failed", number(out.get("failed")));
        facts.put("skipped", number(out.get("skipped")));
        facts.put("flaky", number(out.get("flaky")));
        if (out.get("gate") != null) {
            facts.put("deciding gate", String.valueOf(out.get("gate")));
        }
        List<Bar> bars = new ArrayList<>();
        if (out.get("coverage") instanceof Number line) {
            bars.add(new Bar("line coverage", line.doubleValue(), null));
        }
        if (out.get("branchCoverage") instanceof Number branch) {
            bars.add(new Bar("branch coverage", branch.doubleValue(), null));
        }
        List<List<String>> rows = new ArrayList<>();
        if (out.get("byKind") instanceof Map<?, ?> kinds) {
            kinds.forEach((kind, counts) -> {
                if (counts instanceof Map<?, ?> c) {
                    rows.add(List.of(String.valueOf(kind), number(c.get("total")), number(c.get("passed")),
                            number(Objects.requireNonNullElse(c.get("failed"), 0)), ""));
                }
            });
        }
        if (out.get("failures") instanceof List<?> failures) {
            for (Object failure : failures) {
                if (failure instanceof Map<?, ?> f) {
                    rows.add(List.of("failed", String.valueOf(f.get("test")), String.valueOf(f.get("status")),
                            String.valueOf(f.get("message")), String.valueOf(f.get("file"))));
                }
            }
        }
        return new Card("tests", title, step.status(), step.summary(), facts, bars,
                rows.isEmpty() ? List.of() : List.of("kind / test", "total / name", "passed / status",
                        "failed / message", "report"), rows);
    }

    private static Card security(final StepRecord step, final String title, final Map<String, Object> out,
            final Path workdir) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (out.get("vulnerabilities") instanceof Map<?, ?> vulnerabilities) {
            for (String severity : List.of("critical", "high", "medium", "low")) {
                facts.put(severity, number(Objects.requireNonNullElse(vulnerabilities.get(severity), 0)));
            }
        }
        facts.put("secrets", number(out.get("secretsFound")));
        if (out.get("newFindings") != null) {
            // only with a baseline the user named: without one, nothing is new or fixed
            facts.put("new findings", number(out.get("newFindings")));
            facts.put("fixed findings", number(out.get("fixedFindings")));
        }
        if (out.get("gate") != null) {
            facts.put("gate", out.get("gate") + (Boolean.TRUE.equals(out.get("gatePassed")) ? " (passed)"
                    : " (failed)"));
        }
        List<List<String>> rows = new ArrayList<>();
        if (out.get("sarif") instanceof String sarif) {
            facts.put("SARIF", sarif);
            rows.addAll(findings(workdir.resolve(sarif)));
        }
        return new Card("security", title, step.status(), step.summary(), facts, List.of(),
                rows.isEmpty() ? List.of() : List.of("level", "rule", "where", "finding"), rows);
    }

    /**
     * The first findings of the SARIF report the run wrote, as level, rule, file:line and message.
     */
    private static List<List<String>> findings(final Path sarif) {
        List<List<String>> rows = new ArrayList<>();
        try {
            if (!Files.isRegularFile(sarif) || Files.size(sarif) > MAX_SARIF_BYTES) {
                return rows;
            }
            JsonNode root;
            try (InputStream in = Files.newInputStream(sarif)) {
                root = JSON.readTree(in);
            }
            for (JsonNode run : root.path("runs")) {
                for (JsonNode result : run.path("results")) {
                    if (rows.size() >= MAX_FINDINGS) {
                        return rows;
                    }
                    JsonNode location = result.path("locations").path(0).path("physicalLocation");
                    String where = location.path("artifactLocation").path("uri").asText("");
                    int line = location.path("region").path("startLine").asInt(0);
                    rows.add(List.of(result.path("level").asText("warning"), result.path("ruleId").asText(""),
                            line > 0 ? where + ":" + line : where, result.path("message").path("text").asText("")));
                }
            }
        }
        catch (IOException e) {
            rows.add(List.of("note", "", sarif.toString(), "the SARIF report could not be read: " + e.getMessage()));
        }
        return rows;
    }

    private static Card deploy(final StepRecord step, final String title, final List<Message> messages) {
        List<List<String>> rows = new ArrayList<>();
        for (Message message : messages) {
            if (!step.messageIds().contains(message.getId()) && !(step.messageIds().isEmpty()
                    && message.getExtension(BotContext.STAGE_EXTENSION).orElse("").equals(stageOf(step)))) {
                continue;
            }
            switch (message.getType()) {
                case DeployCompleted.TYPE -> {
                    DeployCompleted done = message.payloadAs(DeployCompleted.class);
                    rows.add(List.of(done.environment(), "deployed", done.version(),
                            Objects.requireNonNullElse(done.strategy(), "-"), Objects.requireNonNullElse(done.url(),
                                    "-")));
                }
                case DeployFailed.TYPE -> {
                    DeployFailed failed = message.payloadAs(DeployFailed.class);
                    rows.add(List.of(failed.environment(), "failed", failed.version(), "-", failed.reason()));
                }
                case DeployRolledBack.TYPE -> {
                    DeployRolledBack back = message.payloadAs(DeployRolledBack.class);
                    rows.add(List.of(back.environment(), "rolled back", Objects.requireNonNullElse(
                            back.fromVersion(), "-") + " → " + back.toVersion(), "-", back.reason()));
                }
                default -> {
                    // other messages of the stage are in the timeline
                }
            }
        }
        return new Card("deploy", title, step.status(), step.summary(), Map.of(), List.of(),
                List.of("environment", "what", "version", "strategy", "URL or reason"), rows);
    }

    /**
     * The stage a step belongs to: the first part of its path.
     */
    private static String stageOf(final StepRecord step) {
        int slash = step.path().indexOf('/');
        return slash < 0 ? step.path() : step.path().substring(0, slash);
    }

    private static Card monitor(final StepRecord step, final String title, final Map<String, Object> out) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("verdict", String.valueOf(out.get("verdict")));
        facts.put("score", number(out.get("score")));
        facts.put("checks", number(out.get("ticks")));
        facts.put("alerts", number(out.get("alertsTriggered")));
        facts.put("anomalies", number(out.get("anomalies")));
        List<List<String>> rows = new ArrayList<>();
        if (out.get("criteria") instanceof List<?> criteria) {
            for (Object item : criteria) {
                if (item instanceof Map<?, ?> c) {
                    boolean percent = String.valueOf(c.get("criterion")).contains("%");
                    rows.add(List.of(String.valueOf(c.get("criterion")), value(c.get("value"), percent),
                            c.get("operator") + " " + value(c.get("limit"), percent), String.valueOf(c.get("result"))));
                }
            }
        }
        if (out.get("problemTexts") instanceof List<?> problems) {
            for (Object problem : problems) {
                rows.add(List.of("problem", String.valueOf(problem), "", ""));
            }
        }
        return new Card("monitor", title, step.status(), step.summary(), facts, List.of(),
                List.of("criterion", "value", "limit", "result"), rows);
    }

    private static List<Chart> charts(final StepRecord step, final List<Message> messages) {
        List<Chart> charts = new ArrayList<>();
        Map<String, Map<?, ?>> criteria = new LinkedHashMap<>();
        if (step.outputs().get("criteria") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> c) {
                    criteria.putIfAbsent(String.valueOf(c.get("metric")), c);
                }
            }
        }
        if (!(step.outputs().get("window") instanceof Map<?, ?> window)) {
            return charts;
        }
        for (Map.Entry<?, ?> metric : window.entrySet()) {
            List<List<double[]>> series = new ArrayList<>();
            if (metric.getValue() instanceof List<?> all) {
                for (Object one : all) {
                    if (one instanceof Map<?, ?> entry && entry.get("points") instanceof List<?> points) {
                        List<double[]> values = new ArrayList<>();
                        for (Object point : points) {
                            if (point instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number t
                                    && pair.get(1) instanceof Number v) {
                                values.add(new double[] {t.doubleValue(), v.doubleValue()});
                            }
                        }
                        series.add(values);
                    }
                }
            }
            String name = String.valueOf(metric.getKey());
            Map<?, ?> criterion = criteria.get(name);
            List<Double> alerts = messages.stream().filter(m -> AlertTriggered.TYPE.equals(m.getType())
                    && name.equals(m.payloadAs(AlertTriggered.class).metric()))
                    .map(m -> m.getTime().toEpochMilli() / 1000.0).toList();
            charts.add(new Chart(name, series, criterion != null && criterion.get("limit") instanceof Number n
                    ? n.doubleValue() : null, criterion == null ? null : String.valueOf(criterion.get("criterion")),
                    criterion == null ? null : String.valueOf(criterion.get("result")), alerts));
        }
        return charts;
    }

    @CheckForNull
    private static Card notifications(final List<Message> messages) {
        List<List<String>> rows = new ArrayList<>();
        int sent = 0;
        int failed = 0;
        for (Message message : messages) {
            String stage = message.getExtension(BotContext.STAGE_EXTENSION).orElse("-");
            if (NotificationSent.TYPE.equals(message.getType())) {
                NotificationSent one = message.payloadAs(NotificationSent.class);
                rows.add(List.of(stage, one.channel(), Objects.requireNonNullElse(one.recipient(), "-"),
                        Objects.requireNonNullElse(one.messageType(), "summary"), "sent"));
                sent++;
            } else if (NotificationFailed.TYPE.equals(message.getType())) {
                NotificationFailed one = message.payloadAs(NotificationFailed.class);
                rows.add(List.of(stage, one.channel(), "-", Objects.requireNonNullElse(one.messageType(), "summary"),
                        "failed: " + one.reason()));
                failed++;
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        return new Card("notify", "Notifications", failed == 0 ? StepStatus.SUCCESS : StepStatus.UNSTABLE,
                sent + " sent, " + failed + " failed", Map.of(), List.of(),
                List.of("stage", "channel", "to", "about", "result"), rows);
    }

    private static Row row(final Message message, final Instant start) {
        String to = message.getDestination().orElse("-");
        if (NotificationSent.TYPE.equals(message.getType())) {
            NotificationSent sent = message.payloadAs(NotificationSent.class);
            to = sent.channel() + (sent.recipient() == null ? "" : " → " + sent.recipient());
        }
        return new Row(message.getTime(), Duration.between(start, message.getTime()).toMillis() / 1000.0,
                message.getSource(), message.getType(), to, message.getExtension(BotContext.STAGE_EXTENSION)
                .orElse("-"), MessageSummary.of(message, MAX_SUMMARY));
    }

    private static List<Link> links(final WorkflowRun run, final List<Message> messages) {
        Map<String, Link> links = new LinkedHashMap<>();
        for (Message message : messages) {
            switch (message.getType()) {
                case BuildCompleted.TYPE -> {
                    BuildCompleted built = message.payloadAs(BuildCompleted.class);
                    String artifacts = built.artifactUrl();
                    if (artifacts != null) {
                        links.put(artifacts, new Link("artifacts of " + built.buildId(), artifacts));
                    }
                }
                case DeployCompleted.TYPE -> {
                    DeployCompleted deployed = message.payloadAs(DeployCompleted.class);
                    String url = deployed.url();
                    if (url != null) {
                        links.put(url, new Link(deployed.environment() + " (" + deployed.version() + ")", url));
                    }
                    String revision = deployed.revision();
                    if (revision != null) {
                        links.put(revision, new Link("release folder of " + deployed.environment(), revision));
                    }
                }
                default -> {
                    // no link
                }
            }
        }
        for (StepRecord step : run.steps()) {
            if (step.outputs().get("sarif") instanceof String sarif) {
                links.put(sarif, new Link("SARIF report of " + step.name(), sarif));
            }
        }
        return List.copyOf(links.values());
    }

    private static Optional<Message> last(final List<Message> messages, final String type) {
        Message found = null;
        for (Message message : messages) {
            if (type.equals(message.getType())) {
                found = message;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String capitalized(final String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * Returns the run's duration as people read it.
     *
     * @return for example {@code 32.8 s}
     */
    String duration() {
        return Durations.format(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
