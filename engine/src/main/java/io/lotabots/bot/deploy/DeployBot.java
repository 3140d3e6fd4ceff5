package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.deploy.kubernetes.KubeconfigConnector;
import io.lotabots.bot.deploy.kubernetes.KubernetesConnector;
import io.lotabots.bot.deploy.kubernetes.KubernetesSettings;
import io.lotabots.bot.deploy.kubernetes.KubernetesTarget;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpCheck;
import io.lotabots.http.HttpCheckResult;
import io.lotabots.http.HttpChecker;
import io.lotabots.http.HttpChecker.Sleeper;
import io.lotabots.message.ApprovalDenied;
import io.lotabots.message.ApprovalGranted;
import io.lotabots.message.ApprovalOverridden;
import io.lotabots.message.ApprovalRequested;
import io.lotabots.message.BusMessage;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.DeployStarted;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys a version to one environment, or to several one after the other, and rolls back.
 *
 * <ol>
 *     <li>Checks every input first, for every environment: the smoke tests, the version, and the target's own
 *     inputs (manifests, image, credentials, namespace, artifact). A bad input throws before anything changes.</li>
 *     <li>Per environment, in order: the approval point (when the environment needs approval: {@code approve}
 *     records {@code approval.granted}, {@code approvalOverride} records {@code approval.overridden} with who and
 *     why, neither records {@code approval.denied} and stops), {@code deploy.started}, a backup of what will be
 *     changed, then the target deploys with the strategy and asks DeployBot's smoke tests (and, for a canary, the
 *     {@link CanaryJudge}) before traffic moves.</li>
 *     <li>Success publishes {@code deploy.completed} with the time taken, strategy, revision, backup reference
 *     and URL. A failure leaves the previous version serving (the target undoes its changes) and publishes
 *     {@code deploy.failed} with what was done and undone, and {@code deploy.rolled_back} when an earlier version
 *     serves again; later environments are not touched.</li>
 *     <li>With {@code rollback}, DeployBot finds the last successful {@code deploy.completed} of the environment
 *     in the journal (skipping those already rolled back on demand), restores its backup, and publishes
 *     {@code deploy.rolled_back}.</li>
 * </ol>
 */
public final class DeployBot implements Bot<DeployRequest, DeployResult> {
    /** The start of the reason of every on-demand {@code deploy.rolled_back}. */
    static final String ON_DEMAND = "on demand";
    private static final int MAX_REASON = 8_000;

    private final Sleeper sleeper;
    @CheckForNull
    private final KubernetesConnector connector;
    @CheckForNull
    private final CanaryJudge judge;

    /**
     * Creates the bot: it connects with kubeconfigs, sleeps for real and judges canaries with health checks.
     */
    public DeployBot() {
        this(Sleeper.THREAD, null, null);
    }

    /**
     * Creates the bot with the given parts, for tests and for front-ends that wire another canary judge.
     *
     * @param sleeper waits between rollout looks, retries and health check rounds
     * @param connector opens Kubernetes clients, or {@code null} for kubeconfigs
     * @param judge decides on canaries, or {@code null} for {@link HealthCheckJudge} over the smoke tests
     */
    public DeployBot(final Sleeper sleeper, @CheckForNull final KubernetesConnector connector,
            @CheckForNull final CanaryJudge judge) {
        this.sleeper = sleeper;
        this.connector = connector;
        this.judge = judge;
    }

    @Override
    public BotDescriptor<DeployRequest> getDescriptor() {
        return DeployBotDescriptor.get();
    }

    @Override
    public DeployResult run(final DeployRequest request, final BotContext context) {
        return new Run(request, context).execute();
    }

    /**
     * One run of the bot.
     */
    private final class Run {
        private final DeployRequest request;
        private final BotContext context;
        private final EngineLog log = new EngineLog("Errors of DeployBot:");
        private final LogSink out;
        private final List<Message> messages = new ArrayList<>();
        private final BackupStore backups;
        private final HttpChecker checker;

