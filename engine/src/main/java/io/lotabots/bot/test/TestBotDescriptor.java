package io.lotabots.bot.test;

import io.lotabots.bot.Criticality;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.OptionType;

import java.util.List;

/**
 * TestBot's id, name, help and options, the one place the CLI ({@code lotabots test --min-coverage 80}) and the
 * Pipeline step ({@code testBot minCoverage: 80}) read them from.
 */
public final class TestBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "test";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "TestBot";

    private static final String FIXTURES_HELP = "test fixtures and the build's copies of them (src/test,"
            + " test-resources, fixtures, node_modules, target/test-classes, target/classes, build/resources) are read"
            + " only when a pattern names them.";

    /** The JUnit report patterns. */
    public static final BotOption<List<String>> JUNIT = BotOption.optional("junit", OptionType.STRING_LIST,
            List.of("**/target/surefire-reports/TEST-*.xml", "**/target/failsafe-reports/TEST-*.xml",
                    "**/build/test-results/**/*.xml"),
            "Ant-style patterns of JUnit XML reports (Surefire, Failsafe, Gradle, pytest, jest-junit,"
                    + " go-junit-report, xUnit.net), for example **/TEST-*.xml; " + FIXTURES_HELP);
    /** The exclude patterns. */
    public static final BotOption<List<String>> EXCLUDES = BotOption.optional("excludes", OptionType.STRING_LIST,
            List.of(), "Ant-style patterns of reports to leave out, for example **/legacy/**.");
    /** The coverage report patterns. */
    public static final BotOption<List<String>> COVERAGE = BotOption.optional("coverage", OptionType.STRING_LIST,
            List.of("**/target/site/jacoco*/jacoco.xml", "**/build/reports/jacoco/**/*.xml",
                    "**/target/site/cobertura/coverage.xml", "**/coverage.xml", "**/coverage/cobertura-coverage.xml",
                    "**/coverage/lcov.info"),
            "Ant-style patterns of coverage reports: JaCoCo XML, Cobertura XML or LCOV, for example"
                    + " target/site/jacoco/jacoco.xml; " + FIXTURES_HELP);
    /** The line coverage gate. */
    public static final BotOption<Double> MIN_COVERAGE = BotOption.optional("minCoverage", OptionType.DECIMAL,
            null, "Minimum line coverage in percent, for example 80; no gate by default.");
    /** The branch coverage gate. */
    public static final BotOption<Double> MIN_BRANCH_COVERAGE = BotOption.optional("minBranchCoverage",
            OptionType.DECIMAL, null, "Minimum branch coverage in percent, for example 60; no gate by default.");
    /** The criticality of the coverage gates. */
    public static final BotOption<String> COVERAGE_CRITICALITY = BotOption.optional("coverageCriticality",
            OptionType.choice("UNSTABLE", "FAILURE"), "UNSTABLE",
            "What a failed coverage gate does: UNSTABLE marks the run unstable, FAILURE fails it.");
    /** The failures gate. */
    public static final BotOption<Integer> MAX_FAILURES = BotOption.optional("maxFailures", OptionType.INTEGER, 0,
            "Most failed tests (failures and errors) allowed, for example 0.");
    /** The criticality of the failures gate. */
    public static final BotOption<String> FAILURE_CRITICALITY = BotOption.optional("failureCriticality",
            OptionType.choice("UNSTABLE", "FAILURE"), "FAILURE",
            "What more failed tests than maxFailures do: FAILURE fails the run (a deploy must not follow),"
                    + " UNSTABLE marks it unstable as the Jenkins JUnit plugin does.");
    /** Whether no results are acceptable. */
    public static final BotOption<Boolean> ALLOW_EMPTY = BotOption.optional("allowEmpty", OptionType.BOOLEAN,
            Boolean.FALSE, "Accept finding no test results; by default that fails the run.");
    /** The scope. */
    public static final BotOption<String> SCOPE = BotOption.optional("scope",
            OptionType.choice("all", "affected", "security", "smoke"), "all",
            "Which results count: all; affected (only modules changed since 'since', and for a Maven reactor the"
                    + " modules that depend on them); security or smoke (tests matching those patterns).");
    /** The git reference for the affected scope. */
    public static final BotOption<String> SINCE = BotOption.optional("since", OptionType.STRING, null,
            "Git reference the affected scope compares with, for example origin/main or HEAD~1.");
    /** The integration test patterns. */
    public static final BotOption<List<String>> INTEGRATION = BotOption.optional("integrationPatterns",
            OptionType.STRING_LIST, List.of("**/failsafe-reports/**", "*IT", "*ITCase", "*IntegrationTest"),
            "Reports (patterns with /) or suite and class names (* as wildcard) that are integration tests.");
    /** The end-to-end test patterns. */
    public static final BotOption<List<String>> E2E = BotOption.optional("e2ePatterns", OptionType.STRING_LIST,
            List.of("**/e2e/**", "*E2E*", "*e2e*", "*EndToEnd*"),
            "Reports or suite and class names that are end-to-end tests; they win over integration patterns.");
    /** The security test patterns. */
    public static final BotOption<List<String>> SECURITY = BotOption.optional("securityPatterns",
            OptionType.STRING_LIST, List.of("*Security*", "*security*"),
            "Reports or suite and class names that the security scope keeps.");
    /** The smoke test patterns. */
    public static final BotOption<List<String>> SMOKE = BotOption.optional("smokePatterns", OptionType.STRING_LIST,
            List.of("*Smoke*", "*smoke*"), "Reports or suite and class names that the smoke scope keeps.");

    private static final BotDescriptor<TestRequest> DESCRIPTOR = BotDescriptor.of(ID, NAME,
            "Reads JUnit and coverage reports, classifies unit, integration and end-to-end tests, applies the"
                    + " failure and coverage gates and announces test.completed.",
            List.of(JUNIT, EXCLUDES, COVERAGE, MIN_COVERAGE, MIN_BRANCH_COVERAGE, COVERAGE_CRITICALITY,
                    MAX_FAILURES, FAILURE_CRITICALITY, ALLOW_EMPTY, SCOPE, SINCE, INTEGRATION, E2E, SECURITY,
                    SMOKE),
            TestBotDescriptor::toRequest);

    private TestBotDescriptor() {
    }

    /**
     * Returns the descriptor.
     *
     * @return the descriptor
     */
    public static BotDescriptor<TestRequest> get() {
        return DESCRIPTOR;
    }

    private static TestRequest toRequest(final BotOptions options) {
        return new TestRequest(options.require(JUNIT), options.require(EXCLUDES), options.require(COVERAGE),
                options.get(MIN_COVERAGE), options.get(MIN_BRANCH_COVERAGE),
                Criticality.valueOf(options.require(COVERAGE_CRITICALITY)), options.require(MAX_FAILURES),
                Criticality.valueOf(options.require(FAILURE_CRITICALITY)), options.require(ALLOW_EMPTY),
                TestScope.valueOf(options.require(SCOPE).toUpperCase(java.util.Locale.ROOT)), options.get(SINCE),
                options.require(INTEGRATION), options.require(E2E), options.require(SECURITY),
                options.require(SMOKE));
    }
}
