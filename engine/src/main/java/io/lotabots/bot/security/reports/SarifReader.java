package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import edu.hm.hafner.analysis.parser.violations.SarifAdapter;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.reports.IssueJoin.Candidate;
import io.lotabots.bot.security.sarif.SarifReport;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads SARIF 2.1.0 of any tool through analysis-model's {@link SarifAdapter} (violations-lib). The adapter keeps
 * rule, file, line, message and a level-based severity (error and warning only); LotaBots' streaming pass adds
 * each run's tool name and version, the rule's GitHub {@code security-severity} (which keeps critical apart from
 * high), the tool's fingerprints, and, for SARIF that LotaBots wrote, the finding's own properties, so that
 * LotaBots' SARIF reads back into the same findings.
 */
final class SarifReader {
    /** The key of LotaBots' fingerprint in {@code partialFingerprints}. */
    static final String FINGERPRINT_KEY = SarifReport.FINGERPRINT_KEY;
    /** The key of LotaBots' property bag in a result's {@code properties}. */
    static final String PROPERTIES_KEY = SarifReport.PROPERTIES_KEY;

    /**
     * violations-lib warns through java.util.logging (logger "SarifParser") for every relative URI whose base id a
     * report does not define, which is what CodeQL and Semgrep write (%SRCROOT%): noise on the console of every
     * build. The static reference keeps the level from being lost when the logger is collected.
     */
    private static final Logger VIOLATIONS_SARIF_LOG = Logger.getLogger("SarifParser");
    private static final Pattern ADVISORY = Pattern.compile(
            "^(CVE-\\d{4}-\\d+|GHSA(-[a-z0-9]{4}){3}|[A-Z]+-\\d{4}-[0-9A-Za-z-]+)$");

    static {
        VIOLATIONS_SARIF_LOG.setLevel(Level.SEVERE);
    }

    private SarifReader() {
    }

