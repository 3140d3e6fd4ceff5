/**
 * The message catalogue: the envelope, one typed and validated payload per message type, JSON and CloudEvents forms.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
