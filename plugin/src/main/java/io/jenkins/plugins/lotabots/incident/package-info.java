/**
 * The Jenkins face of IncidentBot: its Pipeline step, its freestyle post-build action that opens an incident when a
 * build fails, and the controller's incident store that both share with the build pages.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.incident;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
