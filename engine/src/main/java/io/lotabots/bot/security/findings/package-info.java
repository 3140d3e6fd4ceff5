/**
 * The one shape every security finding takes, whatever found it: SecurityBot's secret scanner, its dependency
 * matcher, or a scanner report (SARIF, Trivy, Grype, OSV-Scanner, Dependency-Check, Gitleaks). The policy, the
 * baseline comparison and the SARIF output work on this shape only.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.findings;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
