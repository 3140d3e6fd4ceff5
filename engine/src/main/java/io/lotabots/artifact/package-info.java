/**
 * Artifact stores: where build outputs are kept, as a small interface with a local-folder and an S3-compatible
 * implementation.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.artifact;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
