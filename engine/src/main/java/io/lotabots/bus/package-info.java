/**
 * The bus that carries messages between bots: publishing, subscriptions, queries and the append-only journal.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bus;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
