package io.lotabots.bot.deploy.kubernetes;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import io.lotabots.bot.deploy.BackupStore;
import io.lotabots.bot.deploy.CheckOutcome;
import io.lotabots.bot.deploy.DeployChecks;
import io.lotabots.bot.deploy.DeployErrorCode;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.bot.deploy.DeployTarget;
import io.lotabots.bot.deploy.TargetDeployment;
import io.lotabots.bot.deploy.TargetRollback;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpChecker.Sleeper;
import io.lotabots.util.Durations;
import io.lotabots.util.LogSink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Deploys one application into one namespace with the fabric8 client.
 *
 * <ul>
 *     <li>{@code rolling}: applies the Deployment (and the other manifests) and waits for its own rolling update;
 *     smoke tests run once it is rolled out.</li>
 *     <li>{@code blueGreen}: the Deployment runs as {@code <name>-blue} and {@code <name>-green}, told apart by the
 *     label {@value #COLOUR}. The new colour is applied and rolled out, a {@code <service>-preview} Service points
 *     at it for the smoke tests, and only when they pass does the Service's selector switch to the new colour. The
 *     old colour is kept (scaled to {@code idleReplicas} if given) and annotated {@value #RETIRED_AT}; a later run
 *     removes it once the rollback window has passed.</li>
 *     <li>{@code canary}: a {@code <name>-canary} Deployment with one pod of the new version, which the Service
 *     also selects, is rolled out, smoke-tested and watched for the check window; only then is the main
 *     Deployment updated, and the canary removed. A failed check removes the canary and leaves the main one as it
 *     was.</li>
 * </ul>
 *
 * <p>Every object the deployment touches is saved first; on any failure (rollout, smoke test, canary check, API)
 * the target restores what it changed and deletes what it created, so that the previous version keeps serving.
 * Every step, done and undone, is listed in the outcome's actions.</p>
 */
public final class KubernetesTarget implements DeployTarget {
    /** The annotation with the version a Deployment runs. */
    public static final String VERSION = "lotabots.io/version";
    /** The annotation with DeployBot's revision counter of a Deployment. */
    public static final String REVISION = "lotabots.io/revision";
    /** The annotation on an old colour: when it stopped serving. */
    public static final String RETIRED_AT = "lotabots.io/retired-at";
    /** The label that tells the colours of a blue-green deployment apart. */
    public static final String COLOUR = "lotabots.io/colour";
    /** The label of a canary's pods. */
    public static final String TRACK = "lotabots.io/track";
    /** The label on every Deployment DeployBot derives from the application's one. */
    public static final String APP = "lotabots.io/app";
    /** The time between two looks at a rollout. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private static final String BLUE = "blue";
    private static final String GREEN = "green";
    private static final String DEPLOYMENT = "Deployment";

    private final KubernetesSettings settings;
    private final KubernetesClient client;
    private final Path workspace;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LogSink log;
    private final ApiCalls api;
    private final KubernetesSerialization serialization = Manifests.SERIALIZATION;

    private Deployment desired = new Deployment();
    @CheckForNull
    private Service service;
    private final List<HasMetadata> others = new ArrayList<>();
    private String app = "";
    private boolean validated;

    @CheckForNull
    private Map<String, HasMetadata> before;
    private final Set<String> touched = new LinkedHashSet<>();
    private final List<String> actions = new ArrayList<>();

    /**
     * Creates the target.
     *
     * @param settings what to deploy, and where
     * @param client the client, connected to the environment's cluster; {@link #close()} closes it
     * @param workspace the workspace, where manifests are read
     * @param clock the clock that times rollouts and the rollback window
     * @param sleeper waits between looks at a rollout and between API retries
     * @param log where progress goes
     */
    public KubernetesTarget(final KubernetesSettings settings, final KubernetesClient client, final Path workspace,
            final Clock clock, final Sleeper sleeper, final LogSink log) {
        this.settings = settings;
        this.client = client;
        this.workspace = workspace.toAbsolutePath().normalize();
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
        this.api = new ApiCalls(sleeper, log);
    }

    @Override
    public String getKind() {
        return "kubernetes";
    }

    @Override
    public String describe() {
        return "namespace " + settings.namespace();
    }

    /**
     * Returns the application name, once validated.
     *
     * @return the name of the application's Deployment
     */
    public String getApplication() {
        return app;
    }

    @Override
    public void validate() {
        String image = settings.image();
        List<Manifests.Manifest> manifests;
        if (!settings.manifests().isEmpty()) {
            manifests = new Manifests().load(workspace, settings.manifests(), variables());
        }
        else if (image != null) {
            String given = settings.name();
            String name = given != null ? given : Manifests.nameOf(image);
            if (name == null) {
                throw LotaBotsException.of(DeployErrorCode.INVALID_REQUEST, "Cannot derive an application name from"
                        + " the image '" + image + "'; give the name option.");
            }
            manifests = Manifests.generate(Manifests.checkName(name), image, settings.replicas(), settings.port());
        }
        else {
            throw LotaBotsException.of(DeployErrorCode.INVALID_REQUEST, "Environment '" + settings.environment()
                    + "': give manifests (YAML files or a folder) or an image to deploy to Kubernetes.");
        }
        List<Deployment> deployments = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        others.clear();
        for (Manifests.Manifest manifest : manifests) {
            HasMetadata object = manifest.object();
            String namespace = object.getMetadata().getNamespace();
            if (namespace != null && !namespace.equals(settings.namespace())) {
                throw Manifests.invalid("The manifest " + manifest.source() + " names the namespace '" + namespace
                        + "' but environment '" + settings.environment() + "' deploys to '" + settings.namespace()
                        + "'; remove metadata.namespace or give the namespace option.");
            }
            if (object instanceof Deployment deployment) {
                deployments.add(deployment);
            }
            else if (object instanceof Service candidate) {
                services.add(candidate);
            }
            else {
                others.add(object);
            }
        }
        if (deployments.size() != 1) {
            throw Manifests.invalid("The manifests hold " + deployments.size() + " Deployments; DeployBot deploys one"
                    + " application per call, so give exactly one Deployment (and its Service, ConfigMaps, ...).");
        }
        desired = deployments.get(0);
        app = Manifests.checkName(desired.getMetadata().getName());
        service = services.stream().filter(this::selectsApplication).findFirst().orElse(null);
        if (services.size() > 1 || services.size() == 1 && service == null) {
            throw Manifests.invalid("The manifests hold " + services.size() + " Services; give one, whose selector"
                    + " matches the pods of the Deployment '" + app + "'.");
        }
        if (image != null && settings.manifests().isEmpty()) {
            log.info("Generated Deployment and Service '%s' for %s: %d replicas, port %d", app, image,
                    settings.replicas(), settings.port());
        }
        checkNamespace();
        validated = true;
    }

    private void checkNamespace() {
        api.call("read Namespace " + settings.namespace(), () -> {
            if (client.namespaces().withName(settings.namespace()).get() == null) {
                throw LotaBotsException.of(DeployErrorCode.NO_NAMESPACE, "The namespace '" + settings.namespace()
                        + "' of environment '" + settings.environment() + "' does not exist; create it (kubectl"
                        + " create namespace " + settings.namespace() + ") or give the namespace option.");
            }
            return Boolean.TRUE;
        });
    }

    private boolean selectsApplication(final Service candidate) {
        Map<String, String> selector = candidate.getSpec() == null ? null : candidate.getSpec().getSelector();
        Map<String, String> labels = desired.getSpec().getTemplate().getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("VERSION", settings.version());
        variables.put("ENVIRONMENT", settings.environment());
        variables.put("NAMESPACE", settings.namespace());
        variables.put("REPLICAS", String.valueOf(settings.replicas()));
        variables.put("PORT", String.valueOf(settings.port()));
        String image = settings.image();
        if (image != null) {
            variables.put("IMAGE", image);
        }
        String name = settings.name();
        if (name != null) {
            variables.put("NAME", name);
        }
        variables.putAll(settings.variables());
        return variables;
    }

    private void ensureValidated() {
        if (!validated) {
            validate();
        }
    }

    // ----- backup -----

    @Override
    public Optional<String> backup(final BackupStore backups) {
        ensureValidated();
        Map<String, HasMetadata> snapshot = snapshot();
        before = snapshot;
        if (snapshot.isEmpty()) {
            log.info("Nothing of '%s' exists in namespace %s yet: nothing to back up", app, settings.namespace());
            return Optional.empty();
        }
        KubernetesList list = new KubernetesListBuilder().withItems(new ArrayList<>(snapshot.values())).build();
        String ref = backups.write(settings.environment(), settings.version(), "kubernetes.yaml",
                serialization.asYaml(list));
        log.info("Backed up %s to %s", String.join(", ", snapshot.keySet()), ref);
        return Optional.of(ref);
    }

    private Map<String, HasMetadata> snapshot() {
        Map<String, HasMetadata> snapshot = new LinkedHashMap<>();
        for (HasMetadata object : others) {
            read(object.getKind(), object.getMetadata().getName()).ifPresent(found -> snapshot.put(key(found), found));
        }
        Service known = service;
        if (known != null) {
            String name = known.getMetadata().getName();
            read("Service", name).ifPresent(found -> snapshot.put(key(found), found));
            read("Service", name + "-preview").ifPresent(found -> snapshot.put(key(found), found));
        }
        for (String name : List.of(app, app + "-" + BLUE, app + "-" + GREEN, app + "-canary")) {
            read(DEPLOYMENT, name).ifPresent(found -> snapshot.put(key(found), found));
        }
        return snapshot;
    }

    private Optional<HasMetadata> read(final String kind, final String name) {
        HasMetadata found = api.call("read " + kind + " " + name, () -> switch (kind) {
            case DEPLOYMENT -> client.apps().deployments().inNamespace(settings.namespace()).withName(name).get();
            case "Service" -> client.services().inNamespace(settings.namespace()).withName(name).get();
            default -> others.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                    .findFirst().map(o -> client.resource(o).inNamespace(settings.namespace()).get()).orElse(null);
        });
        return Optional.ofNullable(found).map(this::clean);
    }

    private <T extends HasMetadata> T clean(final T object) {
        T copy = copy(object);
        ObjectMeta metadata = copy.getMetadata();
        metadata.setResourceVersion(null);
        metadata.setUid(null);
        metadata.setCreationTimestamp(null);
        metadata.setGeneration(null);
        metadata.setManagedFields(null);
        metadata.setNamespace(settings.namespace());
        return copy;
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T copy(final T object) {
        return (T) serialization.unmarshal(serialization.asJson(object), object.getClass());
    }

    private static String key(final HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    // ----- deploy -----

    @Override
    public TargetDeployment deploy(final DeployStrategy strategy, final DeployChecks checks) {
        ensureValidated();
        if (before == null) {
            before = snapshot();
        }
        actions.clear();
        touched.clear();
        String previous = servingVersion().orElse(null);
        Result result = new Result();
        try {
            removeRetired();
            switch (strategy) {
                case BLUE_GREEN -> blueGreen(checks, result);
                case CANARY -> canary(checks, result);
                default -> rolling(checks, result);
            }
        }
        catch (LotaBotsException e) {
            result.failure = e.getMessage();
        }
        if (result.failure == null) {
            return new TargetDeployment(true, settings.version(), result.revision, result.url, previous, null, true,
                    actions);
        }
        log.error("Deployment of " + settings.version() + " to " + settings.environment() + " failed: "
                + result.failure);
        boolean restored = undo();
        return new TargetDeployment(false, settings.version(), null, null, previous, result.failure, restored,
                actions);
    }

    /**
     * What a strategy found.
     */
    private static final class Result {
        @CheckForNull
        private String failure;
        @CheckForNull
        private String revision;
        @CheckForNull
        private String url;
    }

    private void rolling(final DeployChecks checks, final Result result) {
        applyOthers();
        if (service != null) {
            apply(service, "");
        }
        Deployment next = versioned(copy(desired), app);
        apply(next, " with " + images(next));
        result.failure = awaitRollout(app);
        if (result.failure != null) {
            return;
        }
        URI base = serviceUrl(service);
        result.failure = smoke(checks, base);
        result.revision = app + "#" + revisionOf(next);
        result.url = String.valueOf(publicUrl(base));
    }

    private void blueGreen(final DeployChecks checks, final Result result) {
        Service service = this.service;
        if (service == null) {
            throw Manifests.invalid("The blueGreen strategy switches a Service between colours, but the manifests"
                    + " hold no Service that selects the pods of '" + app + "'; add one.");
        }
        String serviceName = service.getMetadata().getName();
        Service live = readService(serviceName);
        String current = live == null || live.getSpec().getSelector() == null ? null
                : live.getSpec().getSelector().get(COLOUR);
        String serving = current != null ? app + "-" + current : exists(app) ? app : null;
        String colour = BLUE.equals(current) ? GREEN : BLUE;
        String name = app + "-" + colour;
        log.info("Blue-green: %s serves now; deploying %s to %s", serving == null ? "nothing" : serving,
                settings.version(), name);
        applyOthers();
        Deployment next = coloured(copy(desired), colour);
        apply(next, " with " + images(next));
        result.failure = awaitRollout(name);
        if (result.failure != null) {
            return;
        }
        Service preview = copy(service);
        preview.setMetadata(new ObjectMeta());
        preview.getMetadata().setName(serviceName + "-preview");
        preview.getMetadata().setLabels(Map.of(APP, app));
        preview.getSpec().setClusterIP(null);
        preview.getSpec().setClusterIPs(null);
        preview.getSpec().setType("ClusterIP");
        preview.getSpec().setSelector(withEntry(service.getSpec().getSelector(), COLOUR, colour));
        apply(preview, " pointing at " + colour);
        String previewUrl = settings.previewUrl();
        URI base = previewUrl != null ? URI.create(previewUrl) : serviceUrl(preview);
        result.failure = smoke(checks, base);
        if (result.failure != null) {
            return;
        }
        Service switched = copy(service);
        switched.getSpec().setSelector(withEntry(service.getSpec().getSelector(), COLOUR, colour));
        if (live != null && live.getSpec() != null) {
            switched.getSpec().setClusterIP(live.getSpec().getClusterIP());
            switched.getSpec().setClusterIPs(live.getSpec().getClusterIPs());
        }
        apply(switched, "", "switched Service " + serviceName + " to " + colour
                + (serving == null ? "" : " (was " + serving + ")"));
        result.revision = name + "#" + revisionOf(next);
        result.url = String.valueOf(publicUrl(serviceUrl(service)));
        if (serving != null && !serving.equals(name)) {
            retire(serving);
        }
    }

    private void canary(final DeployChecks checks, final Result result) {
        if (!exists(app)) {
            log.info("Canary: nothing of '%s' serves yet, so there is nothing to compare with; rolling out directly",
                    app);
            rolling(checks, result);
            return;
        }
        applyOthers();
        String name = app + "-canary";
        Deployment canary = versioned(copy(desired), name);
        canary.getSpec().setReplicas(1);
        canary.getSpec().getSelector().setMatchLabels(withEntry(canary.getSpec().getSelector().getMatchLabels(),
                TRACK, "canary"));
        canary.getSpec().getTemplate().getMetadata().setLabels(withEntry(
                canary.getSpec().getTemplate().getMetadata().getLabels(), TRACK, "canary"));
        canary.getMetadata().setLabels(withEntry(canary.getMetadata().getLabels(), APP, app));
        apply(canary, " with one pod of " + images(canary));
        result.failure = awaitRollout(name);
        if (result.failure != null) {
            return;
        }
        URI base = serviceUrl(service);
        result.failure = smoke(checks, base);
        if (result.failure != null) {
            return;
        }
        CheckOutcome verdict = checks.canary(base);
        actions.add("canary check: " + verdict.summary());
        if (!verdict.passed()) {
            result.failure = "the canary check failed: " + verdict.summary();
            return;
        }
        Deployment next = versioned(copy(desired), app);
        apply(next, " with " + images(next));
        result.failure = awaitRollout(app);
        if (result.failure != null) {
            return;
        }
        api.run("delete Deployment " + name, () -> client.apps().deployments().inNamespace(settings.namespace())
                .withName(name).delete());
        actions.add("removed Deployment/" + name + " (the canary) after the rollout");
        result.revision = app + "#" + revisionOf(next);
        result.url = String.valueOf(publicUrl(base));
    }

    @CheckForNull
    private String smoke(final DeployChecks checks, final URI base) {
        CheckOutcome outcome = checks.smoke(base);
        actions.add("smoke tests: " + outcome.summary());
        return outcome.passed() ? null : "the smoke tests failed: " + outcome.summary();
    }

    private void applyOthers() {
        for (HasMetadata object : others) {
            apply(copy(object), "");
        }
    }

    private Deployment versioned(final Deployment deployment, final String name) {
        deployment.getMetadata().setName(name);
        deployment.getMetadata().setNamespace(settings.namespace());
        Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(
                deployment.getMetadata().getAnnotations(), Map.of()));
        annotations.put(VERSION, settings.version());
        annotations.put(REVISION, String.valueOf(currentRevision(name) + 1));
        annotations.remove(RETIRED_AT);
        deployment.getMetadata().setAnnotations(annotations);
        Map<String, String> podAnnotations = new LinkedHashMap<>(Objects.requireNonNullElse(
                deployment.getSpec().getTemplate().getMetadata().getAnnotations(), Map.of()));
        podAnnotations.put(VERSION, settings.version());
        deployment.getSpec().getTemplate().getMetadata().setAnnotations(podAnnotations);
        return deployment;
    }

    private Deployment coloured(final Deployment deployment, final String colour) {
        versioned(deployment, app + "-" + colour);
        deployment.getMetadata().setLabels(withEntry(withEntry(deployment.getMetadata().getLabels(), APP, app),
                COLOUR, colour));
        deployment.getSpec().getSelector().setMatchLabels(withEntry(deployment.getSpec().getSelector()
                .getMatchLabels(), COLOUR, colour));
        deployment.getSpec().getTemplate().getMetadata().setLabels(withEntry(deployment.getSpec().getTemplate()
                .getMetadata().getLabels(), COLOUR, colour));
        return deployment;
    }

    private static Map<String, String> withEntry(@CheckForNull final Map<String, String> map, final String key,
            final String value) {
        Map<String, String> copy = new LinkedHashMap<>(map == null ? Map.of() : map);
        copy.put(key, value);
        return copy;
    }

    private int currentRevision(final String name) {
        HasMetadata live = before == null ? null : before.get(DEPLOYMENT + "/" + name);
        String value = live == null || live.getMetadata().getAnnotations() == null ? null
                : live.getMetadata().getAnnotations().get(REVISION);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String revisionOf(final Deployment deployment) {
        return deployment.getMetadata().getAnnotations().get(REVISION);
    }

    private static String images(final Deployment deployment) {
        return String.join(", ", deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .map(io.fabric8.kubernetes.api.model.Container::getImage).toList());
    }

    private void apply(final HasMetadata object, final String detail) {
        String key = key(object);
        boolean existed = before != null && before.containsKey(key);
        apply(object, detail, (existed ? "updated " : "created ") + key + detail);
    }

    private void apply(final HasMetadata object, final String detail, final String action) {
        object.getMetadata().setNamespace(settings.namespace());
        object.getMetadata().setResourceVersion(null);
        touched.add(key(object));
        api.call("apply " + key(object), () -> client.resource(object).inNamespace(settings.namespace())
                .createOr(NonDeletingOperation::update));
        actions.add(action);
        log.info("%s%s", Character.toUpperCase(action.charAt(0)), action.substring(1));
    }

    private boolean exists(final String deployment) {
        return api.call("read Deployment " + deployment, () -> client.apps().deployments()
                .inNamespace(settings.namespace()).withName(deployment).get()) != null;
    }

    /**
     * Waits for a rollout like {@code kubectl rollout status}.
     *
     * @param name the Deployment
     * @return why it failed, or {@code null} when it finished
     */
    @CheckForNull
    private String awaitRollout(final String name) {
        Instant deadline = clock.instant().plus(settings.rolloutTimeout());
        String last = "";
        while (true) {
            Deployment deployment = readDeployment(name);
            if (deployment == null) {
                return "the Deployment '" + name + "' disappeared during its rollout";
            }
            RolloutStatus status = RolloutStatus.of(deployment);
            if (!status.message().equals(last)) {
                log.info(status.message());
                last = status.message();
            }
            log.progress("Rolling out Deployment/" + name + ": " + Durations.format(Duration.ofSeconds(
                    Duration.between(deadline.minus(settings.rolloutTimeout()), clock.instant()).toSeconds()))
                    + " of at most " + Durations.format(settings.rolloutTimeout()));
            if (status.done()) {
                actions.add("rolled out Deployment/" + name);
                return null;
            }
            if (status.failed()) {
                return status.message();
            }
            if (!clock.instant().isBefore(deadline)) {
                return "the rollout of Deployment '" + name + "' did not finish within "
                        + Durations.format(settings.rolloutTimeout()) + " (" + last + ")";
            }
            try {
                sleeper.sleep(POLL_INTERVAL);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for the rollout of '" + name + "'";
            }
        }
    }

    @CheckForNull
    private Service readService(final String name) {
        return api.call("read Service " + name, () -> client.services().inNamespace(settings.namespace())
                .withName(name).get());
    }

    @CheckForNull
    private Deployment readDeployment(final String name) {
        return api.call("read Deployment " + name, () -> client.apps().deployments().inNamespace(settings.namespace())
                .withName(name).get());
    }

    private URI serviceUrl(@CheckForNull final Service target) {
        if (target == null) {
            String url = settings.url();
            return URI.create(url != null ? url
                    : "http://" + app + "." + settings.namespace() + ".svc.cluster.local:" + settings.port());
        }
        List<ServicePort> ports = target.getSpec().getPorts();
        int port = ports == null || ports.isEmpty() ? settings.port() : ports.get(0).getPort();
        return URI.create("http://" + target.getMetadata().getName() + "." + settings.namespace()
                + ".svc.cluster.local:" + port);
    }

    private URI publicUrl(final URI clusterUrl) {
        String url = settings.url();
        return url != null ? URI.create(url) : clusterUrl;
    }

    private void retire(final String name) {
        try {
            Integer idle = settings.idleReplicas();
            api.call("retire Deployment " + name, () -> client.apps().deployments().inNamespace(settings.namespace())
                    .withName(name).edit(d -> {
                        d.getMetadata().setAnnotations(withEntry(d.getMetadata().getAnnotations(), RETIRED_AT,
                                clock.instant().toString()));
                        d.getMetadata().setLabels(withEntry(d.getMetadata().getLabels(), APP, app));
                        if (idle != null) {
                            d.getSpec().setReplicas(idle);
                        }
                        return d;
                    }));
            actions.add("kept Deployment/" + name + " for the rollback window of "
                    + Durations.format(settings.rollbackWindow()) + (idle == null ? "" : ", scaled to " + idle));
        }
        catch (LotaBotsException e) {
            log.error("Could not mark Deployment '" + name + "' as retired; remove it by hand after the rollback"
                    + " window: " + e.getMessage());
        }
    }

    private void removeRetired() {
        Instant now = clock.instant();
        List<Deployment> candidates = api.call("list Deployments of " + app, () -> client.apps().deployments()
                .inNamespace(settings.namespace()).withLabel(APP, app).list().getItems());
        for (Deployment deployment : candidates) {
            Map<String, String> annotations = deployment.getMetadata().getAnnotations();
            String retired = annotations == null ? null : annotations.get(RETIRED_AT);
            if (retired == null || isServing(deployment)) {
                continue;
            }
            try {
                if (Instant.parse(retired).plus(settings.rollbackWindow()).isAfter(now)) {
                    continue;
                }
            }
            catch (DateTimeParseException e) {
                continue;
            }
            String name = deployment.getMetadata().getName();
            api.run("delete Deployment " + name, () -> client.apps().deployments().inNamespace(settings.namespace())
                    .withName(name).delete());
            before = before == null ? null : without(before, DEPLOYMENT + "/" + name);
            actions.add("removed Deployment/" + name + ", retired at " + retired + ": its rollback window of "
                    + Durations.format(settings.rollbackWindow()) + " has passed");
            log.info("Removed Deployment '%s', retired at %s (rollback window passed)", name, retired);
        }
    }

    private static Map<String, HasMetadata> without(final Map<String, HasMetadata> map, final String key) {
        Map<String, HasMetadata> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private boolean isServing(final Deployment deployment) {
        Service known = service;
        if (known == null) {
            return false;
        }
        Service live = readService(known.getMetadata().getName());
        if (live == null || live.getSpec().getSelector() == null) {
            return false;
        }
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(live.getSpec().getSelector().entrySet());
    }

    /**
     * Returns the version that serves now: the Deployment the Service selects, else the application's one.
     *
     * @return the version, or empty when nothing serves or it is unknown
     */
    public Optional<String> servingVersion() {
        String name = app;
        Service known = service;
        if (known != null) {
            Service live = readService(known.getMetadata().getName());
            String colour = live == null || live.getSpec().getSelector() == null ? null
                    : live.getSpec().getSelector().get(COLOUR);
            if (colour != null) {
                name = app + "-" + colour;
            }
        }
        String serving = name;
        Deployment deployment = api.call("read Deployment " + serving, () -> client.apps().deployments()
                .inNamespace(settings.namespace()).withName(serving).get());
        return Optional.ofNullable(deployment).flatMap(KubernetesTarget::versionOf);
    }

    private static Optional<String> versionOf(final HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(VERSION) != null) {
            return Optional.of(annotations.get(VERSION));
        }
        if (object instanceof Deployment deployment && deployment.getSpec() != null) {
            return deployment.getSpec().getTemplate().getSpec().getContainers().stream().findFirst()
                    .map(container -> Manifests.tagOf(String.valueOf(container.getImage())));
        }
        return Optional.empty();
    }

    // ----- undo and rollback -----

    private boolean undo() {
        Map<String, HasMetadata> previous = before == null ? Map.of() : before;
        List<String> keys = new ArrayList<>(touched);
        java.util.Collections.reverse(keys);
        boolean complete = true;
        List<String> restoredDeployments = new ArrayList<>();
        for (String key : keys) {
            try {
                HasMetadata old = previous.get(key);
                if (old == null) {
                    delete(key);
                    actions.add("undone: deleted " + key);
                }
                else {
                    HasMetadata restore = clean(old);
                    api.call("restore " + key, () -> client.resource(restore).inNamespace(settings.namespace())
                            .createOr(NonDeletingOperation::update));
                    actions.add("undone: restored " + key);
                    if (restore instanceof Deployment) {
                        restoredDeployments.add(restore.getMetadata().getName());
                    }
                }
            }
            catch (LotaBotsException e) {
                complete = false;
                actions.add("undo FAILED for " + key + ": " + e.getMessage());
                log.error("Could not undo " + key + ": " + e.getMessage());
            }
        }
        for (String name : restoredDeployments) {
            try {
                String failure = awaitRollout(name);
                if (failure != null) {
                    complete = false;
                    log.error("The restored Deployment '" + name + "' did not roll out: " + failure);
                }
            }
            catch (LotaBotsException e) {
                complete = false;
                log.error("Could not watch the restored Deployment '" + name + "': " + e.getMessage());
            }
        }
        log.info("Undone: %s", keys.isEmpty() ? "nothing was changed" : String.join(", ", keys));
        return complete;
    }

    private void delete(final String key) {
        String kind = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        api.run("delete " + key, () -> {
            switch (kind) {
                case DEPLOYMENT -> client.apps().deployments().inNamespace(settings.namespace()).withName(name)
                        .delete();
                case "Service" -> client.services().inNamespace(settings.namespace()).withName(name).delete();
                default -> others.stream().filter(o -> key(o).equals(key)).findFirst()
                        .ifPresent(o -> client.resource(o).inNamespace(settings.namespace()).delete());
            }
        });
    }

    @Override
    public TargetRollback rollback(@CheckForNull final String backupRef, final BackupStore backups) {
        if (backupRef == null) {
            throw LotaBotsException.of(DeployErrorCode.NOTHING_TO_ROLL_BACK, "Environment '" + settings.environment()
                    + "' has no backup to roll back to: nothing was deployed there before.");
        }
        actions.clear();
        checkNamespace();
        KubernetesList list;
        try {
            list = serialization.unmarshal(backups.read(backupRef), KubernetesList.class);
        }
        catch (IllegalArgumentException e) {
            throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "The backup '" + backupRef + "' is not a"
                    + " Kubernetes list written by DeployBot: " + e.getMessage(), e);
        }
        List<HasMetadata> items = list == null || list.getItems() == null ? List.of() : list.getItems();
        if (!validated) {
            adopt(items);
        }
        String from = servingVersion().orElse(null);
        Set<String> inBackup = new LinkedHashSet<>();
        for (HasMetadata item : items) {
            inBackup.add(key(item));
        }
        List<HasMetadata> ordered = new ArrayList<>();
        items.stream().filter(i -> !(i instanceof Deployment) && !(i instanceof Service)).forEach(ordered::add);
        items.stream().filter(Deployment.class::isInstance).forEach(ordered::add);
        for (HasMetadata item : ordered) {
            HasMetadata restore = clean(item);
            api.call("restore " + key(restore), () -> client.resource(restore).inNamespace(settings.namespace())
                    .createOr(NonDeletingOperation::update));
            actions.add("restored " + key(restore));
            log.info("Restored %s from %s", key(restore), backupRef);
            if (restore instanceof Deployment deployment && !isRetired(deployment)) {
                String failure = awaitRollout(deployment.getMetadata().getName());
                if (failure != null) {
                    actions.add("rollback stopped: " + failure);
                    return new TargetRollback(false, from, null, null, actions);
                }
            }
        }
        for (HasMetadata item : items) {
            if (item instanceof Service) {
                HasMetadata restore = clean(item);
                api.call("restore " + key(restore), () -> client.resource(restore).inNamespace(settings.namespace())
                        .createOr(NonDeletingOperation::update));
                actions.add("restored " + key(restore));
                log.info("Restored %s from %s", key(restore), backupRef);
            }
        }
        for (String name : List.of(app, app + "-" + BLUE, app + "-" + GREEN, app + "-canary")) {
            if (!inBackup.contains(DEPLOYMENT + "/" + name) && exists(name)) {
                if (name.endsWith("-canary")) {
                    api.run("delete Deployment " + name, () -> client.apps().deployments()
                            .inNamespace(settings.namespace()).withName(name).delete());
                    actions.add("removed Deployment/" + name);
                }
                else {
                    retire(name);
                }
            }
        }
        String to = servingVersion().orElse(null);
        return new TargetRollback(true, from, to, String.valueOf(publicUrl(serviceUrl(service))), actions);
    }

    private void adopt(final List<HasMetadata> items) {
        for (HasMetadata item : items) {
            String name = item.getMetadata().getName();
            if (item instanceof Deployment && app.isEmpty() && !name.endsWith("-canary")) {
                app = name.replaceFirst("-(" + BLUE + "|" + GREEN + ")$", "");
            }
            if (item instanceof Service found && service == null && !name.endsWith("-preview")) {
                service = found;
            }
        }
        if (app.isEmpty()) {
            throw LotaBotsException.of(DeployErrorCode.BACKUP_FAILURE, "The backup holds no Deployment; it cannot"
                    + " be rolled back to.");
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static boolean isRetired(final Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(RETIRED_AT);
    }
}
