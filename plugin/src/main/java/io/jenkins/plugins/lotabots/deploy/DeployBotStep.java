package io.jenkins.plugins.lotabots.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.BotStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code deployBot} Pipeline step: runs DeployBot with the options of its engine descriptor,
 * named and typed as there (docs/BOTS.md). Deploys a version to an environment on Kubernetes or into release folders, rolling, blue-green or canary, with a backup first, smoke tests before traffic moves and rollback on failure or on demand; announces deploy.started, deploy.completed, deploy.failed and deploy.rolled_back.
 */
public class DeployBotStep extends BotStep {
    /** The engine bot's id. */
    static final String BOT_ID = "deploy";

    @CheckForNull
    private String target;
    @CheckForNull
    private String environment;
    @CheckForNull
    private List<String> environments;
    @CheckForNull
    private String appVersion;
    @CheckForNull
    private List<String> manifests;
    @CheckForNull
    private String image;
    @CheckForNull
    private String name;
    @CheckForNull
    private Integer replicas;
    @CheckForNull
    private Integer port;
    @CheckForNull
    private List<String> variables;
    @CheckForNull
    private String strategy;
    @CheckForNull
    private List<String> smoke;
    @CheckForNull
    private Integer smokeRetries;
    @CheckForNull
    private String smokeTimeout;
    @CheckForNull
    private String canaryWindow;
    @CheckForNull
    private String canaryInterval;
    @CheckForNull
    private List<String> namespace;
    @CheckForNull
    private List<String> context;
    @CheckForNull
    private String kubeconfig;
    @CheckForNull
    private String rolloutTimeout;
    @CheckForNull
    private Integer idleReplicas;
    @CheckForNull
    private String previewUrl;
    @CheckForNull
    private String url;
    @CheckForNull
    private String rollbackWindow;
    @CheckForNull
    private String releases;
    @CheckForNull
    private String artifact;
    @CheckForNull
    private String build;
    @CheckForNull
    private String startCommand;
    @CheckForNull
    private String stopCommand;
    @CheckForNull
    private String healthPath;
    @CheckForNull
    private Integer bluePort;
    @CheckForNull
    private Integer greenPort;
    @CheckForNull
    private String startTimeout;
    @CheckForNull
    private List<String> approvalRequired;
    @CheckForNull
    private Boolean approve;
    @CheckForNull
    private String approvalOverride;
    @CheckForNull
    private Boolean rollback;

