/**
 * TestBot: reads the test and coverage reports a build wrote, classifies the tests, applies the gates and emits
 * {@code test.completed}.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.test;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
