/**
 * Reactions: declarative rules that start a scenario or a bot when a message arrives, evaluated as pure code
 * (message and history in, decisions out) by every front-end, with loops cut by the causation chain and starts
 * throttled per rule.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.reaction;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
