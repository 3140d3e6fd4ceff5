/**
 * IncidentBot: incidents with stable ids, severities, a lifecycle and a timeline, kept in a store shared by
 * everything that acts on them.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
