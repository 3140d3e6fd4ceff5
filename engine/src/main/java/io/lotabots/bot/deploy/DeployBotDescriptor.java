package io.lotabots.bot.deploy;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.OptionType;
import io.lotabots.error.LotaBotsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DeployBot's id, name, help and options, the one place the CLI
 * ({@code lotabots deploy --environment staging --image shop:1.4 --strategy blueGreen}) and the Pipeline step
 * ({@code deployBot environment: 'staging', image: 'shop:1.4', strategy: 'blueGreen'}) read them from.
 */
public final class DeployBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "deploy";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "DeployBot";

    /** The default replicas of a generated Deployment. */
    public static final int DEFAULT_REPLICAS = 2;
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default retries of a smoke test. */
    public static final int DEFAULT_SMOKE_RETRIES = 3;
    /** The default timeout of a smoke test attempt. */
    public static final Duration DEFAULT_SMOKE_TIMEOUT = Duration.ofSeconds(10);
    /** The default delay between smoke test attempts. */
    public static final Duration DEFAULT_SMOKE_RETRY_DELAY = Duration.ofSeconds(5);
    /** The default canary window, as the seed scenario says: "monitor for 2 minutes". */
    public static final Duration DEFAULT_CANARY_WINDOW = Duration.ofMinutes(2);
    /** The default time between two health checks of a canary. */
    public static final Duration DEFAULT_CANARY_INTERVAL = Duration.ofSeconds(15);
    /** The default rollback window. */
    public static final Duration DEFAULT_ROLLBACK_WINDOW = Duration.ofHours(24);
    /** The default rollout timeout. */
    public static final Duration DEFAULT_ROLLOUT_TIMEOUT = Duration.ofMinutes(10);
    /** The environments that need approval by default. */
    public static final List<String> DEFAULT_APPROVAL_REQUIRED = List.of("production");
    /** The default releases folder of the directory target. */
    public static final String DEFAULT_RELEASES = ".lotabots/releases";
    /** The default health path of the directory target. */
    public static final String DEFAULT_HEALTH_PATH = "/health";
    /** The default port of the blue slot. */
    public static final int DEFAULT_BLUE_PORT = 8081;
    /** The default port of the green slot. */
    public static final int DEFAULT_GREEN_PORT = 8082;
    /** The default start timeout of the directory target. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** The target. */
    public static final BotOption<String> TARGET = BotOption.optional("target",
            OptionType.choice("kubernetes", "directory"), null, "Where to deploy: kubernetes, or directory (release"
                    + " folders with a current link on this machine); by default kubernetes when manifests, image,"
                    + " namespace, context or kubeconfig is given, else directory.");
    /** The environment. */
    public static final BotOption<String> ENVIRONMENT = BotOption.optional("environment", OptionType.STRING, null,
            "Environment to deploy to, for example staging or production.");
    /** The environments. */
    public static final BotOption<List<String>> ENVIRONMENTS = BotOption.optional("environments",
            OptionType.STRING_LIST, List.of(), "Environments to deploy to one after the other, for example"
                    + " staging,production: the next starts only when the one before succeeded.");
    /** The version. */
    public static final BotOption<String> VERSION = BotOption.optional("appVersion", OptionType.STRING, null,
            "Version being deployed, for example 1.4.2 (appVersion, because --version shows the version of"
                    + " lotabots); by default the image's tag, or for the directory target the build id of the"
                    + " build.completed whose artifact is deployed.");
    /** The manifests. */
    public static final BotOption<List<String>> MANIFESTS = BotOption.optional("manifests", OptionType.STRING_LIST,
            List.of(), "Kubernetes manifests: YAML files or folders in the workspace, with ${IMAGE}, ${VERSION},"
                    + " ${ENVIRONMENT}, ${NAMESPACE}, ${REPLICAS}, ${PORT} and the variables replaced; for example"
                    + " k8s/.");
    /** The image. */
    public static final BotOption<String> IMAGE = BotOption.optional("image", OptionType.STRING, null,
            "Container image, for example registry.example.com/shop:1.4.2; without manifests DeployBot generates a"
                    + " Deployment and a Service for it.");
    /** The application name. */
    public static final BotOption<String> APP_NAME = BotOption.optional("name", OptionType.STRING, null,
            "Application name of a generated Deployment and Service; by default the image's name.");
    /** The replicas. */
    public static final BotOption<Integer> REPLICAS = BotOption.optional("replicas", OptionType.INTEGER,
            DEFAULT_REPLICAS, "Replicas of a generated Deployment; ${REPLICAS} in manifests.");
    /** The port. */
    public static final BotOption<Integer> PORT = BotOption.optional("port", OptionType.INTEGER, DEFAULT_PORT,
            "Container port of a generated Deployment and its Service; ${PORT} in manifests.");
    /** The variables. */
    public static final BotOption<List<String>> VARIABLES = BotOption.optional("variables", OptionType.STRING_LIST,
            List.of(), "Values for ${KEY} in the manifests as KEY=VALUE, for example LOG_LEVEL=info.");
    /** The strategy. */
    public static final BotOption<String> STRATEGY = BotOption.optional("strategy",
            OptionType.choice("rolling", "blueGreen", "canary"), "rolling", "How the new version replaces the"
                    + " old: rolling, blueGreen (switch all traffic after checks) or canary (one pod, or on the"
                    + " directory target one instance on the other port, first).");
    /** The smoke tests. */
    public static final BotOption<List<String>> SMOKE = BotOption.optional("smoke", OptionType.STRING_LIST,
            List.of(), "Smoke tests run against the new version before traffic moves, as URL[ STATUS][ ~TEXT], for"
                    + " example '/health 200 ~UP' (a path is resolved against the new version's address) or"
                    + " 'http://shop.staging/ 200'.");
    /** The smoke retries. */
    public static final BotOption<Integer> SMOKE_RETRIES = BotOption.optional("smokeRetries", OptionType.INTEGER,
            DEFAULT_SMOKE_RETRIES, "Retries of each smoke test before it fails.");
    /** The smoke timeout. */
    public static final BotOption<Duration> SMOKE_TIMEOUT = BotOption.optional("smokeTimeout", OptionType.DURATION,
            DEFAULT_SMOKE_TIMEOUT, "Time one attempt of a smoke test may take, for example 10s.");
    /** The canary window. */
    public static final BotOption<Duration> CANARY_WINDOW = BotOption.optional("canaryWindow", OptionType.DURATION,
            DEFAULT_CANARY_WINDOW, "How long a canary is watched before it gets all the traffic, for"
                    + " example 2m.");
    /** The canary interval. */
    public static final BotOption<Duration> CANARY_INTERVAL = BotOption.optional("canaryInterval",
            OptionType.DURATION, DEFAULT_CANARY_INTERVAL, "Time between two health checks of a canary.");
    /** The namespace. */
    public static final BotOption<List<String>> NAMESPACE = BotOption.optional("namespace", OptionType.STRING_LIST,
            List.of(), "Kubernetes namespace, or one per environment as ENV=NAMESPACE, for example"
                    + " staging=shop-staging,production=shop; by default the environment's name.");
    /** The context. */
    public static final BotOption<List<String>> CONTEXT = BotOption.optional("context", OptionType.STRING_LIST,
            List.of(), "Kubeconfig context, or one per environment as ENV=CONTEXT; by default the current one.");
    /** The kubeconfig. */
    public static final BotOption<String> KUBECONFIG = BotOption.optional("kubeconfig", OptionType.STRING, null,
            "Kubeconfig file; by default KUBECONFIG, ~/.kube/config or the pod's service account.");
    /** The rollout timeout. */
    public static final BotOption<Duration> ROLLOUT_TIMEOUT = BotOption.optional("rolloutTimeout",
            OptionType.DURATION, DEFAULT_ROLLOUT_TIMEOUT, "How long one rollout may take before it is undone.");
    /** The idle replicas. */
    public static final BotOption<Integer> IDLE_REPLICAS = BotOption.optional("idleReplicas", OptionType.INTEGER,
            null, "Replicas the old colour of a blue-green deployment keeps during the rollback window, for"
                    + " example 0 or 1; by default all, for an instant rollback.");
    /** The preview URL. */
    public static final BotOption<String> PREVIEW_URL = BotOption.optional("previewUrl", OptionType.STRING, null,
            "Where the new colour of a blue-green deployment answers before the switch; by default its"
                    + " <service>-preview Service in the cluster.");
    /** The URL. */
    public static final BotOption<String> URL = BotOption.optional("url", OptionType.STRING, null,
            "Where users reach the application, recorded in deploy.completed, for example https://shop.example.com;"
                    + " by default the Service's cluster address or the release's local address.");
    /** The rollback window. */
    public static final BotOption<Duration> ROLLBACK_WINDOW = BotOption.optional("rollbackWindow",
            OptionType.DURATION, DEFAULT_ROLLBACK_WINDOW, "How long the previous version is kept for an instant"
                    + " rollback before a later run removes it.");
    /** The releases folder. */
    public static final BotOption<String> RELEASES = BotOption.optional("releases", OptionType.STRING,
            DEFAULT_RELEASES, "Directory target: the folder of the releases and the current link, in the"
                    + " workspace or absolute.");
    /** The artifact. */
    public static final BotOption<String> ARTIFACT = BotOption.optional("artifact", OptionType.STRING, null,
            "Directory target: the artifact to deploy, for example target/app.jar; by default the one .jar or .war"
                    + " that BuildBot stored in this run's build.completed, checked against its SHA-256.");
    /** The build to deploy. */
    public static final BotOption<String> BUILD = BotOption.optional("build", OptionType.STRING, null,
            "Directory target: the build whose stored .jar or .war is deployed, by its build id or the id of its"
                    + " build.completed message, from any run in the journal (for example the one of an earlier"
                    + " lotabots build); by default only the build of this run is deployed.");
    /** The start command. */
    public static final BotOption<String> START_COMMAND = BotOption.optional("startCommand", OptionType.STRING, null,
            "Directory target: command that starts a release, with ${PORT}, ${RELEASE_DIR}, ${ARTIFACT} and"
                    + " ${VERSION}, for example 'java -jar ${ARTIFACT} --server.port=${PORT}'; a .jar starts with"
                    + " 'java -jar ${ARTIFACT}' by default. The process gets PORT, SERVER_PORT and APP_VERSION.");
    /** The stop command. */
    public static final BotOption<String> STOP_COMMAND = BotOption.optional("stopCommand", OptionType.STRING, null,
            "Directory target: command that stops a release; by default its process is stopped.");
    /** The health path. */
    public static final BotOption<String> HEALTH_PATH = BotOption.optional("healthPath", OptionType.STRING,
            DEFAULT_HEALTH_PATH, "Directory target: path a started release must answer with 200.");
    /** The blue port. */
    public static final BotOption<Integer> BLUE_PORT = BotOption.optional("bluePort", OptionType.INTEGER,
            DEFAULT_BLUE_PORT, "Directory target: port of the blue slot.");
    /** The green port. */
    public static final BotOption<Integer> GREEN_PORT = BotOption.optional("greenPort", OptionType.INTEGER,
            DEFAULT_GREEN_PORT, "Directory target: port of the green slot.");
    /** The start timeout. */
    public static final BotOption<Duration> START_TIMEOUT = BotOption.optional("startTimeout", OptionType.DURATION,
            DEFAULT_START_TIMEOUT, "Directory target: how long a release may take to answer its health check.");
    /** The environments that need approval. */
    public static final BotOption<List<String>> APPROVAL_REQUIRED = BotOption.optional("approvalRequired",
            OptionType.STRING_LIST, DEFAULT_APPROVAL_REQUIRED, "Environments whose deployment needs approval"
                    + " (approve, or approvalOverride with a reason).");
    /** The approval. */
    public static final BotOption<Boolean> APPROVE = BotOption.optional("approve", OptionType.BOOLEAN, Boolean.FALSE,
            "Approves the deployment to environments that need approval; recorded as approval.granted by the"
                    + " user who runs it.");
    /** The approval override. */
    public static final BotOption<String> APPROVAL_OVERRIDE = BotOption.optional("approvalOverride",
            OptionType.STRING, null, "Skips approval for a hotfix or security fix, with the reason, for example"
                    + " 'INC-42 checkout down'; recorded as approval.overridden with who and why.");
    /** The rollback flag. */
    public static final BotOption<Boolean> ROLLBACK = BotOption.optional("rollback", OptionType.BOOLEAN,
            Boolean.FALSE, "Rolls the environment back to the state before its last successful deployment recorded"
                    + " in the journal, instead of deploying (lotabots deploy rollback --environment ENV).");

    private static final BotDescriptor<DeployRequest> DESCRIPTOR = BotDescriptor.of(ID, NAME,
            "Deploys a version to an environment on Kubernetes or into release folders, rolling, blue-green or"
                    + " canary, with a backup first, smoke tests before traffic moves and rollback on failure or"
                    + " on demand; announces deploy.started, deploy.completed, deploy.failed and"
                    + " deploy.rolled_back.",
            List.of(TARGET, ENVIRONMENT, ENVIRONMENTS, VERSION, MANIFESTS, IMAGE, APP_NAME, REPLICAS, PORT, VARIABLES,
                    STRATEGY, SMOKE, SMOKE_RETRIES, SMOKE_TIMEOUT, CANARY_WINDOW, CANARY_INTERVAL, NAMESPACE, CONTEXT,
                    KUBECONFIG, ROLLOUT_TIMEOUT, IDLE_REPLICAS, PREVIEW_URL, URL, ROLLBACK_WINDOW, RELEASES, ARTIFACT,
                    BUILD, START_COMMAND, STOP_COMMAND, HEALTH_PATH, BLUE_PORT, GREEN_PORT, START_TIMEOUT,
                    APPROVAL_REQUIRED, APPROVE, APPROVAL_OVERRIDE, ROLLBACK),
            DeployBotDescriptor::toRequest);

    private DeployBotDescriptor() {
    }

    /**
     * Returns the descriptor.
     *
     * @return the descriptor
     */
    public static BotDescriptor<DeployRequest> get() {
        return DESCRIPTOR;
    }

    private static DeployRequest toRequest(final BotOptions options) {
        List<String> environments = new ArrayList<>();
        if (options.get(ENVIRONMENT) != null) {
            environments.add(options.get(ENVIRONMENT));
        }
        environments.addAll(options.require(ENVIRONMENTS));
        if (environments.isEmpty()) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Option '" + options.nameOf(ENVIRONMENT)
                    + "' of DeployBot is required: give the environment to deploy to, for example staging (or "
                    + options.nameOf(ENVIRONMENTS) + " staging,production).");
        }
        if (options.get(ENVIRONMENT) != null && !options.require(ENVIRONMENTS).isEmpty()) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Options '" + options.nameOf(ENVIRONMENT) + "' and '"
                    + options.nameOf(ENVIRONMENTS) + "' of DeployBot exclude each other; give one of them.");
        }
        return DeployRequest.builder()
                .target(options.get(TARGET))
                .environments(environments)
                .version(options.get(VERSION))
                .strategy(DeployStrategy.of(options.require(STRATEGY)).orElseThrow())
                .smoke(options.require(SMOKE))
                .smokeAttempts(options.require(SMOKE_RETRIES), options.require(SMOKE_TIMEOUT),
                        DEFAULT_SMOKE_RETRY_DELAY)
                .canary(options.require(CANARY_WINDOW), options.require(CANARY_INTERVAL))
                .rollbackWindow(options.require(ROLLBACK_WINDOW))
                .url(options.get(URL))
                .rollback(options.require(ROLLBACK))
                .kubernetes(new DeployRequest.Kubernetes(options.require(MANIFESTS), options.get(IMAGE),
                        options.get(APP_NAME), options.require(REPLICAS), options.require(PORT),
                        options.require(VARIABLES), options.require(NAMESPACE), options.require(CONTEXT),
                        options.get(KUBECONFIG), options.require(ROLLOUT_TIMEOUT), options.get(IDLE_REPLICAS),
                        options.get(PREVIEW_URL)))
                .directory(new DeployRequest.Directory(options.require(RELEASES), options.get(ARTIFACT),
                        options.get(BUILD), options.get(START_COMMAND), options.get(STOP_COMMAND),
                        options.require(HEALTH_PATH),
                        options.require(BLUE_PORT), options.require(GREEN_PORT), options.require(START_TIMEOUT)))
                .approval(new DeployRequest.Approval(options.require(APPROVAL_REQUIRED), options.require(APPROVE),
                        options.get(APPROVAL_OVERRIDE)))
                .build();
    }
}
