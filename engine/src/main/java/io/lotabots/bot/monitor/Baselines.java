package io.lotabots.bot.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bus.MessageFilter;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.CriterionResult;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecureYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Reads the baselines relative criteria compare with: from a baseline file (JSON or YAML, a map of metric to value),
 * and as the median of the values of the last N passing {@code monitor.verdict} messages in the journal. The file
 * wins for the metrics it names.
 */
final class Baselines {
    /** The largest baseline file read. */
    static final long MAX_FILE_BYTES = 1 << 20;
    /** The most entries a baseline file may hold. */
    static final int MAX_ENTRIES = 10_000;


    private Baselines() {
    }

    /**
     * Reads a baseline file: a map from {@code metric} or {@code aggregate(metric)} to a number in base units or a
     * text with a unit ({@code 120ms}, {@code 0.5%}), optionally under a top-level {@code baselines} key.
     *
     * @param file the file
     * @param shownName the name errors use
     * @param resolve turns a metric name into its canonical name
     * @return the baselines by target
     * @throws LotaBotsException naming the file and the entry if it cannot be read
     */
    static Map<String, Baseline> readFile(final Path file, final String shownName, final UnaryOperator<String> resolve) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw unreadable(shownName, "it is larger than " + (MAX_FILE_BYTES >> 10) + " KiB");
            }
            root = SecureYaml.readTree(SecureYaml.readBounded(file, (int) MAX_FILE_BYTES), (int) MAX_FILE_BYTES);
        }
        catch (SecureYaml.InvalidYamlException e) {
            throw unreadable(shownName, "it is not valid JSON or YAML: " + e.getReason()
                    + (e.getLine() > 0 ? " (line " + e.getLine() + ")" : ""), e);
        }
        catch (NoSuchFileException e) {
            throw unreadable(shownName, "it does not exist", e);
        }
        catch (JsonProcessingException e) {
            throw unreadable(shownName, "it is not valid JSON or YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        catch (IOException | RuntimeException e) {
            if (e instanceof LotaBotsException known) {
                throw known;
            }
            throw unreadable(shownName, "it cannot be read: " + e.getMessage(), e);
        }
        if (root != null && root.isObject() && root.size() == 1 && root.has("baselines")) {
            root = root.get("baselines");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw unreadable(shownName, "it is not a map of metric to value, like 'latency_p95: 120ms'");
        }
        if (root.size() > MAX_ENTRIES) {
            throw unreadable(shownName, "it has " + root.size() + " entries, more than " + MAX_ENTRIES);
        }
        Map<String, Baseline> baselines = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String target = target(field.getKey(), resolve);
            if (target == null) {
                throw unreadable(shownName, "the key '" + abbreviate(field.getKey())
                        + "' is not a metric name or aggregate(metric)");
            }
            baselines.put(target, new Baseline(target, value(shownName, field.getKey(), field.getValue()), 0,
                    shownName));
        }
        return baselines;
    }

    private static double value(final String shownName, final String key, final JsonNode node) {
        if (node.isNumber() && Double.isFinite(node.asDouble())) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                Criterion parsed = Criterion.parse("baseline < " + node.asText().strip());
                if (!parsed.pass().threshold().relative()) {
                    return parsed.pass().threshold().amount();
                }
            }
            catch (LotaBotsException e) {
                // reported below
            }
        }
        throw unreadable(shownName, "the value of '" + abbreviate(key) + "' is not a number or a number with a unit"
                + " (120ms, 0.5%, 512MB); it is " + abbreviate(node.toString()));
    }

    @CheckForNull
    private static String target(final String key, final UnaryOperator<String> resolve) {
        try {
            Criterion parsed = Criterion.parse(key.strip() + " < 1");
            return parsed.withMetric(resolve.apply(parsed.metric())).target();
        }
        catch (LotaBotsException e) {
            return null;
        }
    }

    /**
     * Computes the median of each target over the last passing verdicts in the journal.
     *
     * @param bus the bus, whose journal holds earlier runs
     * @param runs how many passing runs to take, the latest
     * @param environment only verdicts of this environment, or {@code null} for any
     * @param resolve turns a metric name into its canonical name
     * @param log receives a line per unreadable verdict
     * @return the baselines by target
     */
    static Map<String, Baseline> fromJournal(final MessageBus bus, final int runs, @CheckForNull final String environment,
            final UnaryOperator<String> resolve, final LogSink log) {
        Deque<MonitorVerdict> passing = new ArrayDeque<>();
        int unreadable = 0;
        for (Message message : bus.query(MessageFilter.ofTypes(MonitorVerdict.TYPE))) {
            MonitorVerdict verdict;
            try {
                verdict = message.payloadAs(MonitorVerdict.class);
            }
            catch (InvalidMessageException e) {
                if (unreadable++ == 0) {
                    log.error("Skipped an unreadable monitor.verdict (" + message.getId() + ") for baselines: "
                            + e.getMessage());
                }
                continue;
            }
            if ("pass".equals(verdict.verdict())
                    && (environment == null || Objects.equals(environment, verdict.environment()))) {
                passing.addLast(verdict);
                if (passing.size() > runs) {
                    passing.removeFirst();
                }
            }
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (MonitorVerdict verdict : passing) {
            for (CriterionResult result : verdict.criteria()) {
                if (result.value() == null) {
                    continue;
                }
                String target;
                try {
                    Criterion parsed = Criterion.parse(result.criterion());
                    target = parsed.withMetric(resolve.apply(parsed.metric())).target();
                }
                catch (LotaBotsException e) {
                    continue;
                }
                values.computeIfAbsent(target, any -> new ArrayList<>()).add(result.value());
            }
        }
        Map<String, Baseline> baselines = new LinkedHashMap<>();
        Median median = new Median();
        values.forEach((target, list) -> baselines.put(target, new Baseline(target,
                median.evaluate(list.stream().mapToDouble(Double::doubleValue).toArray()), list.size(), "journal")));
        return baselines;
    }

    private static LotaBotsException unreadable(final String file, final String problem) {
        return LotaBotsException.of(MonitorErrorCode.BASELINE_UNREADABLE, "Cannot use the baseline file '" + file
                + "': " + problem + ". Give a JSON or YAML map of metric to value, like {\"latency_p95\": \"120ms\"}.");
    }

    private static LotaBotsException unreadable(final String file, final String problem, final Throwable cause) {
        return LotaBotsException.of(MonitorErrorCode.BASELINE_UNREADABLE, "Cannot use the baseline file '" + file
                + "': " + problem + ". Give a JSON or YAML map of metric to value, like {\"latency_p95\": \"120ms\"}.",
                cause);
    }

    private static String abbreviate(final String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
