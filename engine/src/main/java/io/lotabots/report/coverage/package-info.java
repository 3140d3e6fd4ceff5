/**
 * Reads JaCoCo, Cobertura and LCOV coverage reports into a {@link io.lotabots.report.coverage.CoverageSummary}.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
