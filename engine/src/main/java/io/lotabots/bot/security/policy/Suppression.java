package io.lotabots.bot.security.policy;

import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One accepted finding: what it matches, why it is accepted, until when. It matches a finding whose rule or
 * advisory id, one of its aliases, or its fingerprint equals {@code id}, and, when given, whose file matches the
 * {@code path} glob and whose package name equals {@code packageName}.
 *
 * @param id a rule or advisory id ({@code CVE-2021-44228}, {@code GHSA-...}, {@code aws-access-key-id}) or a
 *     fingerprint
 * @param path a glob over the finding's file ({@code src/test/**}), or {@code null} for any
 * @param packageName the package name a vulnerability must have, or {@code null} for any
 * @param reason why it is accepted; required
 * @param expires the last day it holds, or {@code null} for no end
 * @param origin where it was written, {@code file:line}, for messages
 */
public record Suppression(String id, @CheckForNull String path, @CheckForNull String packageName, String reason,
        @CheckForNull LocalDate expires, String origin) {
    /**
     * Checks the values.
     */
    public Suppression {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Returns whether this suppression matches a finding, expired or not.
     *
     * @param finding the finding
     * @return whether it matches
     */
    public boolean matches(final SecurityFinding finding) {
        boolean idMatches = id.equalsIgnoreCase(finding.ruleId()) || id.equalsIgnoreCase(finding.fingerprint())
                || finding.aliases().stream().anyMatch(id::equalsIgnoreCase);
        if (!idMatches) {
            return false;
        }
        PackageRef pkg = finding.pkg();
        if (packageName != null && (pkg == null || !packageName.equals(pkg.name()))) {
            return false;
        }
        if (path != null) {
            String file = finding.file();
            if (file == null) {
                return false;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
            return matcher.matches(Path.of(file));
        }
        return true;
    }

    /**
     * Returns whether this suppression no longer holds on a day: the day after its expiry date and later.
     *
     * @param today the day
     * @return whether it has expired
     */
    public boolean isExpiredOn(final LocalDate today) {
        return expires != null && today.isAfter(expires);
    }
}
