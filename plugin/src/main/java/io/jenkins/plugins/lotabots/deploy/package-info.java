/**
 * The Jenkins face of DeployBot: its Pipeline step.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.deploy;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