        Run(final DeployRequest request, final BotContext context) {
            this.request = request;
            this.context = context;
            this.out = context.getLog().and(log.masked(context.getMasker()));
            this.backups = BackupStore.in(context.getOutputs(), context.getClock());
            this.checker = new HttpChecker(context.getHttp(), context.getClock(), sleeper);
        }

        DeployResult execute() {
            checkRequest();
            if (request.rollback()) {
                return rollback();
            }
            String kind = kind();
            BuiltArtifact built = builtArtifact(kind);
            String version = version(built);
            if (built != null) {
                out.info("Deploying %s of the build %s (SHA-256 checked against build.completed) as version %s",
                        built.shown(), built.buildId(), version);
            }
            List<DeployTarget> targets = new ArrayList<>();
            List<DeployResult.EnvironmentResult> results = new ArrayList<>();
            try {
                for (String environment : request.environments()) {
                    DeployTarget target = open(kind, environment, version, built);
                    targets.add(target);
                    target.validate();
                }
                for (int i = 0; i < targets.size(); i++) {
                    DeployResult.EnvironmentResult result = deployTo(request.environments().get(i), version,
                            targets.get(i));
                    results.add(result);
                    if (!result.deployed()) {
                        break;
                    }
                }
            }
            finally {
                targets.forEach(DeployTarget::close);
            }
            boolean success = results.size() == request.environments().size()
                    && results.stream().allMatch(DeployResult.EnvironmentResult::deployed);
            DeployResult.EnvironmentResult last = results.get(results.size() - 1);
            String summary = success ? String.format(Locale.ROOT, "Deployed %s to %s (%s, %s)%s", version,
                    String.join(", ", request.environments()), request.strategy().getId(), kind,
                    last.url() == null ? "" : " at " + last.url())
                    : String.format(Locale.ROOT, "Deployment of %s to %s failed: %s%s", version, last.environment(),
                            last.failure(), previousOf(last));
            return new DeployResult(success ? BotStatus.SUCCESS : BotStatus.FAILURE, summary, log, messages,
                    results);
        }

        private static String previousOf(final DeployResult.EnvironmentResult result) {
            String previous = result.previousVersion();
            return previous != null && result.rolledBack() ? "; " + previous + " serves again" : "";
        }

        private void checkRequest() {
            for (String environment : request.environments()) {
                if (!environment.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                    throw invalid("The environment '" + environment + "' is not a name of letters, digits, ., _"
                            + " and -; give one like staging or production.");
                }
            }
            if (request.environments().stream().distinct().count() != request.environments().size()) {
                throw invalid("The environments " + request.environments() + " name one environment twice.");
            }
            for (String spec : request.smoke()) {
                smokeCheck(spec, URI.create("http://localhost"));
            }
            if (request.smokeRetries() < 0 || request.smokeRetries() > HttpCheck.MAX_RETRIES) {
                throw invalid(option(DeployBotDescriptor.SMOKE_RETRIES) + " must be between 0 and "
                        + HttpCheck.MAX_RETRIES + ".");
            }
            if (request.canaryWindow().isNegative()) {
                throw invalid(option(DeployBotDescriptor.CANARY_WINDOW) + " must not be negative.");
            }
            if (request.rollbackWindow().isNegative()) {
                throw invalid(option(DeployBotDescriptor.ROLLBACK_WINDOW) + " must not be negative.");
            }
            DeployRequest.Kubernetes kubernetes = request.kubernetes();
            if (kubernetes.replicas() < 0 || kubernetes.replicas() > 1000) {
                throw invalid(option(DeployBotDescriptor.REPLICAS) + " must be between 0 and 1000; was "
                        + kubernetes.replicas() + ".");
            }
            if (kubernetes.port() < 1 || kubernetes.port() > 65_535) {
                throw invalid(option(DeployBotDescriptor.PORT) + " must be a port between 1 and 65535; was "
                        + kubernetes.port() + ".");
            }
            Integer idle = kubernetes.idleReplicas();
            if (idle != null && idle < 0) {
                throw invalid(option(DeployBotDescriptor.IDLE_REPLICAS) + " must not be negative.");
            }
            String overrideReason = request.approval().overrideReason();
            if (overrideReason != null && overrideReason.isBlank()) {
                throw invalid(option(DeployBotDescriptor.APPROVAL_OVERRIDE)
                        + " needs a reason, for example 'INC-42 checkout down'.");
            }
        }

