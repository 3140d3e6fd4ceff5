package io.jenkins.plugins.lotabots.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.BotStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code testBot} Pipeline step: runs TestBot with the options of its engine descriptor,
 * named and typed as there (docs/BOTS.md). Reads JUnit and coverage reports, classifies unit, integration and end-to-end tests, applies the failure and coverage gates and announces test.completed.
 */
public class TestBotStep extends BotStep {
    /** The engine bot's id. */
    static final String BOT_ID = "test";

    @CheckForNull
    private List<String> junit;
    @CheckForNull
    private List<String> excludes;
    @CheckForNull
    private List<String> coverage;
    @CheckForNull
    private Double minCoverage;
    @CheckForNull
    private Double minBranchCoverage;
    @CheckForNull
    private String coverageCriticality;
    @CheckForNull
    private Integer maxFailures;
    @CheckForNull
    private String failureCriticality;
    @CheckForNull
    private Boolean allowEmpty;
    @CheckForNull
    private String scope;
    @CheckForNull
    private String since;
    @CheckForNull
    private List<String> integrationPatterns;
    @CheckForNull
    private List<String> e2ePatterns;
    @CheckForNull
    private List<String> securityPatterns;
    @CheckForNull
    private List<String> smokePatterns;

    /**
     * Creates the step; every option is optional and set through its setter.
     */
    @DataBoundConstructor
    public TestBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code junit}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getJunit() {
        return junit;
    }

    /**
     * Sets option {@code junit}: Ant-style patterns of JUnit XML reports (Surefire, Failsafe, Gradle, pytest, jest-junit, go-junit-report, xUnit.net), for example **&#47;TEST-*.xml; test fixtures and the build's copies of them (src/test, test-resources, fixtures, node_modules, target/test-classes, target/classes, build/resources) are read only when a pattern names them. Default: {@code ['**&#47;target&#47;surefire-reports/TEST-*.xml', '**&#47;target&#47;failsafe-reports/TEST-*.xml', '**&#47;build&#47;test-results/**&#47;*.xml']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setJunit(@CheckForNull final List<String> value) {
        this.junit = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code excludes}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getExcludes() {
        return excludes;
    }

    /**
     * Sets option {@code excludes}: Ant-style patterns of reports to leave out, for example **&#47;legacy/**. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setExcludes(@CheckForNull final List<String> value) {
        this.excludes = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code coverage}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getCoverage() {
        return coverage;
    }

    /**
     * Sets option {@code coverage}: Ant-style patterns of coverage reports: JaCoCo XML, Cobertura XML or LCOV, for example target/site/jacoco/jacoco.xml; test fixtures and the build's copies of them (src/test, test-resources, fixtures, node_modules, target/test-classes, target/classes, build/resources) are read only when a pattern names them. Default: {@code ['**&#47;target&#47;site&#47;jacoco*&#47;jacoco.xml', '**&#47;build&#47;reports&#47;jacoco/**&#47;*.xml', '**&#47;target&#47;site&#47;cobertura&#47;coverage.xml', '**&#47;coverage.xml', '**&#47;coverage&#47;cobertura-coverage.xml', '**&#47;coverage&#47;lcov.info']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCoverage(@CheckForNull final List<String> value) {
        this.coverage = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code minCoverage}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Double getMinCoverage() {
        return minCoverage;
    }

    /**
     * Sets option {@code minCoverage}: Minimum line coverage in percent, for example 80; no gate by default.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setMinCoverage(@CheckForNull final Double value) {
        this.minCoverage = value;
    }

    /**
     * Returns option {@code minBranchCoverage}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Double getMinBranchCoverage() {
        return minBranchCoverage;
    }

    /**
     * Sets option {@code minBranchCoverage}: Minimum branch coverage in percent, for example 60; no gate by default.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setMinBranchCoverage(@CheckForNull final Double value) {
        this.minBranchCoverage = value;
    }

    /**
     * Returns option {@code coverageCriticality}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCoverageCriticality() {
        return coverageCriticality;
    }

    /**
     * Sets option {@code coverageCriticality}: What a failed coverage gate does: UNSTABLE marks the run unstable, FAILURE fails it. Default: {@code 'UNSTABLE'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCoverageCriticality(@CheckForNull final String value) {
        this.coverageCriticality = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code maxFailures}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getMaxFailures() {
        return maxFailures;
    }

    /**
     * Sets option {@code maxFailures}: Most failed tests (failures and errors) allowed, for example 0. Default: {@code 0}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setMaxFailures(@CheckForNull final Integer value) {
        this.maxFailures = value;
    }

    /**
     * Returns option {@code failureCriticality}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getFailureCriticality() {
        return failureCriticality;
    }

    /**
     * Sets option {@code failureCriticality}: What more failed tests than maxFailures do: FAILURE fails the run (a deploy must not follow), UNSTABLE marks it unstable as the Jenkins JUnit plugin does. Default: {@code 'FAILURE'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setFailureCriticality(@CheckForNull final String value) {
        this.failureCriticality = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code allowEmpty}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getAllowEmpty() {
        return allowEmpty;
    }

    /**
     * Sets option {@code allowEmpty}: Accept finding no test results; by default that fails the run. Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAllowEmpty(@CheckForNull final Boolean value) {
        this.allowEmpty = BotOptionValues.unlessDefault(io.lotabots.bot.test.TestBotDescriptor.ALLOW_EMPTY, value);
    }

    /**
     * Returns option {@code scope}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getScope() {
        return scope;
    }

    /**
     * Sets option {@code scope}: Which results count: all; affected (only modules changed since 'since', and for a Maven reactor the modules that depend on them); security or smoke (tests matching those patterns). Default: {@code 'all'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setScope(@CheckForNull final String value) {
        this.scope = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code since}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSince() {
        return since;
    }

    /**
     * Sets option {@code since}: Git reference the affected scope compares with, for example origin/main or HEAD~1.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSince(@CheckForNull final String value) {
        this.since = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code integrationPatterns}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getIntegrationPatterns() {
        return integrationPatterns;
    }

    /**
     * Sets option {@code integrationPatterns}: Reports (patterns with /) or suite and class names (* as wildcard) that are integration tests. Default: {@code ['**&#47;failsafe-reports/**', '*IT', '*ITCase', '*IntegrationTest']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setIntegrationPatterns(@CheckForNull final List<String> value) {
        this.integrationPatterns = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code e2ePatterns}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getE2ePatterns() {
        return e2ePatterns;
    }

    /**
     * Sets option {@code e2ePatterns}: Reports or suite and class names that are end-to-end tests; they win over integration patterns. Default: {@code ['**&#47;e2e/**', '*E2E*', '*e2e*', '*EndToEnd*']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setE2ePatterns(@CheckForNull final List<String> value) {
        this.e2ePatterns = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code securityPatterns}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSecurityPatterns() {
        return securityPatterns;
    }

    /**
     * Sets option {@code securityPatterns}: Reports or suite and class names that the security scope keeps. Default: {@code ['*Security*', '*security*']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecurityPatterns(@CheckForNull final List<String> value) {
        this.securityPatterns = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code smokePatterns}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSmokePatterns() {
        return smokePatterns;
    }

    /**
     * Sets option {@code smokePatterns}: Reports or suite and class names that the smoke scope keeps. Default: {@code ['*Smoke*', '*smoke*']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmokePatterns(@CheckForNull final List<String> value) {
        this.smokePatterns = BotOptionValues.lines(value);
    }

    /**
     * Describes the {@code testBot} step.
     */
    @Extension
    public static final class DescriptorImpl extends BotStepDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(BOT_ID);
        }

        @Override
        public String getFunctionName() {
            return "testBot";
        }
    }
}
