package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import edu.hm.hafner.analysis.parser.GrypeParser;

import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.reports.IssueJoin.Candidate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads {@code grype -o json} through analysis-model's {@link GrypeParser}. The parser keeps the id, the first
 * location, {@code name version} and a severity that folds critical into error; the scanned source (image or
 * folder), the package URL, the fixed versions, the related ids and Grype's severity word come from LotaBots'
 * streaming pass.
 */
final class GrypeReader {
    private static final String TOOL = ScannerFormat.GRYPE.toolName();
    private static final Set<String> OS_TYPES = Set.of("apk", "deb", "rpm", "alpm", "portage");

    private GrypeReader() {
    }

    static List<SecurityFinding> read(final ReportContext context) throws IOException {
        List<JsonNode> matches = new ArrayList<>();
        JsonNode source = MissingNode.getInstance();
        JsonNode descriptor = MissingNode.getInstance();
        JsonNode distro = MissingNode.getInstance();
        try (JsonParser parser = context.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw context.wrongType(parser, "the report", "an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("matches".equals(name) && value != JsonToken.VALUE_NULL) {
                    context.forEachObject(parser, "matches", matches::add);
                }
                else if ("source".equals(name)) {
                    source = context.tree(parser);
                }
                else if ("descriptor".equals(name)) {
                    descriptor = context.tree(parser);
                }
                else if ("distro".equals(name)) {
                    distro = context.tree(parser);
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        context.tool(TOOL, descriptor.path("version").asText(null));
        String sourceType = source.path("type").asText("");
        JsonNode sourceTarget = source.path("target");
        boolean image = "image".equals(sourceType);
        String base = null;
        if (image) {
            context.target(sourceTarget.path("userInput").asText(null));
        }
        else {
            String folder = sourceTarget.isTextual() ? sourceTarget.asText() : sourceTarget.path("path").asText(null);
            if ("file".equals(sourceType) && folder != null) {
                int slash = Math.max(folder.lastIndexOf('/'), folder.lastIndexOf('\\'));
                folder = slash >= 0 ? folder.substring(0, slash + 1) : null;
            }
            base = folder == null || folder.isBlank() || ".".equals(folder) ? null : folder;
        }
        String distroName = distro.path("name").asText("");

        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode match : matches) {
            if (match.has("vulnerability")) {
                candidates.add(candidate(context, match, image, base, distroName));
            }
        }
        return IssueJoin.join(new GrypeParser(), context, candidates,
                issue -> IssueJoin.key(issue.getType(), issue.getFileName(), issue.getPackageName()));
    }

    private static Candidate candidate(final ReportContext context, final JsonNode match, final boolean image,
            @CheckForNull final String base, final String distroName) {
        JsonNode vulnerability = match.path("vulnerability");
        JsonNode artifact = match.path("artifact");
        String id = vulnerability.path("id").asText("-");
        String name = artifact.path("name").asText("Unknown");
        String version = artifact.path("version").asText("");
        String type = artifact.path("type").asText("");
        String location = artifact.path("locations").path(0).path("path").asText("");
        PackageRef pkg = Purl.parse(artifact.path("purl").asText(null), version).orElseGet(() ->
                new PackageRef(OS_TYPES.contains(type) && !distroName.isEmpty() ? distroName
                        : Purl.ecosystemOfType(type), name, version));
        String file = null;
        if (!image && !location.isEmpty()) {
            file = context.workspaceFile(location.startsWith("/") ? location.substring(1) : location, base);
        }
        String title = vulnerability.path("description").asText(null);
        Set<String> aliases = new LinkedHashSet<>();
        for (JsonNode related : match.path("relatedVulnerabilities")) {
            String relatedId = related.path("id").asText("");
            if (!relatedId.isEmpty() && !relatedId.equals(id)) {
                aliases.add(relatedId);
            }
            if (title == null) {
                title = related.path("description").asText(null);
            }
        }
        JsonNode fix = vulnerability.path("fix");
        List<String> fixedVersions = new ArrayList<>();
        if ("fixed".equals(fix.path("state").asText(""))) {
            fix.path("versions").forEach(v -> fixedVersions.add(v.asText()));
        }
        String where = image ? imageText(context, location) : null;
        SecurityFinding finding = new SecurityFinding(FindingKind.VULNERABILITY, id,
                Severities.ofWord(vulnerability.path("severity").asText(null)),
                FindingText.vulnerability(id, pkg, name, where, title), TOOL, file, 0, pkg,
                fixedVersions.isEmpty() ? null : String.join(", ", fixedVersions), List.copyOf(aliases),
                SecurityFinding.vulnerabilityFingerprint(id, pkg.ecosystem(), pkg.name()));
        String packageName = version.isEmpty() ? name : name + " " + version;
        return new Candidate(IssueJoin.key(id, location.replace('\\', '/'), packageName), finding);
    }

    private static String imageText(final ReportContext context, final String location) {
        String target = context.target();
        String image = target == null ? "image" : target;
        return location.isEmpty() ? image : image + ", " + location;
    }
}
