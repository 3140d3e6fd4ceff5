package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Set;

/**
 * A newly published advisory was checked against this codebase.
 * The payload of the message type {@value #TYPE}.
 *
 * @param advisoryId identifier of the advisory, for example CVE-2021-44228 or GHSA-jfh8-c2jp-5v3q.
 * @param affected whether this codebase uses an affected version.
 * @param packageName the affected package, for example org.apache.logging.log4j:log4j-core.
 * @param version the version in use.
 * @param severity severity of the advisory.
 * @param locations files that declare the affected package.
 */
@MessageTypeInfo(name = SecurityCveAlert.TYPE, version = 1)
@Doc("A newly published advisory was checked against this codebase.")
public record SecurityCveAlert(
        @Doc(value = "Identifier of the advisory, for example CVE-2021-44228 or GHSA-jfh8-c2jp-5v3q.") String advisoryId,
        @Doc(value = "Whether this codebase uses an affected version.") Boolean affected,
        @Doc(value = "The affected package, for example org.apache.logging.log4j:log4j-core.", optional = true) @CheckForNull String packageName,
        @Doc(value = "The version in use.", optional = true) @CheckForNull String version,
        @Doc(value = "Severity of the advisory.", optional = true) @CheckForNull String severity,
        @Doc(value = "Files that declare the affected package.", optional = true) List<String> locations) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "security.cve_alert";
    private static final Set<String> SEVERITY_VALUES = Set.of("critical", "high", "medium", "low", "unknown");

    /**
     * Checks every field.
     */
    public SecurityCveAlert {
        advisoryId = PayloadChecks.requiredText(TYPE, "advisory_id", advisoryId);
        affected = PayloadChecks.required(TYPE, "affected", affected);
        packageName = PayloadChecks.optionalText(TYPE, "package_name", packageName);
        version = PayloadChecks.optionalText(TYPE, "version", version);
        severity = PayloadChecks.oneOf(TYPE, "severity", severity, SEVERITY_VALUES);
        locations = PayloadChecks.list(TYPE, "locations", locations);
    }
}
