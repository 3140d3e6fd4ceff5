/**
 * SecurityBot: secrets in the workspace, vulnerable dependencies against an offline OSV database, the reports of
 * the scanners a team already runs, one policy over all of them (severity gate, new versus known, suppressions
 * with expiry), a SARIF report of every finding, and CVE alerts.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
