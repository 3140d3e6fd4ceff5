/**
 * Reads the reports of the security scanners teams already run (SARIF 2.1.0 of any static analyser, Trivy, Grype,
 * OSV-Scanner, OWASP Dependency-Check, Gitleaks) into {@link io.lotabots.bot.security.findings.SecurityFinding}s,
 * through analysis-model's parsers where it has one, confined to the workspace and bounded in size.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.reports;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
