package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What DeployBot deploys, where and how; built with {@link #builder()} or from options by
 * {@link DeployBotDescriptor}.
 *
 * @param target {@code kubernetes}, {@code directory}, or {@code null} to choose: Kubernetes when manifests, an
 *        image, a namespace, a context or a kubeconfig is given, else the directory target
 * @param environments the environments, deployed one after the other (staging, then production)
 * @param version the version, or {@code null} to take the image's tag
 * @param strategy the strategy
 * @param smoke the smoke tests, {@code URL[ STATUS][ ~TEXT]}; a URL that starts with {@code /} is resolved against
 *        the new version's address
 * @param smokeRetries the retries of each smoke test
 * @param smokeTimeout the time one attempt of a smoke test may take
 * @param smokeRetryDelay the time between attempts
 * @param canaryWindow how long a canary is watched
 * @param canaryInterval the time between two health checks of a canary
 * @param rollbackWindow how long the previous version is kept for a fast rollback
 * @param url where the application answers for its users, or {@code null} when the target knows
 * @param rollback whether to roll back on demand instead of deploying
 * @param kubernetes the Kubernetes target's settings
 * @param directory the directory target's settings
 * @param approval who must approve, and whether they did
 */
public record DeployRequest(@CheckForNull String target, List<String> environments, @CheckForNull String version,
        DeployStrategy strategy, List<String> smoke, int smokeRetries, Duration smokeTimeout, Duration smokeRetryDelay,
        Duration canaryWindow, Duration canaryInterval, Duration rollbackWindow, @CheckForNull String url,
        boolean rollback, Kubernetes kubernetes, Directory directory, Approval approval) {
    /**
     * Copies the lists.
     */
    public DeployRequest {
        environments = List.copyOf(environments);
        smoke = List.copyOf(smoke);
        Objects.requireNonNull(strategy);
    }

    /**
     * Returns whether the directory target deploys: it is named, or no target is named and no Kubernetes setting is
     * given.
     *
     * @return {@code true} for the directory target
     */
    public boolean usesDirectoryTarget() {
        return target == null ? !kubernetes.isGiven() : "directory".equals(target);
    }

    /**
     * Returns the version, when given.
     *
     * @return the version
     */
    public Optional<String> getVersion() {
        return Optional.ofNullable(version);
    }

    /**
     * Starts a request with the defaults of {@link DeployBotDescriptor}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Kubernetes target's settings.
     *
     * @param manifests manifest files or folders, relative to the workspace
     * @param image the image; in manifests it is {@code ${IMAGE}}
     * @param name the application name, or {@code null} for the manifests' Deployment or the image's name
     * @param replicas replicas of a generated Deployment
     * @param port port of a generated Deployment and Service
     * @param variables {@code KEY=VALUE} for {@code ${KEY}} in the manifests
     * @param namespace the namespace, or {@code ENV=NAMESPACE} entries; by default the environment's name
     * @param context the kubeconfig context, or {@code ENV=CONTEXT} entries
     * @param kubeconfig the kubeconfig file, or {@code null}
     * @param rolloutTimeout how long one rollout may take
     * @param idleReplicas replicas of the old colour during the rollback window, or {@code null} to keep all
     * @param previewUrl where the new colour answers before the switch, or {@code null} for its preview Service
     */
    public record Kubernetes(List<String> manifests, @CheckForNull String image, @CheckForNull String name,
            int replicas, int port, List<String> variables, List<String> namespace, List<String> context,
            @CheckForNull String kubeconfig, Duration rolloutTimeout, @CheckForNull Integer idleReplicas,
            @CheckForNull String previewUrl) {
        /**
         * Copies the lists.
         */
        public Kubernetes {
            manifests = List.copyOf(manifests);
            variables = List.copyOf(variables);
            namespace = List.copyOf(namespace);
            context = List.copyOf(context);
        }

        /**
         * Returns whether any Kubernetes setting was given.
         *
         * @return {@code true} if so
         */
        boolean isGiven() {
            return !manifests.isEmpty() || image != null || !namespace.isEmpty() || !context.isEmpty()
                    || kubeconfig != null;
        }
    }

    /**
     * The directory target's settings.
     *
     * @param releases the folder of the releases and the {@code current} link, relative to the workspace
     * @param artifact the artifact to deploy, relative to the workspace
     * @param build the build whose artifact is deployed, by its build id or the id of its {@code build.completed},
     *         from any run in the journal; {@code null} for the build of this run
     * @param startCommand the command that starts a release, split into words like a shell
     * @param stopCommand the command that stops one, or {@code null}
     * @param healthPath the path of the health check
     * @param bluePort the port of the blue slot
     * @param greenPort the port of the green slot
     * @param startTimeout how long a release may take to answer its health check
     */
    public record Directory(String releases, @CheckForNull String artifact, @CheckForNull String build,
            @CheckForNull String startCommand,
            @CheckForNull String stopCommand, String healthPath, int bluePort, int greenPort,
            Duration startTimeout) {
    }

    /**
     * Who must approve.
     *
     * @param required the environments that need approval
     * @param approve whether the deployment is approved
     * @param overrideReason why approval is skipped, or {@code null}
     */
    public record Approval(List<String> required, boolean approve, @CheckForNull String overrideReason) {
        /**
         * Copies the list.
         */
        public Approval {
            required = List.copyOf(required);
        }
    }

    /**
     * Builds a {@link DeployRequest}.
     */
    public static final class Builder {
        @CheckForNull
        private String target;
        private List<String> environments = List.of();
        @CheckForNull
        private String version;
        private DeployStrategy strategy = DeployStrategy.ROLLING;
        private List<String> smoke = List.of();
        private int smokeRetries = DeployBotDescriptor.DEFAULT_SMOKE_RETRIES;
        private Duration smokeTimeout = DeployBotDescriptor.DEFAULT_SMOKE_TIMEOUT;
        private Duration smokeRetryDelay = DeployBotDescriptor.DEFAULT_SMOKE_RETRY_DELAY;
        private Duration canaryWindow = DeployBotDescriptor.DEFAULT_CANARY_WINDOW;
        private Duration canaryInterval = DeployBotDescriptor.DEFAULT_CANARY_INTERVAL;
        private Duration rollbackWindow = DeployBotDescriptor.DEFAULT_ROLLBACK_WINDOW;
        @CheckForNull
        private String url;
        private boolean rollback;
        private Kubernetes kubernetes = new Kubernetes(List.of(), null, null, DeployBotDescriptor.DEFAULT_REPLICAS,
                DeployBotDescriptor.DEFAULT_PORT, List.of(), List.of(), List.of(), null,
                DeployBotDescriptor.DEFAULT_ROLLOUT_TIMEOUT, null, null);
        private Directory directory = new Directory(DeployBotDescriptor.DEFAULT_RELEASES, null, null, null, null,
                DeployBotDescriptor.DEFAULT_HEALTH_PATH, DeployBotDescriptor.DEFAULT_BLUE_PORT,
                DeployBotDescriptor.DEFAULT_GREEN_PORT, DeployBotDescriptor.DEFAULT_START_TIMEOUT);
        private Approval approval = new Approval(DeployBotDescriptor.DEFAULT_APPROVAL_REQUIRED, false, null);

        private Builder() {
        }

        /**
         * Sets the target kind.
         *
         * @param value {@code kubernetes}, {@code directory} or {@code null} to choose
         * @return this
         */
        public Builder target(@CheckForNull final String value) {
            target = value;
            return this;
        }

        /**
         * Sets the environments.
         *
         * @param values the environments, in order
         * @return this
         */
        public Builder environments(final List<String> values) {
            environments = values;
            return this;
        }

        /**
         * Sets the version.
         *
         * @param value the version
         * @return this
         */
        public Builder version(@CheckForNull final String value) {
            version = value;
            return this;
        }

        /**
         * Sets the strategy.
         *
         * @param value the strategy
         * @return this
         */
        public Builder strategy(final DeployStrategy value) {
            strategy = value;
            return this;
        }

        /**
         * Sets the smoke tests.
         *
         * @param values the tests
         * @return this
         */
        public Builder smoke(final List<String> values) {
            smoke = values;
            return this;
        }

        /**
         * Sets the retries, timeout and delay of each smoke test.
         *
         * @param retries the retries
         * @param timeout the timeout of one attempt
         * @param delay the delay between attempts
         * @return this
         */
        public Builder smokeAttempts(final int retries, final Duration timeout, final Duration delay) {
            smokeRetries = retries;
            smokeTimeout = timeout;
            smokeRetryDelay = delay;
            return this;
        }

        /**
         * Sets the canary window and the time between its health checks.
         *
         * @param window the window
         * @param interval the interval
         * @return this
         */
        public Builder canary(final Duration window, final Duration interval) {
            canaryWindow = window;
            canaryInterval = interval;
            return this;
        }

        /**
         * Sets the rollback window.
         *
         * @param value the window
         * @return this
         */
        public Builder rollbackWindow(final Duration value) {
            rollbackWindow = value;
            return this;
        }

        /**
         * Sets the URL users reach the application at.
         *
         * @param value the URL
         * @return this
         */
        public Builder url(@CheckForNull final String value) {
            url = value;
            return this;
        }

        /**
         * Asks for an on-demand rollback instead of a deployment.
         *
         * @param value whether to roll back
         * @return this
         */
        public Builder rollback(final boolean value) {
            rollback = value;
            return this;
        }

        /**
         * Sets the Kubernetes settings.
         *
         * @param value the settings
         * @return this
         */
        public Builder kubernetes(final Kubernetes value) {
            kubernetes = value;
            return this;
        }

        /**
         * Sets the directory settings.
         *
         * @param value the settings
         * @return this
         */
        public Builder directory(final Directory value) {
            directory = value;
            return this;
        }

        /**
         * Sets the approval.
         *
         * @param value the approval
         * @return this
         */
        public Builder approval(final Approval value) {
            approval = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public DeployRequest build() {
            return new DeployRequest(target, environments, version, strategy, smoke, smokeRetries, smokeTimeout,
                    smokeRetryDelay, canaryWindow, canaryInterval, rollbackWindow, url, rollback, kubernetes,
                    directory, approval);
        }
    }
}
