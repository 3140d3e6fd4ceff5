package io.lotabots.bot.security.findings;

import io.lotabots.bot.security.advisories.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A security finding of any source. It never holds a secret in clear: a secret finding's {@code message} carries
 * the masked value only.
 *
 * @param kind what the finding is about
 * @param ruleId the rule, advisory or check id ({@code aws-access-key-id}, {@code GHSA-...}, {@code CVE-...},
 *     {@code java/sql-injection})
 * @param severity the severity
 * @param message one line for people, naming what was found and where
 * @param tool what found it: {@code lotabots-secrets}, {@code lotabots-dependencies}, or the scanner's name
 * @param file the file, relative to the workspace with {@code /}, or {@code null} (an image layer, say)
 * @param line the line from 1, or 0 when not known
 * @param pkg the affected package of a vulnerability, or {@code null}
 * @param fixedVersion the first version that fixes it, or {@code null}
 * @param aliases other ids of the same advisory ({@code CVE-...} for a {@code GHSA-...})
 * @param fingerprint stable identity across runs, for baselines and new/fixed comparison: does not change when
 *     the finding moves to another line
 */
public record SecurityFinding(FindingKind kind, String ruleId, Severity severity, String message, String tool,
        @CheckForNull String file, int line, @CheckForNull PackageRef pkg, @CheckForNull String fixedVersion,
        List<String> aliases, String fingerprint) {
    /**
     * Checks the values.
     */
    public SecurityFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(fingerprint, "fingerprint");
        aliases = List.copyOf(aliases);
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /**
     * Returns the fingerprint of a vulnerability: the advisory and the package name, not the version, so that a
     * finding that survives an upgrade to another still-affected version stays the same finding.
     *
     * @param ruleId the advisory id
     * @param ecosystem the ecosystem
     * @param name the package name
     * @return the hex SHA-256 fingerprint
     */
    public static String vulnerabilityFingerprint(final String ruleId, final String ecosystem, final String name) {
        return fingerprint("vulnerability", ruleId, ecosystem, name);
    }

    /**
     * Returns a hex SHA-256 of the parts, separated so that no two lists of parts give the same input.
     *
     * @param parts the parts
     * @return the fingerprint
     */
    public static String fingerprint(final String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * Returns where the finding is: {@code file:line}, the file alone, the package, or the tool.
     *
     * @return the location text
     */
    public String location() {
        if (file != null) {
            return line > 0 ? file + ":" + line : file;
        }
        return pkg != null ? pkg.toString() : tool;
    }
}
