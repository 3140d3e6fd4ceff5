/**
 * JMH benchmarks of the message journal (and the generator of the realistic journals they read) and of the test and
 * coverage report parsers.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
