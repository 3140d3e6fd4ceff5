/**
 * The one root exception of the engine and the error codes that classify it.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.error;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
