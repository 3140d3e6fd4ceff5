/**
 * Plugin-wide pieces of LotaBots: global configuration, credentials lookup and facades over Jenkins.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