    static List<SecurityFinding> read(final ReportContext context) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        try (JsonParser parser = context.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw context.wrongType(parser, "the report", "an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("runs".equals(name) && value != JsonToken.VALUE_NULL) {
                    context.expectArray(parser, "runs");
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() != JsonToken.START_OBJECT) {
                            throw context.wrongType(parser, "runs[" + index + "]", "an object");
                        }
                        run(context, parser, index, candidates);
                        index++;
                    }
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        if (context.tool() == null) {
            context.tool(ScannerFormat.SARIF.toolName(), null);
        }
        return IssueJoin.join(new SarifAdapter(), context, candidates,
                issue -> IssueJoin.key(issue.getType(), baseName(issue.getFileName()),
                        Integer.toString(issue.getLineStart())));
    }

    /**
     * Reads one run. Its results may come before its tool (Semgrep writes them first), so results are kept as
     * trees until the run ends.
     */
    private static void run(final ReportContext context, final JsonParser parser, final int index,
            final List<Candidate> candidates) throws IOException {
        JsonNode tool = MissingNode.getInstance();
        JsonNode artifacts = MissingNode.getInstance();
        List<JsonNode> results = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("results".equals(name) && value != JsonToken.VALUE_NULL) {
                context.forEachObject(parser, "runs[" + index + "].results", results::add);
            }
            else if ("tool".equals(name)) {
                tool = context.tree(parser);
            }
            else if ("artifacts".equals(name)) {
                artifacts = context.tree(parser);
            }
            else {
                parser.skipChildren();
            }
        }
        JsonNode driver = tool.path("driver");
        String toolName = driver.path("name").asText(ScannerFormat.SARIF.toolName());
        String version = driver.path("semanticVersion").asText(driver.path("version").asText(null));
        if (context.tool() == null) {
            context.tool(toolName, version);
        }
        List<JsonNode> rules = new ArrayList<>();
        driver.path("rules").forEach(rules::add);
        Map<String, JsonNode> rulesById = new HashMap<>();
        for (JsonNode rule : rules) {
            rulesById.putIfAbsent(rule.path("id").asText(""), rule);
        }
        int suppressed = 0;
        for (JsonNode result : results) {
            if (isSuppressed(result)) {
                suppressed++;
            }
            else {
                candidates.add(candidate(context, result, toolName, rules, rulesById, artifacts));
            }
        }
        if (suppressed > 0) {
            context.log().info(String.format(Locale.ROOT, "'%s': %d suppressed results of %s are left out",
                    context.report(), suppressed, toolName));
        }
    }

    /**
     * Returns whether a result is suppressed, as violations-lib (and so analysis-model) decides: it has any
     * suppression, even one whose status is {@code rejected}.
     */
    private static boolean isSuppressed(final JsonNode result) {
        JsonNode suppressions = result.path("suppressions");
        return suppressions.isArray() && !suppressions.isEmpty();
    }

    private static Candidate candidate(final ReportContext context, final JsonNode result, final String toolName,
            final List<JsonNode> rules, final Map<String, JsonNode> rulesById, final JsonNode artifacts) {
        JsonNode rule = MissingNode.getInstance();
        String ruleId = result.path("ruleId").asText(result.path("rule").path("id").asText(null));
        int ruleIndex = result.path("ruleIndex").asInt(result.path("rule").path("index").asInt(-1));
        if (ruleId != null) {
            rule = rulesById.getOrDefault(ruleId, MissingNode.getInstance());
        }
        else if (ruleIndex >= 0 && ruleIndex < rules.size()) {
            rule = rules.get(ruleIndex);
            ruleId = rule.path("id").asText(null);
        }
        if (ruleId == null) {
            ruleId = "-";
        }
        JsonNode physical = result.path("locations").path(0).path("physicalLocation");
        JsonNode artifactLocation = physical.path("artifactLocation");
        String uri = artifactLocation.path("uri").asText(null);
        if (uri == null && artifactLocation.has("index")) {
            uri = artifacts.path(artifactLocation.path("index").asInt()).path("location").path("uri").asText(null);
        }
        String file = context.workspaceFile(decode(uri), null);
        int line = Math.max(0, physical.path("region").path("startLine").asInt(0));
        String message = FindingText.oneLine(result.path("message").path("text").asText(
                rule.path("shortDescription").path("text").asText(ruleId)), FindingText.MAX_MESSAGE_LENGTH);
        JsonNode own = result.path("properties").path(PROPERTIES_KEY);
        SecurityFinding finding = own.isObject()
                ? ownFinding(result, own, ruleId, message, toolName, file, line)
                : foreignFinding(result, rule, ruleId, message, toolName, file, line);
        return new Candidate(IssueJoin.key(ruleId, baseName(uri == null ? "-" : decode(uri)),
                Integer.toString(line)), finding);
    }

    /**
     * Reads a result that LotaBots wrote: kind, severity, package and aliases come back from its property bag.
     */
    private static SecurityFinding ownFinding(final JsonNode result, final JsonNode own, final String ruleId,
            final String message, final String toolName, @CheckForNull final String file, final int line) {
        FindingKind kind = parseKind(own.path("kind").asText(""));
        Severity severity = Severities.ofWord(own.path("severity").asText(null));
        JsonNode pkgNode = own.path("package");
        PackageRef pkg = pkgNode.isObject() ? new PackageRef(pkgNode.path("ecosystem").asText(""),
                pkgNode.path("name").asText(""), pkgNode.path("version").asText("")) : null;
        List<String> aliases = new ArrayList<>();
        own.path("aliases").forEach(alias -> aliases.add(alias.asText()));
        String fingerprint = result.path("partialFingerprints").path(FINGERPRINT_KEY).asText(
                SecurityFinding.fingerprint("code", toolName, ruleId, file == null ? "" : file, message));
        return new SecurityFinding(kind, ruleId, severity, message, toolName, file, line, pkg,
                ReportContext.blankToNull(own.path("fixedVersion").asText(null)), aliases, fingerprint);
    }

    private static FindingKind parseKind(final String text) {
        for (FindingKind kind : FindingKind.values()) {
            if (kind.name().equals(text)) {
                return kind;
            }
        }
        return FindingKind.CODE;
    }

    /**
     * Reads a result of another tool. Severity: the rule's (or result's) {@code security-severity} score as GitHub
     * rates it, else the result's level, else the rule's default level, else {@code warning}.
     */
    private static SecurityFinding foreignFinding(final JsonNode result, final JsonNode rule, final String ruleId,
            final String message, final String toolName, @CheckForNull final String file, final int line) {
        Severity severity = Severities.first(
                Severities.ofScore(result.path("properties").path("security-severity").asText(null)),
                Severities.ofScore(rule.path("properties").path("security-severity").asText(null)),
                Severities.ofSarifLevel(result.path("level").asText(
                        rule.path("defaultConfiguration").path("level").asText(null))));
        FindingKind kind = ADVISORY.matcher(ruleId).matches() ? FindingKind.VULNERABILITY : FindingKind.CODE;
        String stable = stableFingerprint(result);
        String fingerprint = SecurityFinding.fingerprint(kind == FindingKind.CODE ? "code" : "vulnerability",
                toolName, ruleId, file == null ? "" : file, stable == null ? message : stable);
        return new SecurityFinding(kind, ruleId, severity, message, toolName, file, line, null, null, List.of(),
                fingerprint);
    }

    /**
     * Returns the tool's own line-independent fingerprint: a {@code fingerprints} entry (Semgrep's
     * {@code matchBasedId/v1}), else CodeQL's {@code primaryLocationLineHash} (a hash of the line's content),
     * else another partial fingerprint that names no line or column.
     */
    @CheckForNull
    private static String stableFingerprint(final JsonNode result) {
        TreeMap<String, String> full = sorted(result.path("fingerprints"));
        if (!full.isEmpty()) {
            return full.firstEntry().getKey() + "=" + full.firstEntry().getValue();
        }
        TreeMap<String, String> partial = sorted(result.path("partialFingerprints"));
        if (partial.containsKey("primaryLocationLineHash")) {
            return "primaryLocationLineHash=" + partial.get("primaryLocationLineHash");
        }
        for (Map.Entry<String, String> entry : partial.entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            if (!key.contains("line") && !key.contains("column")) {
                return entry.getKey() + "=" + entry.getValue();
            }
        }
        return null;
    }

    private static TreeMap<String, String> sorted(final JsonNode node) {
        TreeMap<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isValueNode()) {
                map.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return map;
    }

    /**
     * Decodes the percent escapes of a relative URI reference ({@code src/My%20File.java}); other URIs are left
     * for {@link ReportContext#workspaceFile}.
     */
    @CheckForNull
    private static String decode(@CheckForNull final String uri) {
        if (uri == null || uri.regionMatches(true, 0, "file:", 0, 5)) {
            return uri;
        }
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() != null || parsed.getPath() == null) {
                return uri;
            }
            return parsed.getPath();
        }
        catch (URISyntaxException e) {
            return uri;
        }
    }

    private static String baseName(@CheckForNull final String path) {
        if (path == null || path.isEmpty()) {
            return "-";
        }
        String text = path.replace('\\', '/');
        if (text.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                String decoded = new URI(text).getPath();
                text = decoded == null ? text : decoded;
            }
            catch (URISyntaxException e) {
                // keep the text
            }
        }
        int slash = text.lastIndexOf('/');
        return slash >= 0 ? text.substring(slash + 1) : text;
    }
}
