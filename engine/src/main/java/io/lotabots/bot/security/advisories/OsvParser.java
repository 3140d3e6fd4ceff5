package io.lotabots.bot.security.advisories;

import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.bot.security.advisories.OsvAdvisory.Affected;
import io.lotabots.bot.security.advisories.OsvAdvisory.Event;
import io.lotabots.bot.security.advisories.OsvAdvisory.EventKind;
import io.lotabots.bot.security.advisories.OsvAdvisory.Range;
import io.lotabots.bot.security.advisories.OsvAdvisory.RangeType;

import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns the JSON tree of one OSV record into an {@link OsvAdvisory}. Problems throw an
 * {@link IllegalArgumentException} whose message names the JSON path, for example {@code affected[0].ranges[1]}.
 */
final class OsvParser {
    private OsvParser() {
    }

    static OsvAdvisory parse(final JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("the document is no JSON object");
        }
        String id = text(root, "id", "id");
        List<String> aliases = texts(root.path("aliases"), "aliases");
        JsonNode summaryNode = root.path("summary");
        String summary = summaryNode.isTextual() ? summaryNode.asText() : "";
        List<Affected> affected = new ArrayList<>();
        JsonNode affectedNode = root.path("affected");
        if (!affectedNode.isMissingNode() && !affectedNode.isNull()) {
            if (!affectedNode.isArray()) {
                throw new IllegalArgumentException("'affected' is no array");
            }
            for (int i = 0; i < affectedNode.size(); i++) {
                affected.add(affected(affectedNode.get(i), "affected[" + i + "]"));
            }
        }
        double[] score = new double[1];
        Severity severity = severity(root, score);
        return new OsvAdvisory(id, aliases, summary, severity,
                Double.isNaN(score[0]) ? OptionalDouble.empty() : OptionalDouble.of(score[0]), affected);
    }

    private static Severity severity(final JsonNode root, final double[] score) {
        score[0] = Double.NaN;
        String v2 = null;
        JsonNode severities = root.path("severity");
        for (int i = 0; i < severities.size(); i++) {
            JsonNode entry = severities.get(i);
            String type = entry.path("type").asText("");
            String vector = text(entry, "score", "severity[" + i + "].score");
            if ("CVSS_V3".equals(type)) {
                double base = baseScore(vector, "severity[" + i + "].score");
                score[0] = base;
                return Severity.ofCvssV3(base);
            }
            if ("CVSS_V2".equals(type)) {
                v2 = vector;
            }
        }
        Optional<Severity> database = Severity.ofText(root.path("database_specific").path("severity").asText(""));
        if (database.isPresent()) {
            return database.get();
        }
        if (v2 != null) {
            double base = baseScore(v2, "severity");
            score[0] = base;
            return Severity.ofCvssV2(base);
        }
        return Severity.UNKNOWN;
    }

    private static double baseScore(final String vector, final String path) {
        try {
            Cvss cvss = Cvss.fromVector(vector);
            if (cvss == null) {
                throw new IllegalArgumentException("'" + path + "' is no CVSS vector: '" + vector + "'");
            }
            return cvss.calculateScore().getBaseScore();
        }
        catch (MalformedVectorException exception) {
            throw new IllegalArgumentException("'" + path + "' is no valid CVSS vector: " + exception.getMessage(),
                    exception);
        }
    }

    private static Affected affected(final JsonNode node, final String path) {
        JsonNode pkg = node.path("package");
        String ecosystem = text(pkg, "ecosystem", path + ".package.ecosystem");
        String name = text(pkg, "name", path + ".package.name");
        List<Range> ranges = new ArrayList<>();
        JsonNode rangesNode = node.path("ranges");
        for (int i = 0; i < rangesNode.size(); i++) {
            ranges.add(range(rangesNode.get(i), path + ".ranges[" + i + "]"));
        }
        return new Affected(ecosystem, name, ranges, texts(node.path("versions"), path + ".versions"));
    }

    private static Range range(final JsonNode node, final String path) {
        String typeName = text(node, "type", path + ".type");
        RangeType type;
        try {
            type = RangeType.valueOf(typeName);
        }
        catch (IllegalArgumentException exception) {
            throw new IllegalArgumentException("'" + path + ".type' is '" + typeName
                    + "', expected ECOSYSTEM, SEMVER or GIT", exception);
        }
        JsonNode eventsNode = node.path("events");
        if (!eventsNode.isArray() || eventsNode.isEmpty()) {
            throw new IllegalArgumentException("'" + path + ".events' must be a non-empty array");
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < eventsNode.size(); i++) {
            events.add(event(eventsNode.get(i), path + ".events[" + i + "]"));
        }
        return new Range(type, events);
    }

    private static Event event(final JsonNode node, final String path) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("'" + path
                    + "' must be an object with exactly one of introduced, fixed, last_affected or limit");
        }
        String field = node.fieldNames().next();
        EventKind kind;
        switch (field) {
            case "introduced":
                kind = EventKind.INTRODUCED;
                break;
            case "fixed":
                kind = EventKind.FIXED;
                break;
            case "last_affected":
                kind = EventKind.LAST_AFFECTED;
                break;
            case "limit":
                kind = EventKind.LIMIT;
                break;
            default:
                throw new IllegalArgumentException("'" + path + "' has the unknown event '" + field
                        + "', expected introduced, fixed, last_affected or limit");
        }
        return new Event(kind, text(node, field, path + "." + field));
    }

    private static String text(final JsonNode node, final String field, final String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("'" + path + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static List<String> texts(final JsonNode node, final String path) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + path + "' is no array");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isTextual()) {
                throw new IllegalArgumentException("'" + path + "[" + i + "]' must be a string");
            }
            values.add(value.asText());
        }
        return values;
    }
}
