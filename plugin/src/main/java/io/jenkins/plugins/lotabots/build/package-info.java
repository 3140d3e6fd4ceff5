/**
 * The Jenkins face of BuildBot: its Pipeline step.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.build;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
