/**
 * The Jenkins face of SecurityBot: its Pipeline step and its freestyle post-build action.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.security;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
