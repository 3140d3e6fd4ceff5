package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads {@code osv-scanner --format json}. analysis-model 13.18.0 has no parser for it, so LotaBots streams it
 * with Jackson: one result per scanned lockfile, one finding per group of aliased advisories (OSV-Scanner lists a
 * {@code GHSA-...} and the {@code PYSEC-...} of the same flaw as two records and joins them in a group), with the
 * group's highest CVSS score as its severity.
 */
final class OsvScannerReader {
    private static final String TOOL = ScannerFormat.OSV_SCANNER.toolName();

    private OsvScannerReader() {
    }

    static List<SecurityFinding> read(final ReportContext context) throws IOException {
        List<SecurityFinding> findings = new ArrayList<>();
        try (JsonParser parser = context.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw context.wrongType(parser, "the report", "an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("results".equals(name) && value != JsonToken.VALUE_NULL) {
                    context.forEachObject(parser, "results", node -> result(context, node, findings));
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        context.tool(TOOL, null);
        return findings;
    }

    private static void result(final ReportContext context, final JsonNode result,
            final List<SecurityFinding> findings) {
        String file = result.path("source").path("path").asText(null);
        for (JsonNode entry : result.path("packages")) {
            JsonNode pkgNode = entry.path("package");
            String name = pkgNode.path("name").asText("-");
            String version = pkgNode.path("version").asText("");
            String ecosystem = pkgNode.path("ecosystem").asText("");
            PackageRef pkg = new PackageRef(ecosystem, name, version);
            List<JsonNode> vulnerabilities = new ArrayList<>();
            entry.path("vulnerabilities").forEach(vulnerabilities::add);
            JsonNode groups = entry.path("groups");
            if (groups.isArray() && !groups.isEmpty()) {
                for (JsonNode group : groups) {
                    List<String> ids = new ArrayList<>();
                    group.path("ids").forEach(id -> ids.add(id.asText()));
                    if (!ids.isEmpty()) {
                        Set<String> aliases = new LinkedHashSet<>();
                        group.path("aliases").forEach(alias -> aliases.add(alias.asText()));
                        ids.forEach(aliases::add);
                        findings.add(finding(pkg, context.workspaceFile(file, null), ids.get(0), aliases, vulnerabilities,
                                Severities.ofScore(group.path("max_severity").asText(null))));
                    }
                }
            }
            else {
                for (JsonNode vulnerability : vulnerabilities) {
                    Set<String> aliases = new LinkedHashSet<>();
                    vulnerability.path("aliases").forEach(alias -> aliases.add(alias.asText()));
                    findings.add(finding(pkg, context.workspaceFile(file, null), vulnerability.path("id").asText("-"), aliases,
                            vulnerabilities, Severity.UNKNOWN));
                }
            }
        }
    }

    private static SecurityFinding finding(final PackageRef pkg, @CheckForNull final String file, final String id,
            final Set<String> aliases, final List<JsonNode> vulnerabilities, final Severity groupSeverity) {
        JsonNode record = vulnerabilities.stream().filter(v -> id.equals(v.path("id").asText()))
                .findFirst().orElse(null);
        Severity severity = groupSeverity;
        String title = null;
        Set<String> fixes = new LinkedHashSet<>();
        if (record != null) {
            severity = Severities.first(groupSeverity,
                    Severities.ofWord(record.path("database_specific").path("severity").asText(null)));
            title = record.path("summary").asText(record.path("details").asText(null));
            for (JsonNode affected : record.path("affected")) {
                if (pkg.name().equals(affected.path("package").path("name").asText())) {
                    for (JsonNode range : affected.path("ranges")) {
                        for (JsonNode event : range.path("events")) {
                            if (event.hasNonNull("fixed")) {
                                fixes.add(event.path("fixed").asText());
                            }
                        }
                    }
                }
            }
        }
        aliases.remove(id);
        return new SecurityFinding(FindingKind.VULNERABILITY, id, severity,
                FindingText.vulnerability(id, pkg, pkg.name(), null, title), TOOL, file, 0, pkg,
                fixes.isEmpty() ? null : String.join(", ", fixes), List.copyOf(aliases),
                SecurityFinding.vulnerabilityFingerprint(id, pkg.ecosystem(), pkg.name()));
    }
}
