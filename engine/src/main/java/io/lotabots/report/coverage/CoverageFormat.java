package io.lotabots.report.coverage;

/**
 * The coverage report formats that {@link CoverageReader} reads.
 */
public enum CoverageFormat {
    /** JaCoCo's XML report ({@code jacoco.xml}, root element {@code <report>}). */
    JACOCO,
    /** Cobertura's XML report, as coverage.py, the cobertura-maven-plugin and many others write it. */
    COBERTURA,
    /** An LCOV tracefile ({@code lcov.info}), as lcov/geninfo, nyc, Jest and c8 write it. */
    LCOV
}
