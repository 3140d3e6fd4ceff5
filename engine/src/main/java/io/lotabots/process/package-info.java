/**
 * Running external commands for bots: a small interface and the local implementation with timeouts and streamed,
 * masked output, and the environment cookies by which every process of a run is found and stopped.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.process;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
