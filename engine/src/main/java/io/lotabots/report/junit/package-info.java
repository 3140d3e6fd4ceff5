/**
 * Streams JUnit XML test reports (Surefire, Failsafe, Gradle, pytest, jest-junit, go-junit-report, xUnit.net v2)
 * into bounded summaries of counts, durations and failures.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.report.junit;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
