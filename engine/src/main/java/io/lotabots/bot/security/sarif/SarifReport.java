package io.lotabots.bot.security.sarif;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Writes findings as a SARIF 2.1.0 log, streamed with Jackson: one run per tool ({@code lotabots-secrets},
 * {@code lotabots-dependencies}, each scanner whose report was read), each with its {@code tool.driver} (name,
 * version, information URI, rules) and its results.
 *
 * <ul>
 *     <li>A rule per rule id, with a short description, a help URI for advisory ids (NVD for {@code CVE-},
 *     GitHub for {@code GHSA-}, osv.dev for other OSV ids), and {@code properties.security-severity}, the score
 *     GitHub code scanning rates ({@code 9.5} critical, {@code 8.0} high, {@code 5.5} medium, {@code 2.0} low,
 *     {@code 0.0} none; absent when unknown), from the most severe of its results.</li>
 *     <li>A result per finding: {@code ruleId}, {@code ruleIndex}, {@code level} ({@code error} for critical and
 *     high, {@code warning} for medium and unknown, {@code note} for low, {@code none} for none), the message, the
 *     location relative to {@code %SRCROOT%} with its start line, {@code partialFingerprints} with LotaBots'
 *     line-independent fingerprint under {@value #FINGERPRINT_KEY}, and a {@value #PROPERTIES_KEY} property bag
 *     (kind, severity, package, fixed version, aliases) from which the SARIF reader gets the same finding back.
 *     A finding without a workspace file (an image's package) has no location.</li>
 *     <li>A secret appears only as the finding's message has it, masked; no snippet or region text is
 *     written.</li>
 * </ul>
 */
public final class SarifReport {
    /** The {@code $schema} written. */
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The key of LotaBots' fingerprint in a result's {@code partialFingerprints}. */
    public static final String FINGERPRINT_KEY = "lotabots/v1";
    /** The key of LotaBots' property bag in a result's {@code properties}. */
    public static final String PROPERTIES_KEY = "lotabots";
    /** The base id of every location: the workspace, the root of the sources. */
    public static final String SRCROOT = "%SRCROOT%";

    private static final int MAX_DESCRIPTION_LENGTH = 1000;
    private static final Pattern CVE = Pattern.compile("^CVE-\\d{4}-\\d{4,}$");
    private static final Pattern GHSA = Pattern.compile("^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$");
    private static final Pattern OSV_ID = Pattern.compile("^(PYSEC|RUSTSEC|GO|OSV|GSD|MAL|RSEC|DLA|DSA|USN|ALSA|"
            + "ALBA|ALEA|BIT|CURL|UVI|PSF|MGASA|openSUSE-SU|SUSE-SU|RLSA|RXSA|HSEC|LBSEC|CGA)-[A-Za-z0-9:._-]+$");

    private final Map<String, SarifTool> tools;

    private SarifReport(final Map<String, SarifTool> tools) {
        this.tools = tools;
    }

    /**
     * Returns a writer that knows SecurityBot's own two tools, so that their runs are written even without
     * findings (GitHub closes an alert only when a later run of the same tool no longer reports it).
     *
     * @return the writer
     */
    public static SarifReport create() {
        String version = SarifReport.class.getPackage().getImplementationVersion();
        Map<String, SarifTool> known = new LinkedHashMap<>();
        known.put(SarifTool.SECRETS, new SarifTool(SarifTool.SECRETS, version, null));
        known.put(SarifTool.DEPENDENCIES, new SarifTool(SarifTool.DEPENDENCIES, version, null));
        return new SarifReport(known);
    }

    /**
     * Returns a writer that also knows the given tool: its run is written even without findings, with its version
     * and information URI. A tool of the same name is replaced.
     *
     * @param tool the tool
     * @return the writer
     */
    public SarifReport withTool(final SarifTool tool) {
        Map<String, SarifTool> copy = new LinkedHashMap<>(tools);
        copy.put(tool.name(), tool);
        return new SarifReport(copy);
    }

    /**
     * Returns a writer that also knows the given tools.
     *
     * @param more the tools
     * @return the writer
     */
    public SarifReport withTools(final Collection<SarifTool> more) {
        SarifReport report = this;
        for (SarifTool tool : more) {
            report = report.withTool(tool);
        }
        return report;
    }

    /**
     * Writes the log to a file, through a temporary file next to it that replaces the file only when complete.
     *
     * @param findings the findings
     * @param file the file; its folder is created if missing
     * @throws LotaBotsException with {@link SarifErrorCode#WRITE_FAILED} if the file cannot be written
     */
    public void write(final List<SecurityFinding> findings, final Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        Path name = target.getFileName();
        if (folder == null || name == null) {
            throw LotaBotsException.of(SarifErrorCode.WRITE_FAILED, "Cannot write the SARIF report to '" + file
                    + "': it names no file. Give a file path such as security.sarif.");
        }
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, name.toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(findings, out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            deleteQuietly(temporary);
            throw LotaBotsException.of(SarifErrorCode.WRITE_FAILED, String.format(Locale.ROOT,
                    "Cannot write the SARIF report '%s': %s. Is the folder writable?", file, e.getMessage()), e);
        }
    }

    private static void deleteQuietly(@CheckForNull final Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException e) {
                // the write failed already; that failure is the one reported
            }
        }
    }

    /**
     * Writes the log to a stream, which is left open.
     *
     * @param findings the findings
     * @param out the stream
     * @throws IOException if the stream fails
     */
    public void write(final List<SecurityFinding> findings, final OutputStream out) throws IOException {
        Map<String, List<SecurityFinding>> byTool = new LinkedHashMap<>();
        tools.keySet().forEach(name -> byTool.put(name, new ArrayList<>()));
        for (SecurityFinding finding : findings) {
            byTool.computeIfAbsent(finding.tool(), name -> new ArrayList<>()).add(finding);
        }
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA_URI);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            for (Map.Entry<String, List<SecurityFinding>> run : byTool.entrySet()) {
                writeRun(json, tools.getOrDefault(run.getKey(), SarifTool.named(run.getKey())), run.getValue());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeRun(final JsonGenerator json, final SarifTool tool,
            final List<SecurityFinding> findings) throws IOException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (SecurityFinding finding : findings) {
            rules.computeIfAbsent(finding.ruleId(), id -> new Rule(rules.size(), finding)).add(finding);
        }
        json.writeStartObject();
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", tool.name());
        String version = tool.version();
        if (version != null) {
            json.writeStringField("version", version);
        }
        String informationUri = tool.informationUri();
        if (informationUri != null) {
            json.writeStringField("informationUri", informationUri);
        }
        json.writeArrayFieldStart("rules");
        for (Rule rule : rules.values()) {
            rule.write(json);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("results");
        for (SecurityFinding finding : findings) {
            writeResult(json, finding, rules.get(finding.ruleId()).index);
        }
        json.writeEndArray();
        json.writeStringField("columnKind", "utf16CodeUnits");
        json.writeEndObject();
    }

    private static void writeResult(final JsonGenerator json, final SecurityFinding finding, final int ruleIndex)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", finding.ruleId());
        json.writeNumberField("ruleIndex", ruleIndex);
        json.writeStringField("level", level(finding.severity()));
        json.writeObjectFieldStart("message");
        json.writeStringField("text", finding.message());
        json.writeEndObject();
        String file = finding.file();
        if (file != null) {
            json.writeArrayFieldStart("locations");
            json.writeStartObject();
            json.writeObjectFieldStart("physicalLocation");
            json.writeObjectFieldStart("artifactLocation");
            json.writeStringField("uri", uriOf(file));
            json.writeStringField("uriBaseId", SRCROOT);
            json.writeEndObject();
            if (finding.line() > 0) {
                json.writeObjectFieldStart("region");
                json.writeNumberField("startLine", finding.line());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(FINGERPRINT_KEY, finding.fingerprint());
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        json.writeObjectFieldStart(PROPERTIES_KEY);
        json.writeStringField("kind", finding.kind().name());
        json.writeStringField("severity", finding.severity().name());
        PackageRef pkg = finding.pkg();
        if (pkg != null) {
            json.writeObjectFieldStart("package");
            json.writeStringField("ecosystem", pkg.ecosystem());
            json.writeStringField("name", pkg.name());
            json.writeStringField("version", pkg.version());
            json.writeEndObject();
        }
        String fixedVersion = finding.fixedVersion();
        if (fixedVersion != null) {
            json.writeStringField("fixedVersion", fixedVersion);
        }
        if (!finding.aliases().isEmpty()) {
            json.writeArrayFieldStart("aliases");
            for (String alias : finding.aliases()) {
                json.writeString(alias);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /**
     * Returns the SARIF level of a severity: {@code error} for critical and high, {@code warning} for medium and
     * unknown, {@code note} for low, {@code none} for none.
     *
     * @param severity the severity
     * @return the level
     */
    public static String level(final Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM, UNKNOWN -> "warning";
            case LOW -> "note";
            case NONE -> "none";
        };
    }

    /**
     * Returns the {@code security-severity} GitHub code scanning rates as the severity: {@code 9.5}, {@code 8.0},
     * {@code 5.5}, {@code 2.0}, {@code 0.0}, or {@code null} for unknown.
     *
     * @param severity the severity
     * @return the score as text, or {@code null}
     */
    @CheckForNull
    public static String securitySeverity(final Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
            case NONE -> "0.0";
            case UNKNOWN -> null;
        };
    }

    /**
     * Returns the page that describes an advisory id, or {@code null} for other rule ids.
     *
     * @param ruleId the rule id
     * @return the address, or {@code null}
     */
    @CheckForNull
    public static String helpUri(final String ruleId) {
        if (CVE.matcher(ruleId).matches()) {
            return "https://nvd.nist.gov/vuln/detail/" + ruleId;
        }
        if (GHSA.matcher(ruleId).matches()) {
            return "https://github.com/advisories/" + ruleId;
        }
        if (OSV_ID.matcher(ruleId).matches()) {
            return "https://osv.dev/vulnerability/" + ruleId;
        }
        return null;
    }

    /**
     * Returns a relative path as a URI reference: {@code /} kept, spaces and other characters escaped.
     */
    private static String uriOf(final String file) {
        try {
            String first = file.contains("/") ? file.substring(0, file.indexOf('/')) : file;
            String path = first.contains(":") ? "./" + file : file;
            return new URI(null, null, path, null).toASCIIString();
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("A relative path is always a valid URI path: " + file, e);
        }
    }

    /**
     * A rule of a run: its index, the first finding (for the description) and the most severe severity.
     */
    private static final class Rule {
        private final int index;
        private final SecurityFinding first;
        private Severity severity;

        Rule(final int index, final SecurityFinding first) {
            this.index = index;
            this.first = first;
            this.severity = first.severity();
        }

        void add(final SecurityFinding finding) {
            if (rank(finding.severity()) < rank(severity)) {
                severity = finding.severity();
            }
        }

        /** CRITICAL ranks 0, UNKNOWN last: a known severity beats an unknown one. */
        private static int rank(final Severity value) {
            return value.ordinal();
        }

        void write(final JsonGenerator json) throws IOException {
            json.writeStartObject();
            json.writeStringField("id", first.ruleId());
            json.writeObjectFieldStart("shortDescription");
            json.writeStringField("text", description());
            json.writeEndObject();
            String help = helpUri(first.ruleId());
            if (help != null) {
                json.writeStringField("helpUri", help);
            }
            json.writeObjectFieldStart("properties");
            String score = securitySeverity(severity);
            if (score != null) {
                json.writeStringField("security-severity", score);
            }
            json.writeArrayFieldStart("tags");
            json.writeString("security");
            json.writeString(first.kind().name().toLowerCase(Locale.ROOT));
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }

        private String description() {
            String text = first.kind() == FindingKind.SECRET ? "Secret matching rule " + first.ruleId()
                    : first.message();
            return text.length() > MAX_DESCRIPTION_LENGTH ? text.substring(0, MAX_DESCRIPTION_LENGTH - 1) + "…"
                    : text;
        }
    }
}
