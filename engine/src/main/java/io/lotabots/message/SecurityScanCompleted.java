package io.lotabots.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A security scan finished and the policy was applied.
 * The payload of the message type {@value #TYPE}.
 *
 * @param vulnerabilities number of findings per severity: critical, high, medium, low, unknown.
 * @param secretsFound number of secrets found.
 * @param status outcome of the policy.
 * @param newFindings findings not in the baseline.
 * @param fixedFindings baseline findings no longer present.
 * @param reportUrl where the SARIF report of all findings is stored.
 */
@MessageTypeInfo(name = SecurityScanCompleted.TYPE, version = 1)
@Doc("A security scan finished and the policy was applied.")
public record SecurityScanCompleted(
        @Doc(value = "Number of findings per severity: critical, high, medium, low, unknown; a plain number, as"
                + " the seed's messages write it, is read as that many of unknown severity.")
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonDeserialize(using = SeverityCounts.class)
        Map<String, Integer> vulnerabilities,
        @Doc(value = "Number of secrets found.") Integer secretsFound,
        @Doc(value = "Outcome of the policy.") String status,
        @Doc(value = "Findings not in the baseline.", optional = true) @CheckForNull Integer newFindings,
        @Doc(value = "Baseline findings no longer present.", optional = true) @CheckForNull Integer fixedFindings,
        @Doc(value = "Where the SARIF report of all findings is stored.", optional = true) @CheckForNull String reportUrl) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "security.scan_completed";
    private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low", "unknown");
    private static final Set<String> STATUS_VALUES = Set.of("pass", "fail");

    /**
     * Checks every field.
     */
    public SecurityScanCompleted {
        vulnerabilities = PayloadChecks.map(TYPE, "vulnerabilities",
                PayloadChecks.required(TYPE, "vulnerabilities", vulnerabilities));
        secretsFound = PayloadChecks.requiredNonNegative(TYPE, "secrets_found", secretsFound);
        status = PayloadChecks.requiredOneOf(TYPE, "status", status, STATUS_VALUES);
        newFindings = PayloadChecks.nonNegative(TYPE, "new_findings", newFindings);
        fixedFindings = PayloadChecks.nonNegative(TYPE, "fixed_findings", fixedFindings);
        reportUrl = PayloadChecks.optionalText(TYPE, "report_url", reportUrl);
        PayloadChecks.check(SEVERITIES.containsAll(vulnerabilities.keySet()), TYPE, "vulnerabilities",
                "keys must be among " + String.join(", ", SEVERITIES.stream().sorted().toList()) + "; were " + vulnerabilities.keySet());
        PayloadChecks.check(vulnerabilities.values().stream().allMatch(count -> count >= 0), TYPE, "vulnerabilities",
                "counts must not be negative");
    }

    /**
     * Reads the counts by severity, or a plain total (the seed's {@code "vulnerabilities": 0}) as that many of
     * unknown severity, so that both shapes stay valid.
     */
    static final class SeverityCounts extends JsonDeserializer<Map<String, Integer>> {
        @Override
        public Map<String, Integer> deserialize(final JsonParser parser, final DeserializationContext context)
                throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Map.of("unknown", parser.getIntValue());
            }
            return context.readValue(parser, context.getTypeFactory().constructMapType(Map.class, String.class,
                    Integer.class));
        }
    }
}
