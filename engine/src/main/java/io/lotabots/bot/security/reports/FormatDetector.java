package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells the format of a report from its content: the first top-level field that only one format has decides
 * ({@code runs} or a SARIF {@code $schema}, {@code SchemaVersion}/{@code Results}, {@code matches},
 * {@code results}, {@code reportSchema}/{@code dependencies}); a top-level array is Gitleaks' (or Trivy's old
 * format, told apart by the fields of its first element). XML is recognised and refused.
 */
final class FormatDetector {
    private static final int PROBE_BYTES = 64;

    private FormatDetector() {
    }

    static ScannerFormat detect(final ReportContext context) throws IOException {
        try (JsonParser parser = context.open()) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return detectArray(context, parser);
            }
            if (first != JsonToken.START_OBJECT) {
                throw unknown(context, "it is no JSON object or array");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                Optional<ScannerFormat> format = byField(name, value == JsonToken.VALUE_STRING ? parser.getText() : "");
                if (format.isPresent()) {
                    return format.get();
                }
                parser.skipChildren();
            }
            throw unknown(context, "none of its top-level fields is one a known format has");
        }
    }

    private static Optional<ScannerFormat> byField(final String name, final String text) {
        return switch (name) {
            case "runs" -> Optional.of(ScannerFormat.SARIF);
            case "$schema" -> text.toLowerCase(Locale.ROOT).contains("sarif")
                    ? Optional.of(ScannerFormat.SARIF) : Optional.empty();
            case "SchemaVersion", "ArtifactName", "ArtifactType", "Results" -> Optional.of(ScannerFormat.TRIVY);
            case "matches" -> Optional.of(ScannerFormat.GRYPE);
            case "results" -> Optional.of(ScannerFormat.OSV_SCANNER);
            case "reportSchema", "scanInfo", "dependencies" -> Optional.of(ScannerFormat.DEPENDENCY_CHECK);
            default -> Optional.empty();
        };
    }

    private static ScannerFormat detectArray(final ReportContext context, final JsonParser parser)
            throws IOException {
        JsonToken element = parser.nextToken();
        if (element == JsonToken.END_ARRAY) {
            return ScannerFormat.GITLEAKS; // gitleaks writes [] when it finds nothing
        }
        if (element == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("RuleID".equals(name) || "Secret".equals(name) || "Match".equals(name)) {
                    return ScannerFormat.GITLEAKS;
                }
                if ("Target".equals(name) || "Vulnerabilities".equals(name)) {
                    return ScannerFormat.TRIVY;
                }
                parser.skipChildren();
            }
        }
        throw unknown(context, "it is an array whose first element is no Gitleaks leak and no Trivy result");
    }

    /**
     * Refuses XML before any parser sees it: no format LotaBots reads is XML, so no DTD, external entity or entity
     * expansion (XXE, billion laughs) is ever processed.
     */
    static void refuseXml(final ReportContext context) throws IOException {
        byte[] head = new byte[PROBE_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(context.file())) {
            length = in.readNBytes(head, 0, head.length);
        }
        int start = 0;
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        while (start < length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (start < length && head[start] == '<') {
            throw LotaBotsException.of(ReportErrorCode.UNKNOWN_FORMAT, String.format(Locale.ROOT,
                    "Cannot read scanner report '%s': it is XML, and LotaBots reads scanner reports as JSON or SARIF"
                            + " only (the XML was not parsed). For OWASP Dependency-Check, write the JSON report"
                            + " with --format JSON (or ALL) and give dependency-check-report.json.",
                    context.report()));
        }
        if (length == 0) {
            throw LotaBotsException.of(ReportErrorCode.MALFORMED, String.format(Locale.ROOT,
                    "Cannot read scanner report '%s': the file is empty. Did the scanner fail before writing it?",
                    context.report()));
        }
    }

    private static LotaBotsException unknown(final ReportContext context, final String why) {
        return LotaBotsException.of(ReportErrorCode.UNKNOWN_FORMAT, String.format(Locale.ROOT,
                "Cannot tell the format of scanner report '%s': %s. LotaBots reads SARIF 2.1.0, Trivy, Grype,"
                        + " OSV-Scanner, Dependency-Check and Gitleaks JSON; name the format explicitly as"
                        + " FORMAT:PATH (for example trivy:%s) if the report is one of them.", context.report(),
                why, context.report()));
    }
}
