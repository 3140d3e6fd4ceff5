package io.lotabots.bot.security.policy;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.PackageRef;
import io.lotabots.bot.security.findings.SecurityFinding;

import java.util.List;

/** Findings for policy tests. */
final class Findings {
    private Findings() {
    }

    static SecurityFinding vulnerability(final String id, final Severity severity, final String pkg) {
        return new SecurityFinding(FindingKind.VULNERABILITY, id, severity, pkg + " is affected by " + id,
                "lotabots-dependencies", "pom.xml", 12, new PackageRef("Maven", pkg, "1.0"), "1.1",
                List.of("CVE-" + id.hashCode()), SecurityFinding.vulnerabilityFingerprint(id, "Maven", pkg));
    }

    static SecurityFinding secret(final String rule, final String file) {
        return new SecurityFinding(FindingKind.SECRET, rule, Severity.HIGH, rule + " AKIA************MPLE",
                "lotabots-secrets", file, 3, null, null, List.of(), SecurityFinding.fingerprint(rule, file));
    }
}