    /**
     * Creates the step; every option is optional and set through its setter.
     */
    @DataBoundConstructor
    public DeployBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code target}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTarget() {
        return target;
    }

    /**
     * Sets option {@code target}: Where to deploy: kubernetes, or directory (release folders with a current link on this machine); by default kubernetes when manifests, image, namespace, context or kubeconfig is given, else directory.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTarget(@CheckForNull final String value) {
        this.target = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code environment}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getEnvironment() {
        return environment;
    }

    /**
     * Sets option {@code environment}: Environment to deploy to, for example staging or production.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setEnvironment(@CheckForNull final String value) {
        this.environment = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code environments}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getEnvironments() {
        return environments;
    }

    /**
     * Sets option {@code environments}: Environments to deploy to one after the other, for example staging,production: the next starts only when the one before succeeded. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setEnvironments(@CheckForNull final List<String> value) {
        this.environments = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code appVersion}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getAppVersion() {
        return appVersion;
    }

    /**
     * Sets option {@code appVersion}: Version being deployed, for example 1.4.2 (appVersion, because --version shows the version of lotabots); by default the image's tag.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAppVersion(@CheckForNull final String value) {
        this.appVersion = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code manifests}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getManifests() {
        return manifests;
    }

    /**
     * Sets option {@code manifests}: Kubernetes manifests: YAML files or folders in the workspace, with ${IMAGE}, ${VERSION}, ${ENVIRONMENT}, ${NAMESPACE}, ${REPLICAS}, ${PORT} and the variables replaced; for example k8s/. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setManifests(@CheckForNull final List<String> value) {
        this.manifests = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code image}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getImage() {
        return image;
    }

    /**
     * Sets option {@code image}: Container image, for example registry.example.com/shop:1.4.2; without manifests DeployBot generates a Deployment and a Service for it.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setImage(@CheckForNull final String value) {
        this.image = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code name}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getName() {
        return name;
    }

    /**
     * Sets option {@code name}: Application name of a generated Deployment and Service; by default the image's name.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setName(@CheckForNull final String value) {
        this.name = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code replicas}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getReplicas() {
        return replicas;
    }

    /**
     * Sets option {@code replicas}: Replicas of a generated Deployment; ${REPLICAS} in manifests. Default: {@code 2}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setReplicas(@CheckForNull final Integer value) {
        this.replicas = value;
    }

    /**
     * Returns option {@code port}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getPort() {
        return port;
    }

    /**
     * Sets option {@code port}: Container port of a generated Deployment and its Service; ${PORT} in manifests. Default: {@code 8080}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPort(@CheckForNull final Integer value) {
        this.port = value;
    }

    /**
     * Returns option {@code variables}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getVariables() {
        return variables;
    }

    /**
     * Sets option {@code variables}: Values for ${KEY} in the manifests as KEY=VALUE, for example LOG_LEVEL=info. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setVariables(@CheckForNull final List<String> value) {
        this.variables = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code strategy}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStrategy() {
        return strategy;
    }

    /**
     * Sets option {@code strategy}: How the new version replaces the old: rolling, blueGreen (switch all traffic after checks) or canary (one pod, or on the directory target one instance on the other port, first). Default: {@code 'rolling'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStrategy(@CheckForNull final String value) {
        this.strategy = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code smoke}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSmoke() {
        return smoke;
    }

    /**
     * Sets option {@code smoke}: Smoke tests run against the new version before traffic moves, as URL[ STATUS][ ~TEXT], for example '/health 200 ~UP' (a path is resolved against the new version's address) or 'http://shop.staging/ 200'. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmoke(@CheckForNull final List<String> value) {
        this.smoke = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code smokeRetries}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getSmokeRetries() {
        return smokeRetries;
    }

    /**
     * Sets option {@code smokeRetries}: Retries of each smoke test before it fails. Default: {@code 3}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmokeRetries(@CheckForNull final Integer value) {
        this.smokeRetries = value;
    }

    /**
     * Returns option {@code smokeTimeout}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSmokeTimeout() {
        return smokeTimeout;
    }

    /**
     * Sets option {@code smokeTimeout}: Time one attempt of a smoke test may take, for example 10s. Default: {@code 10s}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmokeTimeout(@CheckForNull final String value) {
        this.smokeTimeout = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code canaryWindow}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCanaryWindow() {
        return canaryWindow;
    }

    /**
     * Sets option {@code canaryWindow}: How long a canary is watched before it gets all the traffic, for example 2m. Default: {@code 2m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCanaryWindow(@CheckForNull final String value) {
        this.canaryWindow = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code canaryInterval}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCanaryInterval() {
        return canaryInterval;
    }

    /**
     * Sets option {@code canaryInterval}: Time between two health checks of a canary. Default: {@code 15s}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCanaryInterval(@CheckForNull final String value) {
        this.canaryInterval = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code namespace}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getNamespace() {
        return namespace;
    }

    /**
     * Sets option {@code namespace}: Kubernetes namespace, or one per environment as ENV=NAMESPACE, for example staging=shop-staging,production=shop; by default the environment's name. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setNamespace(@CheckForNull final List<String> value) {
        this.namespace = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code context}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getContext() {
        return context;
    }

    /**
     * Sets option {@code context}: Kubeconfig context, or one per environment as ENV=CONTEXT; by default the current one. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setContext(@CheckForNull final List<String> value) {
        this.context = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code kubeconfig}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getKubeconfig() {
        return kubeconfig;
    }

    /**
     * Sets option {@code kubeconfig}: Kubeconfig file; by default KUBECONFIG, ~/.kube/config or the pod's service account.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setKubeconfig(@CheckForNull final String value) {
        this.kubeconfig = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code rolloutTimeout}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRolloutTimeout() {
        return rolloutTimeout;
    }

    /**
     * Sets option {@code rolloutTimeout}: How long one rollout may take before it is undone. Default: {@code 10m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRolloutTimeout(@CheckForNull final String value) {
        this.rolloutTimeout = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code idleReplicas}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getIdleReplicas() {
        return idleReplicas;
    }

    /**
     * Sets option {@code idleReplicas}: Replicas the old colour of a blue-green deployment keeps during the rollback window, for example 0 or 1; by default all, for an instant rollback.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setIdleReplicas(@CheckForNull final Integer value) {
        this.idleReplicas = value;
    }

    /**
     * Returns option {@code previewUrl}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPreviewUrl() {
        return previewUrl;
    }

    /**
     * Sets option {@code previewUrl}: Where the new colour of a blue-green deployment answers before the switch; by default its &lt;service&gt;-preview Service in the cluster.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPreviewUrl(@CheckForNull final String value) {
        this.previewUrl = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code url}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getUrl() {
        return url;
    }

    /**
     * Sets option {@code url}: Where users reach the application, recorded in deploy.completed, for example https://shop.example.com; by default the Service's cluster address or the release's local address.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setUrl(@CheckForNull final String value) {
        this.url = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code rollbackWindow}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRollbackWindow() {
        return rollbackWindow;
    }

    /**
     * Sets option {@code rollbackWindow}: How long the previous version is kept for an instant rollback before a later run removes it. Default: {@code 24h}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRollbackWindow(@CheckForNull final String value) {
        this.rollbackWindow = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code releases}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getReleases() {
        return releases;
    }

    /**
     * Sets option {@code releases}: Directory target: the folder of the releases and the current link, in the workspace or absolute. Default: {@code '.lotabots/releases'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setReleases(@CheckForNull final String value) {
        this.releases = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code artifact}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getArtifact() {
        return artifact;
    }

    /**
     * Sets option {@code artifact}: Directory target: the artifact to deploy, for example target/app.jar.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setArtifact(@CheckForNull final String value) {
        this.artifact = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code build}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getBuild() {
        return build;
    }

    /**
     * Sets option {@code build}: Directory target: the build whose stored .jar or .war is deployed, by its build id or
     * the id of its build.completed message, from any run in the journal.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBuild(@CheckForNull final String value) {
        this.build = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code startCommand}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStartCommand() {
        return startCommand;
    }

    /**
     * Sets option {@code startCommand}: Directory target: command that starts a release, with ${PORT}, ${RELEASE_DIR}, ${ARTIFACT} and ${VERSION}, for example 'java -jar ${ARTIFACT} --server.port=${PORT}'.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStartCommand(@CheckForNull final String value) {
        this.startCommand = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code stopCommand}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStopCommand() {
        return stopCommand;
    }

    /**
     * Sets option {@code stopCommand}: Directory target: command that stops a release; by default its process is stopped.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStopCommand(@CheckForNull final String value) {
        this.stopCommand = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code healthPath}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getHealthPath() {
        return healthPath;
    }

    /**
     * Sets option {@code healthPath}: Directory target: path a started release must answer with 200. Default: {@code '/health'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setHealthPath(@CheckForNull final String value) {
        this.healthPath = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code bluePort}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getBluePort() {
        return bluePort;
    }

    /**
     * Sets option {@code bluePort}: Directory target: port of the blue slot. Default: {@code 8081}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBluePort(@CheckForNull final Integer value) {
        this.bluePort = value;
    }

    /**
     * Returns option {@code greenPort}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getGreenPort() {
        return greenPort;
    }

    /**
     * Sets option {@code greenPort}: Directory target: port of the green slot. Default: {@code 8082}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setGreenPort(@CheckForNull final Integer value) {
        this.greenPort = value;
    }

    /**
     * Returns option {@code startTimeout}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStartTimeout() {
        return startTimeout;
    }

    /**
     * Sets option {@code startTimeout}: Directory target: how long a release may take to answer its health check. Default: {@code 1m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStartTimeout(@CheckForNull final String value) {
        this.startTimeout = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code approvalRequired}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getApprovalRequired() {
        return approvalRequired;
    }

    /**
     * Sets option {@code approvalRequired}: Environments whose deployment needs approval (approve, or approvalOverride with a reason). Default: {@code ['production']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setApprovalRequired(@CheckForNull final List<String> value) {
        this.approvalRequired = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code approve}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getApprove() {
        return approve;
    }

    /**
     * Sets option {@code approve}: Approves the deployment to environments that need approval; recorded as approval.granted by the user who runs it. Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setApprove(@CheckForNull final Boolean value) {
        this.approve = BotOptionValues.unlessDefault(io.lotabots.bot.deploy.DeployBotDescriptor.APPROVE, value);
    }

    /**
     * Returns option {@code approvalOverride}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getApprovalOverride() {
        return approvalOverride;
    }

    /**
     * Sets option {@code approvalOverride}: Skips approval for a hotfix or security fix, with the reason, for example 'INC-42 checkout down'; recorded as approval.overridden with who and why.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setApprovalOverride(@CheckForNull final String value) {
        this.approvalOverride = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code rollback}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getRollback() {
        return rollback;
    }

    /**
     * Sets option {@code rollback}: Rolls the environment back to the state before its last successful deployment recorded in the journal, instead of deploying (lotabots deploy rollback --environment ENV). Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRollback(@CheckForNull final Boolean value) {
        this.rollback = BotOptionValues.unlessDefault(io.lotabots.bot.deploy.DeployBotDescriptor.ROLLBACK, value);
    }

    /**
     * Describes the {@code deployBot} step.
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
            return "deployBot";
        }
    }
}
