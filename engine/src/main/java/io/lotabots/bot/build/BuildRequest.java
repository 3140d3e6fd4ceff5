package io.lotabots.bot.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What BuildBot is asked to do. Immutable; built with {@link #builder()} or from options through
 * {@link BuildBotDescriptor}. The defaults are those of the descriptor.
 */
public final class BuildRequest {
    private static final Pattern BUILD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @CheckForNull
    private final String command;
    private final List<String> artifacts;
    private final List<String> excludes;
    private final String store;
    private final boolean requireArtifacts;
    private final BuildPriority priority;
    private final List<String> nonEssential;
    private final boolean testFailuresToTestBot;
    private final Duration timeout;
    @CheckForNull
    private final String branch;
    @CheckForNull
    private final String commit;
    @CheckForNull
    private final String buildId;
    @CheckForNull
    private final String s3Endpoint;
    private final String s3Region;

    private BuildRequest(final Builder builder) {
        this.command = builder.command;
        this.artifacts = List.copyOf(builder.artifacts);
        this.excludes = List.copyOf(builder.excludes);
        this.store = builder.store;
        this.requireArtifacts = builder.requireArtifacts;
        this.priority = builder.priority;
        this.nonEssential = List.copyOf(builder.nonEssential);
        this.testFailuresToTestBot = builder.testFailuresToTestBot;
        this.timeout = builder.timeout;
        this.branch = builder.branch;
        this.commit = builder.commit;
        this.buildId = builder.buildId;
        this.s3Endpoint = builder.s3Endpoint;
        this.s3Region = builder.s3Region;
    }

    /**
     * Starts a request with the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the command.
     *
     * @return the command, or empty to detect it from the build files
     */
    public Optional<String> getCommand() {
        return Optional.ofNullable(command);
    }

    /**
     * Returns the patterns of the artifacts to store.
     *
     * @return Ant-style patterns relative to the workspace, for example {@code target/*.jar}
     */
    public List<String> getArtifacts() {
        return artifacts;
    }

    /**
     * Returns the patterns of files not to store.
     *
     * @return Ant-style patterns
     */
    public List<String> getExcludes() {
        return excludes;
    }

    /**
     * Returns where artifacts are stored.
     *
     * @return a folder, relative to the workspace or absolute, or {@code s3://bucket/prefix}
     */
    public String getStore() {
        return store;
    }

    /**
     * Returns whether a build that matches no artifact fails.
     *
     * @return {@code true} to fail then
     */
    public boolean isRequireArtifacts() {
        return requireArtifacts;
    }

    /**
     * Returns the priority.
     *
     * @return the priority
     */
    public BuildPriority getPriority() {
        return priority;
    }

    /**
     * Returns the steps skipped under critical priority.
     *
     * @return the step names, for example {@code javadoc} and {@code site}
     */
    public List<String> getNonEssential() {
        return nonEssential;
    }

    /**
     * Returns whether failing tests are left to TestBot's gate instead of failing the build.
     *
     * @return {@code true} to leave them to TestBot
     */
    public boolean isTestFailuresToTestBot() {
        return testFailuresToTestBot;
    }

    /**
     * Returns how long the build may run, all its commands together.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Returns the branch given.
     *
     * @return the branch, or empty to read it from Git
     */
    public Optional<String> getBranch() {
        return Optional.ofNullable(branch);
    }

    /**
     * Returns the commit given.
     *
     * @return the commit, or empty to read it from Git
     */
    public Optional<String> getCommit() {
        return Optional.ofNullable(commit);
    }

    /**
     * Returns the build id given.
     *
     * @return the build id, or empty to make one from the time and commit
     */
    public Optional<String> getBuildId() {
        return Optional.ofNullable(buildId);
    }

    /**
     * Returns the endpoint of an S3-compatible server.
     *
     * @return the endpoint, or empty for AWS
     */
    public Optional<String> getS3Endpoint() {
        return Optional.ofNullable(s3Endpoint);
    }

    /**
     * Returns the S3 region.
     *
     * @return the region
     */
    public String getS3Region() {
        return s3Region;
    }

    @Override
    public String toString() {
        return "build " + (command == null ? "(detected)" : command) + ", artifacts " + artifacts + ", store "
                + store + ", priority " + priority.wireName();
    }

    /**
     * Builds a {@link BuildRequest}.
     */
    public static final class Builder {
        @CheckForNull
        private String command;
        private List<String> artifacts = List.of();
        private List<String> excludes = List.of();
        private String store = BuildBotDescriptor.DEFAULT_STORE;
        private boolean requireArtifacts;
        private BuildPriority priority = BuildPriority.NORMAL;
        private List<String> nonEssential = BuildBotDescriptor.DEFAULT_NON_ESSENTIAL;
        private boolean testFailuresToTestBot;
        private Duration timeout = BuildBotDescriptor.DEFAULT_TIMEOUT;
        @CheckForNull
        private String branch;
        @CheckForNull
        private String commit;
        @CheckForNull
        private String buildId;
        @CheckForNull
        private String s3Endpoint;
        private String s3Region = BuildBotDescriptor.DEFAULT_S3_REGION;

        private Builder() {
        }

        /**
         * Sets the command; blank means detect it.
         *
         * @param value the command, for example {@code mvn -B verify}
         * @return this
         */
        public Builder command(@CheckForNull final String value) {
            this.command = blankToNull(value);
            return this;
        }

        /**
         * Sets the patterns of the artifacts to store.
         *
         * @param value the patterns
         * @return this
         */
        public Builder artifacts(final List<String> value) {
            this.artifacts = List.copyOf(value);
            return this;
        }

        /**
         * Sets the patterns of files not to store.
         *
         * @param value the patterns
         * @return this
         */
        public Builder excludes(final List<String> value) {
            this.excludes = List.copyOf(value);
            return this;
        }

        /**
         * Sets where artifacts are stored.
         *
         * @param value a folder or {@code s3://bucket/prefix}
         * @return this
         */
        public Builder store(final String value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets whether a build that matches no artifact fails.
         *
         * @param value {@code true} to fail then
         * @return this
         */
        public Builder requireArtifacts(final boolean value) {
            this.requireArtifacts = value;
            return this;
        }

        /**
         * Sets the priority.
         *
         * @param value the priority
         * @return this
         */
        public Builder priority(final BuildPriority value) {
            this.priority = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the steps skipped under critical priority.
         *
         * @param value the step names
         * @return this
         */
        public Builder nonEssential(final List<String> value) {
            this.nonEssential = List.copyOf(value);
            return this;
        }

        /**
         * Sets whether failing tests are left to TestBot's gate instead of failing the build.
         *
         * @param value {@code true} to leave them to TestBot
         * @return this builder
         */
        public Builder testFailuresToTestBot(final boolean value) {
            this.testFailuresToTestBot = value;
            return this;
        }

        /**
         * Sets how long the build may run.
         *
         * @param value a positive duration
         * @return this
         */
        public Builder timeout(final Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw LotaBotsException.of(io.lotabots.bot.BotErrorCode.INVALID_OPTION, "Option 'timeout' of"
                        + " BuildBot must be positive, was " + io.lotabots.util.Durations.format(value)
                        + "; give one like 30m.");
            }
            this.timeout = value;
            return this;
        }

        /**
         * Sets the branch; blank means read it from Git.
         *
         * @param value the branch
         * @return this
         */
        public Builder branch(@CheckForNull final String value) {
            this.branch = blankToNull(value);
            return this;
        }

        /**
         * Sets the commit; blank means read it from Git.
         *
         * @param value the commit
         * @return this
         */
        public Builder commit(@CheckForNull final String value) {
            this.commit = blankToNull(value);
            return this;
        }

        /**
         * Sets the build id, the folder of the artifacts in the store; blank means make one.
         *
         * @param value letters, digits, {@code .}, {@code _} and {@code -}, at most 128, for example
         *         {@code build-12345}
         * @return this
         * @throws LotaBotsException with {@link BuildErrorCode#INVALID_BUILD_ID} for other characters
         */
        public Builder buildId(@CheckForNull final String value) {
            String id = blankToNull(value);
            if (id != null && (!BUILD_ID.matcher(id).matches() || id.contains(".."))) {
                throw LotaBotsException.of(BuildErrorCode.INVALID_BUILD_ID, "The build id '" + id + "' cannot"
                        + " name a folder in the artifact store; use up to 128 letters, digits, '.', '_' and '-',"
                        + " like build-12345.");
            }
            this.buildId = id;
            return this;
        }

        /**
         * Sets the endpoint of an S3-compatible server.
         *
         * @param value the endpoint, for example {@code http://127.0.0.1:9000}; blank for AWS
         * @return this
         */
        public Builder s3Endpoint(@CheckForNull final String value) {
            this.s3Endpoint = blankToNull(value);
            return this;
        }

        /**
         * Sets the S3 region.
         *
         * @param value the region
         * @return this
         */
        public Builder s3Region(final String value) {
            this.s3Region = Objects.requireNonNull(value);
            return this;
        }

        @CheckForNull
        private static String blankToNull(@CheckForNull final String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public BuildRequest build() {
            return new BuildRequest(this);
        }
    }
}
