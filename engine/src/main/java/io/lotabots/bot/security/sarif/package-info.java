/**
 * Writes SecurityBot's findings as a SARIF 2.1.0 log, one run per tool, as GitHub code scanning and other SARIF
 * viewers read it.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.sarif;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
