package io.jenkins.plugins.lotabots.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.BotStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code buildBot} Pipeline step: runs BuildBot with the options of its engine descriptor,
 * named and typed as there (docs/BOTS.md). Builds the project with its build tool, stores the artifacts with their SHA-256 checksums and announces build.completed or build.failed.
 */
public class BuildBotStep extends BotStep {
    /** The engine bot's id. */
    static final String BOT_ID = "build";

    @CheckForNull
    private String command;
    @CheckForNull
    private List<String> artifacts;
    @CheckForNull
    private List<String> excludes;
    @CheckForNull
    private String store;
    @CheckForNull
    private Boolean requireArtifacts;
    @CheckForNull
    private String priority;
    @CheckForNull
    private List<String> nonEssential;
    @CheckForNull
    private String testFailures;
    @CheckForNull
    private String timeout;
    @CheckForNull
    private String branch;
    @CheckForNull
    private String commit;
    @CheckForNull
    private String buildId;
    @CheckForNull
    private String s3Endpoint;
    @CheckForNull
    private String s3Region;

    /**
     * Creates the step; every option is optional and set through its setter.
     */
    @DataBoundConstructor
    public BuildBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code command}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCommand() {
        return command;
    }

    /**
     * Sets option {@code command}: Command that builds the project, run without a shell, for example 'mvn -B verify' or sh -c 'make all'; when empty, mvnw or pom.xml run Maven verify, gradlew or build.gradle run Gradle build, and package.json runs npm ci, npm run build and npm test.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCommand(@CheckForNull final String value) {
        this.command = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code artifacts}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getArtifacts() {
        return artifacts;
    }

    /**
     * Sets option {@code artifacts}: Ant-style patterns of the files to store after a successful build, relative to the workspace, for example target/*.jar,**&#47;*.war; none by default. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setArtifacts(@CheckForNull final List<String> value) {
        this.artifacts = BotOptionValues.lines(value);
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
     * Sets option {@code excludes}: Ant-style patterns of files not to store, for example target/*-sources.jar. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setExcludes(@CheckForNull final List<String> value) {
        this.excludes = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code store}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStore() {
        return store;
    }

    /**
     * Sets option {@code store}: Where artifacts are stored under &lt;buildId&gt;/&lt;path&gt;: a folder relative to the workspace (it may not leave it with ..), an absolute folder, or s3://bucket/prefix with credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Default: {@code '.lotabots/artifacts'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStore(@CheckForNull final String value) {
        this.store = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code requireArtifacts}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getRequireArtifacts() {
        return requireArtifacts;
    }

    /**
     * Sets option {@code requireArtifacts}: Fail the build when the artifacts patterns match no file; by default that is only a warning. Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRequireArtifacts(@CheckForNull final Boolean value) {
        this.requireArtifacts = BotOptionValues.unlessDefault(io.lotabots.bot.build.BuildBotDescriptor.REQUIRE_ARTIFACTS, value);
    }

    /**
     * Returns option {@code priority}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPriority() {
        return priority;
    }

    /**
     * Sets option {@code priority}: Build priority: critical (for a hotfix) skips the non-essential steps. Default: {@code 'normal'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPriority(@CheckForNull final String value) {
        this.priority = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code nonEssential}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getNonEssential() {
        return nonEssential;
    }

    /**
     * Sets option {@code nonEssential}: Steps skipped under critical priority, for example javadoc,site: Maven gets -Dmaven.javadoc.skip=true, -Dmaven.site.skip=true, -DskipTests for tests and -D&lt;step&gt;.skip=true for others; Gradle gets -x javadoc and -x test; npm drops npm test; every command sees them in LOTABOTS_SKIP_STEPS. Default: {@code ['javadoc', 'site']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setNonEssential(@CheckForNull final List<String> value) {
        this.nonEssential = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code testFailures}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTestFailures() {
        return testFailures;
    }

    /**
     * Sets option {@code testFailures}: What failing tests do to the build: fail it, or testBot: the build goes on and TestBot's gate judges them from the reports (Maven gets -Dmaven.test.failure.ignore=true; other build tools fail as before).
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTestFailures(@CheckForNull final String value) {
        this.testFailures = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code timeout}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTimeout() {
        return timeout;
    }

    /**
     * Sets option {@code timeout}: How long the build may run before it is stopped and fails, for example 30m or 1h. Default: {@code 30m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTimeout(@CheckForNull final String value) {
        this.timeout = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code branch}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getBranch() {
        return branch;
    }

    /**
     * Sets option {@code branch}: Branch being built; by default read from Git, or on a detached HEAD from BRANCH_NAME or GIT_BRANCH.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBranch(@CheckForNull final String value) {
        this.branch = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code commit}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCommit() {
        return commit;
    }

    /**
     * Sets option {@code commit}: Commit being built; by default the HEAD commit of the workspace's Git repository.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCommit(@CheckForNull final String value) {
        this.commit = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code buildId}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getBuildId() {
        return buildId;
    }

    /**
     * Sets option {@code buildId}: Identifier of the build and folder of its artifacts in the store, for example build-12345; by default build-&lt;UTC time&gt;-&lt;commit&gt;.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBuildId(@CheckForNull final String value) {
        this.buildId = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code s3Endpoint}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getS3Endpoint() {
        return s3Endpoint;
    }

    /**
     * Sets option {@code s3Endpoint}: Endpoint of an S3-compatible server such as MinIO, for example http://minio:9000; path-style access is used then. Empty for AWS S3.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setS3Endpoint(@CheckForNull final String value) {
        this.s3Endpoint = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code s3Region}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getS3Region() {
        return s3Region;
    }

    /**
     * Sets option {@code s3Region}: Region of the S3 bucket, for example eu-west-1. Default: {@code 'us-east-1'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setS3Region(@CheckForNull final String value) {
        this.s3Region = BotOptionValues.text(value);
    }

    /**
     * Describes the {@code buildBot} step.
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
            return "buildBot";
        }
    }
}
