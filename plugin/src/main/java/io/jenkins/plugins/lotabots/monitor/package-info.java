/**
 * The Jenkins face of MonitorBot: its Pipeline step.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.monitor;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
