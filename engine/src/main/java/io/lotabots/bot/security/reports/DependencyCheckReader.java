package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import edu.hm.hafner.analysis.parser.OwaspDependencyCheckParser;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.reports.IssueJoin.Candidate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads OWASP Dependency-Check's JSON report ({@code dependency-check --format JSON}) through analysis-model's
 * {@link OwaspDependencyCheckParser}, which reads JSON only (Dependency-Check's XML report is not read). The
 * parser keeps the CVE, the jar's file name and a severity that folds {@code MODERATE} into high; the path, the
 * package URL, the severity word or CVSS score and the end of the matched version range come from LotaBots'
 * streaming pass.
 */
final class DependencyCheckReader {
    private static final String TOOL = ScannerFormat.DEPENDENCY_CHECK.toolName();

    private DependencyCheckReader() {
    }

    static List<SecurityFinding> read(final ReportContext context) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        String version = null;
        try (JsonParser parser = context.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw context.wrongType(parser, "the report", "an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("dependencies".equals(name) && value != JsonToken.VALUE_NULL) {
                    context.forEachObject(parser, "dependencies", node -> dependency(context, node, candidates));
                }
                else if ("scanInfo".equals(name)) {
                    version = context.tree(parser).path("engineVersion").asText(null);
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        context.tool(TOOL, version);
        return IssueJoin.join(new OwaspDependencyCheckParser(), context, candidates,
                issue -> IssueJoin.key(issue.getType(), issue.getFileName()));
    }

    private static void dependency(final ReportContext context, final JsonNode dependency,
            final List<Candidate> candidates) {
        if (!dependency.has("vulnerabilities")) {
            return;
        }
        String fileName = dependency.path("fileName").asText("-");
        String filePath = dependency.path("filePath").asText("");
        int query = filePath.indexOf('?');
        String path = query >= 0 ? filePath.substring(0, query) : filePath;
        PackageRef pkg = null;
        for (JsonNode entry : dependency.path("packages")) {
            pkg = Purl.parse(entry.path("id").asText(null), null).orElse(null);
            if (pkg != null) {
                break;
            }
        }
        for (JsonNode vulnerability : dependency.path("vulnerabilities")) {
            String file = context.workspaceFile(path, null);
            String id = vulnerability.path("name").asText("-");
            JsonNode v3 = vulnerability.path("cvssv3");
            JsonNode v2 = vulnerability.path("cvssv2");
            Severity severity = Severities.first(Severities.ofWord(vulnerability.path("severity").asText(null)),
                    Severities.ofWord(v3.path("baseSeverity").asText(null)),
                    Severities.ofScore(v3.path("baseScore").asText(null)),
                    v2.path("score").isNumber() ? Severity.ofCvssV2(v2.path("score").asDouble()) : Severity.UNKNOWN);
            Set<String> fixes = new LinkedHashSet<>();
            for (JsonNode software : vulnerability.path("vulnerableSoftware")) {
                JsonNode entry = software.path("software");
                if ("true".equals(entry.path("vulnerabilityIdMatched").asText(""))
                        && entry.hasNonNull("versionEndExcluding")) {
                    fixes.add(entry.path("versionEndExcluding").asText());
                }
            }
            String fingerprint = pkg == null ? SecurityFinding.fingerprint("vulnerability", id, "file", fileName)
                    : SecurityFinding.vulnerabilityFingerprint(id, pkg.ecosystem(), pkg.name());
            SecurityFinding finding = new SecurityFinding(FindingKind.VULNERABILITY, id, severity,
                    FindingText.vulnerability(id, pkg, fileName, null, vulnerability.path("description")
                            .asText(null)), TOOL, file, 0, pkg, fixes.isEmpty() ? null : String.join(", ", fixes),
                    List.of(), fingerprint);
            candidates.add(new Candidate(IssueJoin.key(id, fileName), finding));
        }
    }
}
