package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import edu.hm.hafner.analysis.parser.TrivyParser;

import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.reports.IssueJoin.Candidate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads {@code trivy fs|image|repo --format json} (schema version 2, and the older top-level array of results)
 * through analysis-model's {@link TrivyParser}. The parser keeps of a vulnerability only the package name, id,
 * title and a severity that folds unknown into high; the target (lockfile or image), the package URL, the
 * installed and fixed versions and the severity word come from LotaBots' streaming pass. Trivy's own secret
 * findings, which the parser ignores, are read from that pass too, without their (already masked) match.
 */
final class TrivyReader {
    private static final String TOOL = ScannerFormat.TRIVY.toolName();
    private static final Set<String> IMAGE_TYPES = Set.of("container_image", "vm");

    private TrivyReader() {
    }

    static List<SecurityFinding> read(final ReportContext context) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        String artifactName = null;
        String artifactType = null;
        try (JsonParser parser = context.open()) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readResults(context, parser, results);
            }
            else if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("ArtifactName".equals(name) && value == JsonToken.VALUE_STRING) {
                        artifactName = parser.getText();
                    }
                    else if ("ArtifactType".equals(name) && value == JsonToken.VALUE_STRING) {
                        artifactType = parser.getText();
                    }
                    else if ("Results".equals(name) && value != JsonToken.VALUE_NULL) {
                        readResults(context, parser, results);
                    }
                    else {
                        parser.skipChildren();
                    }
                }
            }
            else {
                throw context.wrongType(parser, "the report", "an object");
            }
        }
        boolean image = artifactType != null && (IMAGE_TYPES.contains(artifactType)
                || "repository".equals(artifactType) && artifactName != null && artifactName.contains("://"));
        context.target(image ? artifactName : null);
        String base = image || artifactName == null || ".".equals(artifactName) ? null : artifactName;
        context.tool(TOOL, null);

        List<Candidate> candidates = new ArrayList<>();
        List<SecurityFinding> secrets = new ArrayList<>();
        for (JsonNode result : results) {
            String target = result.path("Target").asText("-");
            String type = result.path("Type").asText("");
            for (JsonNode vulnerability : result.path("Vulnerabilities")) {
                candidates.add(vulnerability(context, vulnerability, target, type, image, base));
            }
            for (JsonNode misconfiguration : result.path("Misconfigurations")) {
                candidates.add(misconfiguration(context, misconfiguration, target, image, base));
            }
            for (JsonNode secret : result.path("Secrets")) {
                secrets.add(secret(context, secret, target, image, base));
            }
        }
        List<SecurityFinding> findings = new ArrayList<>(IssueJoin.join(new TrivyParser(), context, candidates,
                issue -> IssueJoin.key(issue.getType(), issue.getFileName())));
        findings.addAll(secrets);
        return findings;
    }

    private static void readResults(final ReportContext context, final JsonParser parser,
            final List<JsonNode> results) throws IOException {
        context.forEachObject(parser, "Results", results::add);
    }

    private static Candidate vulnerability(final ReportContext context, final JsonNode vulnerability,
            final String target, final String type, final boolean image, @CheckForNull final String base) {
        String id = vulnerability.path("VulnerabilityID").asText("-");
        String name = vulnerability.path("PkgName").asText("-");
        String installed = vulnerability.path("InstalledVersion").asText("");
        PackageRef pkg = Purl.parse(vulnerability.path("PkgIdentifier").path("PURL").asText(null), installed)
                .orElseGet(() -> new PackageRef(Purl.ecosystemOfType(type), name, installed));
        String file = null;
        if (!image) {
            String pkgPath = ReportContext.blankToNull(vulnerability.path("PkgPath").asText(null));
            file = context.workspaceFile(pkgPath == null ? target : pkgPath, base);
        }
        List<String> references = new ArrayList<>();
        vulnerability.path("References").forEach(reference -> references.add(reference.asText("")));
        String title = vulnerability.path("Title").asText(vulnerability.path("Description").asText(null));
        SecurityFinding finding = new SecurityFinding(FindingKind.VULNERABILITY, id,
                Severities.ofWord(vulnerability.path("Severity").asText(null)),
                FindingText.vulnerability(id, pkg, name, image ? imageText(context, target) : null, title), TOOL, file,
                0, pkg,
                ReportContext.blankToNull(vulnerability.path("FixedVersion").asText(null)),
                FindingText.advisoryIds(id, references),
                SecurityFinding.vulnerabilityFingerprint(id, pkg.ecosystem(), pkg.name()));
        return new Candidate(IssueJoin.key(id, name), finding);
    }

    /**
     * Names the image and, when it is not the image itself, the target in it ({@code app/app.jar}).
     */
    private static String imageText(final ReportContext context, final String target) {
        String image = context.target();
        if (image == null || target.startsWith(image)) {
            return target;
        }
        return image + ", " + target;
    }

    private static Candidate misconfiguration(final ReportContext context, final JsonNode misconfiguration,
            final String target, final boolean image, @CheckForNull final String base) {
        String id = misconfiguration.path("ID").asText("-");
        String file = image ? null : context.workspaceFile(target, base);
        String message = FindingText.oneLine(misconfiguration.path("Title").asText(id) + ": "
                + misconfiguration.path("Message").asText(""), FindingText.MAX_MESSAGE_LENGTH);
        int line = Math.max(0, misconfiguration.path("CauseMetadata").path("StartLine").asInt(0));
        SecurityFinding finding = new SecurityFinding(FindingKind.CODE, id,
                Severities.ofWord(misconfiguration.path("Severity").asText(null)), message, TOOL, file, line,
                null, null, List.of(), SecurityFinding.fingerprint("code", TOOL, id, file == null ? target : file,
                        misconfiguration.path("Message").asText("")));
        return new Candidate(IssueJoin.key(id, target), finding);
    }

    private static SecurityFinding secret(final ReportContext context, final JsonNode secret, final String target,
            final boolean image, @CheckForNull final String base) {
        String ruleId = secret.path("RuleID").asText("-");
        String file = image ? null : context.workspaceFile(target, base);
        String title = secret.path("Title").asText(ruleId);
        // Trivy masks the secret in Match; only its hash enters the fingerprint, never the text itself.
        return new SecurityFinding(FindingKind.SECRET, ruleId,
                Severities.ofWord(secret.path("Severity").asText(null)),
                FindingText.oneLine("Secret found by Trivy rule " + ruleId + " (" + title + ")"
                        + (image ? " in " + imageText(context, target) : ""),
                        FindingText.MAX_MESSAGE_LENGTH),
                TOOL, file, Math.max(0, secret.path("StartLine").asInt(0)), null, null, List.of(),
                SecurityFinding.fingerprint("secret", TOOL, ruleId, file == null ? target : file,
                        SecurityFinding.fingerprint(secret.path("Match").asText(""))));
    }
}