        /** "Option '--smoke-retries'" on the command line, "Option 'smokeRetries'" in Jenkins. */
        private String option(final io.lotabots.bot.BotOption<?> option) {
            return "Option '" + context.nameOf(option) + "'";
        }

        private String kind() {
            String target = request.target();
            if (target != null) {
                return target;
            }
            return request.kubernetes().isGiven() ? "kubernetes" : "directory";
        }

        /** The build's artifact, for a directory deployment that names no file: of this run, or the named build. */
        @CheckForNull
        private BuiltArtifact builtArtifact(final String kind) {
            DeployRequest.Directory directory = request.directory();
            if (directory.build() != null && !"directory".equals(kind)) {
                String build = context.nameOf(DeployBotDescriptor.BUILD);
                throw invalid("Option '" + build + "' names the build whose .jar or .war the directory target"
                        + " deploys; the kubernetes target deploys an image. Remove " + build + ", or deploy with "
                        + context.nameOf(DeployBotDescriptor.TARGET) + " directory.");
            }
            if (directory.build() != null && directory.artifact() != null) {
                String artifact = context.nameOf(DeployBotDescriptor.ARTIFACT);
                String build = context.nameOf(DeployBotDescriptor.BUILD);
                throw invalid("Options '" + artifact + "' and '" + build + "' exclude each other: give the file"
                        + " with " + artifact + ", or the build whose stored file is deployed with " + build + ".");
            }
            if (!"directory".equals(kind) || directory.artifact() != null) {
                return null;
            }
            return BuiltArtifact.find(context, directory.build())
                    .orElseThrow(() -> invalid(BuiltArtifact.noBuildOfThisRun(context)));
        }

        private String version(@CheckForNull final BuiltArtifact built) {
            String given = request.version();
            if (given != null) {
                if (given.isBlank() || given.length() > 128) {
                    throw invalid(option(DeployBotDescriptor.VERSION)
                            + " must be a non-empty text of at most 128 characters.");
                }
                return given;
            }
            String image = request.kubernetes().image();
            String tag = image == null ? null : tagOf(image);
            if (tag != null) {
                return tag;
            }
            if (built != null) {
                return built.buildId();
            }
            throw invalid("Give the version being deployed (appVersion: '1.4.2', --app-version 1.4.2), or an image"
                    + " with a tag, or run BuildBot with artifacts first so that its build id is the version.");
        }

        @CheckForNull
        private static String tagOf(final String image) {
            String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
            return last.contains(":") ? last.substring(last.indexOf(':') + 1) : null;
        }

        private DeployTarget open(final String kind, final String environment, final String version,
                @CheckForNull final BuiltArtifact built) {
            if ("directory".equals(kind)) {
                return DirectoryDeployTarget.create(request, environment, version, context,
                        built == null ? null : built.file());
            }
            DeployRequest.Kubernetes kubernetes = request.kubernetes();
            String namespace = perEnvironment("namespace", kubernetes.namespace(), environment).orElse(environment);
            String kubeContext = perEnvironment("context", kubernetes.context(), environment).orElse(null);
            Path kubeconfig = kubernetes.kubeconfig() == null ? null
                    : context.getWorkspace().resolve(kubernetes.kubeconfig()).normalize();
            List<Path> manifests = kubernetes.manifests().stream()
                    .map(path -> context.getWorkspace().resolve(path).normalize()).toList();
            KubernetesSettings settings = new KubernetesSettings(environment, namespace, manifests,
                    kubernetes.image(), kubernetes.name(), kubernetes.replicas(), kubernetes.port(), version,
                    variables(kubernetes.variables()), request.url(), kubernetes.previewUrl(),
                    kubernetes.rolloutTimeout(), kubernetes.idleReplicas(), request.rollbackWindow());
            KubernetesConnector connecting = connector != null ? connector
                    : new KubeconfigConnector(name -> (KubeconfigConnector.KUBECONFIG_TEXT.equals(name)
                            ? context.getSecret(name) : context.getVariable(name)).orElse(null));
            return new KubernetesTarget(settings, connecting.connect(environment, kubeContext, kubeconfig),
                    context.getWorkspace(), context.getClock(), sleeper, out);
        }

