package io.lotabots.bot.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Criticality;

import java.util.List;

/**
 * What TestBot reads and how it judges it. Built from options by {@link TestBotDescriptor}.
 *
 * @param junit patterns of JUnit XML reports
 * @param excludes patterns of reports to leave out
 * @param coverage patterns of coverage reports
 * @param minCoverage minimum line coverage in percent, or {@code null}
 * @param minBranchCoverage minimum branch coverage in percent, or {@code null}
 * @param coverageCriticality what a failed coverage gate does
 * @param maxFailures most failed tests allowed
 * @param failureCriticality what too many failed tests do
 * @param allowEmpty whether finding no results is fine
 * @param scope which results count
 * @param since the git reference of the affected scope, or {@code null}
 * @param integrationPatterns what integration tests look like
 * @param e2ePatterns what end-to-end tests look like
 * @param securityPatterns what the security scope keeps
 * @param smokePatterns what the smoke scope keeps
 */
public record TestRequest(List<String> junit, List<String> excludes, List<String> coverage,
        @CheckForNull Double minCoverage, @CheckForNull Double minBranchCoverage, Criticality coverageCriticality,
        int maxFailures, Criticality failureCriticality, boolean allowEmpty, TestScope scope,
        @CheckForNull String since, List<String> integrationPatterns, List<String> e2ePatterns,
        List<String> securityPatterns, List<String> smokePatterns) {
    /**
     * Checks and copies the values.
     */
    public TestRequest {
        junit = List.copyOf(junit);
        excludes = List.copyOf(excludes);
        coverage = List.copyOf(coverage);
        integrationPatterns = List.copyOf(integrationPatterns);
        e2ePatterns = List.copyOf(e2ePatterns);
        securityPatterns = List.copyOf(securityPatterns);
        smokePatterns = List.copyOf(smokePatterns);
        if (junit.isEmpty()) {
            throw new IllegalArgumentException("Give at least one JUnit report pattern, for example **/TEST-*.xml");
        }
        checkPercentage("minCoverage", minCoverage);
        checkPercentage("minBranchCoverage", minBranchCoverage);
        if (maxFailures < 0) {
            throw new IllegalArgumentException("maxFailures must not be negative, was " + maxFailures);
        }
    }

    private static void checkPercentage(final String option, @CheckForNull final Double value) {
        if (value != null && (value < 0 || value > 100)) {
            throw new IllegalArgumentException(option + " must be between 0 and 100, was " + value);
        }
    }
}
