/**
 * Small pieces shared by three or more features: durations, secret masking and bounded logs.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.util;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