        private Optional<String> perEnvironment(final String option, final List<String> values,
                final String environment) {
            String plain = null;
            for (String value : values) {
                int equals = value.indexOf('=');
                if (equals < 0) {
                    if (plain != null) {
                        throw invalid("Option '" + option + "' has two values without an environment ('" + plain
                                + "', '" + value + "'); give one value, or ENV=VALUE entries.");
                    }
                    plain = value.strip();
                }
                else if (value.substring(0, equals).strip().equals(environment)) {
                    return Optional.of(value.substring(equals + 1).strip());
                }
            }
            return Optional.ofNullable(plain);
        }

        private Map<String, String> variables(final List<String> entries) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                String key = equals < 0 ? "" : entry.substring(0, equals).strip();
                if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw invalid("The variable '" + entry + "' is not KEY=VALUE with a KEY of letters, digits and"
                            + " _; for example LOG_LEVEL=info.");
                }
                variables.put(key, entry.substring(equals + 1));
            }
            return variables;
        }

        private DeployResult.EnvironmentResult deployTo(final String environment, final String version,
                final DeployTarget target) {
            String strategy = request.strategy().getId();
            if (!approved(environment, version)) {
                return new DeployResult.EnvironmentResult(environment, version, target.getKind(), strategy, false,
                        false, null, null, null, null, "the deployment to " + environment + " needs approval",
                        List.of());
            }
            publish(new DeployStarted(environment, version, strategy, target.getKind()));
            out.info("Deploying %s to %s (%s) with %s", version, environment, target.describe(), strategy);
            Instant start = context.getClock().instant();
            String backupRef = null;
            try {
                backupRef = target.backup(backups).orElse(null);
                TargetDeployment deployment = target.deploy(request.strategy(), checks(environment, version));
                double seconds = Duration.between(start, context.getClock().instant()).toMillis() / 1000.0;
                if (deployment.switched()) {
                    publish(new DeployCompleted(environment, version, seconds, strategy, deployment.revision(),
                            backupRef, deployment.url()));
                    out.info("Deployed %s to %s: %s", version, environment, String.join("; ", deployment.actions()));
                    return new DeployResult.EnvironmentResult(environment, version, target.getKind(), strategy, true,
                            false, deployment.revision(), backupRef, deployment.url(), deployment.previousVersion(),
                            null, deployment.actions());
                }
                String reason = cap(deployment.failure() + ". Done and undone: "
                        + String.join("; ", deployment.actions()) + (deployment.restored() ? ""
                        : ". The undo was NOT complete: check the environment by hand."));
                publish(new DeployFailed(environment, version, reason, deployment.restored()));
                String previous = deployment.previousVersion();
                boolean rolledBack = deployment.restored() && previous != null;
                if (rolledBack) {
                    publish(new DeployRolledBack(environment, version, previous,
                            cap("automatic: " + deployment.failure())));
                }
                out.error("Deployment of " + version + " to " + environment + " failed: " + deployment.failure()
                        + (rolledBack ? "; " + previous + " serves again" : ""));
                return new DeployResult.EnvironmentResult(environment, version, target.getKind(), strategy, false,
                        rolledBack, null, backupRef, null, deployment.previousVersion(), deployment.failure(),
                        deployment.actions());
            }
            catch (LotaBotsException e) {
                publish(new DeployFailed(environment, version, cap(e.getMessage()), Boolean.FALSE));
                out.error("Deployment of " + version + " to " + environment + " failed: " + e.getMessage());
                return new DeployResult.EnvironmentResult(environment, version, target.getKind(), strategy, false,
                        false, null, backupRef, null, null, e.getMessage(), List.of());
            }
        }

        private boolean approved(final String environment, final String version) {
            DeployRequest.Approval approval = request.approval();
            if (!approval.required().contains(environment)) {
                return true;
            }
            String gate = "deploy." + environment;
            String user = user();
            String overrideReason = approval.overrideReason();
            if (overrideReason != null) {
                publish(new ApprovalOverridden(gate, user, overrideReason));
                out.info("Approval for %s overridden by %s: %s", environment, user, overrideReason);
                return true;
            }
            publish(new ApprovalRequested(gate, environment, "deploy " + version + " to " + environment));
            if (approval.approve()) {
                publish(new ApprovalGranted(gate, user, null));
                out.info("Deployment of %s to %s approved by %s", version, environment, user);
                return true;
            }
            publish(new ApprovalDenied(gate, "not approved: the deployment to " + environment + " needs approve"
                    + " (--approve) or approvalOverride with a reason", null));
            out.error("The deployment of " + version + " to " + environment + " needs approval: run it with approve"
                    + " (--approve), or with approvalOverride and a reason for a hotfix; nothing was changed there.");
            return false;
        }

        private String user() {
            for (String name : List.of("BUILD_USER_ID", "BUILD_USER", "USER", "USERNAME")) {
                Optional<String> value = context.getVariable(name).filter(text -> !text.isBlank());
                if (value.isPresent()) {
                    return value.get();
                }
            }
            return "unknown";
        }

        private DeployChecks checks(final String environment, final String version) {
            CanaryJudge canaryJudge = judge != null ? judge : new HealthCheckJudge(this::smoke,
                    request.canaryInterval(), context.getClock(), sleeper, out);
            return new DeployChecks() {
                @Override
                public CheckOutcome smoke(final URI baseUrl) {
                    return Run.this.smoke(baseUrl);
                }

                @Override
                public CheckOutcome canary(final URI baseUrl) {
                    if (judge == null && request.smoke().isEmpty()) {
                        out.error("The canary of " + version + " is not watched: give smoke tests, which serve as"
                                + " its health checks, or a canary judge");
                        return CheckOutcome.pass("no health checks given; the canary only had to roll out");
                    }
                    out.info("Watching the canary of %s in %s for %s", version, environment,
                            io.lotabots.util.Durations.format(request.canaryWindow()));
                    return canaryJudge.judge(new CanaryJudge.Canary(environment, version, baseUrl,
                            request.canaryWindow()));
                }
            };
        }

        private CheckOutcome smoke(final URI baseUrl) {
            if (request.smoke().isEmpty()) {
                return CheckOutcome.pass("no smoke tests given");
            }
            List<String> lines = new ArrayList<>();
            String firstFailure = null;
            int passed = 0;
            for (String spec : request.smoke()) {
                HttpCheck check = smokeCheck(spec, baseUrl);
                HttpCheckResult result;
                try {
                    result = checker.run(check);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new CheckOutcome(false, "interrupted during the smoke tests", lines);
                }
                lines.add(result.describe());
                if (result.passed()) {
                    passed++;
                    out.info("Smoke test %s", result.describe());
                }
                else {
                    out.error("Smoke test " + result.describe());
                    if (firstFailure == null) {
                        firstFailure = result.describe();
                    }
                }
            }
            int total = request.smoke().size();
            return new CheckOutcome(firstFailure == null, firstFailure == null
                    ? passed + " of " + total + " passed" : passed + " of " + total + " passed; " + firstFailure,
                    lines);
        }

        private HttpCheck smokeCheck(final String spec, final URI baseUrl) {
            String text = spec.strip();
            if (text.startsWith("/")) {
                String base = baseUrl.toString();
                text = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + text;
            }
            return HttpCheck.parse(text).withTimeout(request.smokeTimeout())
                    .withRetries(request.smokeRetries(), request.smokeRetryDelay());
        }

        private DeployResult rollback() {
            if (request.environments().size() != 1) {
                throw invalid("A rollback takes one environment; give environment: 'production' (or the one to"
                        + " roll back).");
            }
            String environment = request.environments().get(0);
            Deque<DeployCompleted> completed = new ArrayDeque<>();
            Map<String, String> targets = new HashMap<>();
            for (Message message : context.getBus().query(MessageFilter.ofTypes(DeployStarted.TYPE,
                    DeployCompleted.TYPE, DeployRolledBack.TYPE))) {
                Optional<BusMessage> payload;
                try {
                    payload = message.typedPayload();
                }
                catch (RuntimeException e) {
                    out.error("Skipped an unreadable " + message.getType() + " message " + message.getId() + ": "
                            + e.getMessage());
                    continue;
                }
                if (payload.isEmpty()) {
                    continue;
                }
                if (payload.get() instanceof DeployStarted started && started.environment().equals(environment)
                        && started.target() != null) {
                    targets.put(started.version(), started.target());
                }
                else if (payload.get() instanceof DeployCompleted done && done.environment().equals(environment)) {
                    completed.push(done);
                }
                else if (payload.get() instanceof DeployRolledBack back && back.environment().equals(environment)
                        && back.reason().startsWith(ON_DEMAND) && !completed.isEmpty()
                        && completed.peek().version().equals(back.fromVersion())) {
                    completed.pop();
                }
            }
            io.lotabots.bus.Journal journalFile = context.getBus().getJournal();
            String journal = journalFile == null ? "the bus of this run" : "the journal " + journalFile.getFile();
            if (completed.isEmpty()) {
                throw LotaBotsException.of(DeployErrorCode.NOTHING_TO_ROLL_BACK, "Nothing to roll back in '"
                        + environment + "': " + journal + " records no successful deployment there (or every one"
                        + " was rolled back already). Give the --journal of the runs that deployed.");
            }
            DeployCompleted last = completed.peek();
            String backupRef = last.backupRef();
            if (backupRef == null) {
                throw LotaBotsException.of(DeployErrorCode.NOTHING_TO_ROLL_BACK, "Nothing to roll back to in '"
                        + environment + "': version " + last.version() + " was its first deployment (nothing was"
                        + " deployed there before it, so there is no backup).");
            }
            String kind = request.target() != null ? kind() : targets.getOrDefault(last.version(), kind());
            out.info("Rolling %s back from %s to the state before it (backup %s)", environment, last.version(),
                    backupRef);
            try (DeployTarget target = open(kind, environment, last.version(), null)) {
                TargetRollback rollback = target.rollback(backupRef, backups);
                String fromVersion = rollback.fromVersion();
                String from = fromVersion != null ? fromVersion : last.version();
                if (!rollback.rolledBack()) {
                    String reason = cap("rollback to " + backupRef + " failed. Done: "
                            + String.join("; ", rollback.actions()));
                    publish(new DeployFailed(environment, from, reason, Boolean.FALSE));
                    return new DeployResult(BotStatus.FAILURE, "Rollback of " + environment + " failed: " + reason,
                            log, messages, List.of(new DeployResult.EnvironmentResult(environment, from, kind,
                                    "rollback", false, false, null, backupRef, null, null, reason,
                                    rollback.actions())));
                }
                String toVersion = rollback.toVersion();
                String to = toVersion != null ? toVersion : "unknown";
                publish(new DeployRolledBack(environment, from, to, cap(ON_DEMAND + ": restored " + backupRef
                        + ", the state before " + last.version() + ". Done: " + String.join("; ",
                        rollback.actions())), httpUrl(rollback.url())));
                out.info("Rolled %s back from %s to %s", environment, from, to);
                return new DeployResult(BotStatus.SUCCESS, "Rolled " + environment + " back from " + from + " to "
                        + to, log, messages, List.of(new DeployResult.EnvironmentResult(environment, to, kind,
                                "rollback", true, true, null, backupRef, rollback.url(), from, null,
                                rollback.actions())));
            }
        }

        /** Returns the URL a target reported when it is an HTTP one, else {@code null}. */
        @CheckForNull
        private static String httpUrl(@CheckForNull final String url) {
            return url != null && (url.startsWith("http://") || url.startsWith("https://")) ? url : null;
        }

        private void publish(final BusMessage payload) {
            messages.add(context.publish(DeployBotDescriptor.NAME, payload));
        }

        private static String cap(final String text) {
            return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
        }
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(DeployErrorCode.INVALID_REQUEST, message);
    }
}
