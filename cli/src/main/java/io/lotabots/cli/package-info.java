/**
 * The {@code lotabots} command line: every bot and scenario without Jenkins.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
