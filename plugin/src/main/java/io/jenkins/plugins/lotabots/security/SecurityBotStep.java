package io.jenkins.plugins.lotabots.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.BotStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code securityBot} Pipeline step: runs SecurityBot with the options of its engine descriptor,
 * named and typed as there (docs/BOTS.md). Scans for secrets and vulnerable dependencies, reads scanner reports, applies the severity gate with suppressions and a baseline, writes SARIF and announces security.scan_completed; in CVE alert mode announces security.cve_alert.
 */
public class SecurityBotStep extends BotStep {
    /** The engine bot's id. */
    static final String BOT_ID = "security";

    @CheckForNull
    private String secrets;
    @CheckForNull
    private List<String> secretExcludes;
    @CheckForNull
    private String since;
    @CheckForNull
    private String secretConfig;
    @CheckForNull
    private String secretBaseline;
    @CheckForNull
    private Integer maxFileSizeKb;
    @CheckForNull
    private List<String> dependencies;
    @CheckForNull
    private List<String> sbom;
    @CheckForNull
    private Boolean resolveMaven;
    @CheckForNull
    private String advisories;
    @CheckForNull
    private List<String> report;
    @CheckForNull
    private String failOn;
    @CheckForNull
    private String criticality;
    @CheckForNull
    private Boolean newOnly;
    @CheckForNull
    private String baseline;
    @CheckForNull
    private String suppressions;
    @CheckForNull
    private String sarifOut;
    @CheckForNull
    private String advisory;

    /**
     * Creates the step; every option is optional and set through its setter.
     */
    @DataBoundConstructor
    public SecurityBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code secrets}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSecrets() {
        return secrets;
    }

    /**
     * Sets option {@code secrets}: Folder scanned for secrets, relative to the workspace; 'none' scans for none. Default: {@code '.'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecrets(@CheckForNull final String value) {
        this.secrets = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code secretExcludes}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSecretExcludes() {
        return secretExcludes;
    }

    /**
     * Sets option {@code secretExcludes}: Ant-style patterns the secret scan leaves out: build output and installed packages, which repeat (or minify) what the sources hold. Default: {@code ['**&#47;.git/**', '**&#47;.lotabots/**', '**&#47;target/**', '**&#47;build/**', '**&#47;node_modules/**', '**&#47;dist/**']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecretExcludes(@CheckForNull final List<String> value) {
        this.secretExcludes = BotOptionValues.lines(value);
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
     * Sets option {@code since}: Git reference: scan only the lines changed since it (and uncommitted ones), for example origin/main.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSince(@CheckForNull final String value) {
        this.since = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code secretConfig}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSecretConfig() {
        return secretConfig;
    }

    /**
     * Sets option {@code secretConfig}: TOML, YAML or JSON file that adds, disables and allowlists secret rules.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecretConfig(@CheckForNull final String value) {
        this.secretConfig = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code secretBaseline}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSecretBaseline() {
        return secretBaseline;
    }

    /**
     * Sets option {@code secretBaseline}: File of accepted secret fingerprints, one per line; those secrets are reported as accepted.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecretBaseline(@CheckForNull final String value) {
        this.secretBaseline = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code maxFileSizeKb}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getMaxFileSizeKb() {
        return maxFileSizeKb;
    }

    /**
     * Sets option {@code maxFileSizeKb}: Files larger than this many KiB are skipped by the secret scan, and counted. Default: {@code 5120}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setMaxFileSizeKb(@CheckForNull final Integer value) {
        this.maxFileSizeKb = value;
    }

    /**
     * Returns option {@code dependencies}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getDependencies() {
        return dependencies;
    }

    /**
     * Sets option {@code dependencies}: Dependency files: pom.xml, package-lock.json, requirements.txt, poetry.lock, CycloneDX SBOMs; 'auto' detects them in the workspace, 'none' reads none. Default: {@code ['auto']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setDependencies(@CheckForNull final List<String> value) {
        this.dependencies = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code sbom}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSbom() {
        return sbom;
    }

    /**
     * Sets option {@code sbom}: CycloneDX SBOMs (JSON or XML), read besides the dependency files. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSbom(@CheckForNull final List<String> value) {
        this.sbom = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code resolveMaven}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getResolveMaven() {
        return resolveMaven;
    }

    /**
     * Sets option {@code resolveMaven}: Run 'mvn dependency:list' for a pom without a resolved list, so transitive dependencies are matched too. Default: {@code true}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setResolveMaven(@CheckForNull final Boolean value) {
        this.resolveMaven = BotOptionValues.unlessDefault(io.lotabots.bot.security.SecurityBotDescriptor.RESOLVE_MAVEN, value);
    }

    /**
     * Returns option {@code advisories}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getAdvisories() {
        return advisories;
    }

    /**
     * Sets option {@code advisories}: OSV advisory database: a folder or zip of OSV JSON files (for example from https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip); without it dependencies are listed, not matched.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAdvisories(@CheckForNull final String value) {
        this.advisories = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code report}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getReport() {
        return report;
    }

    /**
     * Sets option {@code report}: Scanner reports: SARIF, Trivy, Grype, OSV-Scanner, Dependency-Check JSON, Gitleaks; a path or pattern, or FORMAT:PATH to name the format. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setReport(@CheckForNull final List<String> value) {
        this.report = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code failOn}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getFailOn() {
        return failOn;
    }

    /**
     * Sets option {@code failOn}: Lowest severity that fails the gate; none never fails. Unknown severities count as medium. Default: {@code 'high'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setFailOn(@CheckForNull final String value) {
        this.failOn = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code criticality}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCriticality() {
        return criticality;
    }

    /**
     * Sets option {@code criticality}: What a failed gate does: FAILURE fails the run, UNSTABLE marks it unstable. Default: {@code 'FAILURE'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCriticality(@CheckForNull final String value) {
        this.criticality = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code newOnly}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getNewOnly() {
        return newOnly;
    }

    /**
     * Sets option {@code newOnly}: Count only findings that are not in the baseline in the gate; needs the option baseline. Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setNewOnly(@CheckForNull final Boolean value) {
        this.newOnly = BotOptionValues.unlessDefault(io.lotabots.bot.security.SecurityBotDescriptor.NEW_ONLY, value);
    }

    /**
     * Returns option {@code baseline}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    /**
     * Sets option {@code baseline}: The findings to compare with, for example the SARIF report of main's last build (or a JSON list, or one fingerprint per line); findings not in it are new. Without it no finding is called new or fixed.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBaseline(@CheckForNull final String value) {
        this.baseline = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code suppressions}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSuppressions() {
        return suppressions;
    }

    /**
     * Sets option {@code suppressions}: YAML or JSON file of suppressions, each with id, reason and an optional expiry date.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSuppressions(@CheckForNull final String value) {
        this.suppressions = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code sarifOut}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSarifOut() {
        return sarifOut;
    }

    /**
     * Sets option {@code sarifOut}: Where the SARIF 2.1.0 report of every finding is written, inside the workspace. Default: {@code '.lotabots/security/security.sarif'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSarifOut(@CheckForNull final String value) {
        this.sarifOut = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code advisory}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getAdvisory() {
        return advisory;
    }

    /**
     * Sets option {@code advisory}: CVE alert mode: an advisory id (CVE-..., GHSA-...) looked up in the advisories, or an OSV JSON file; answers whether this codebase uses an affected version and where, instead of scanning.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAdvisory(@CheckForNull final String value) {
        this.advisory = BotOptionValues.text(value);
    }

    /**
     * Describes the {@code securityBot} step.
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
            return "securityBot";
        }
    }
}
