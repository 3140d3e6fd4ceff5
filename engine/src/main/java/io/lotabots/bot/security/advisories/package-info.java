/**
 * Matches dependencies against an offline advisory database in OSV JSON format, with the version ordering of each
 * ecosystem.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.advisories;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
