/**
 * The LotaBots pipeline library, bundled with the plugin and offered to every Pipeline as {@code @Library('lotabots')}.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.library;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
