package io.lotabots.bot.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import io.lotabots.bot.deploy.DeployErrorCode;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceConfinement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Kubernetes manifests: YAML files, or the {@code .yaml} and {@code .yml} files of a folder, with one or more
 * documents each. {@code ${VAR}} is replaced by the given variables before parsing; an unknown variable, a YAML
 * error, an object of a kind DeployBot does not apply, a wrong {@code apiVersion}, a field of the wrong type, a
 * Deployment without image or with a selector that does not match its pods each stop the run with the file, line or
 * document named. Files are bounded in size and number, aliases in number (no billion laughs), and every path stays
 * in the workspace.
 */
final class Manifests {
    /** The largest manifest file. */
    static final long MAX_FILE_BYTES = 1 << 20;
    /** The most files. */
    static final int MAX_FILES = 200;
    /** The most documents in all files. */
    static final int MAX_DOCUMENTS = 500;

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** The longest application name: the colour suffix {@code -green} must still fit into 63 characters. */
    static final int MAX_NAME = 57;

    /** The kinds DeployBot applies, with their API version. Secrets are left to a secret manager on purpose. */
    private static final Map<String, Kind> KINDS = kinds();

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(loaderOptions())
            .build());

    /** One serialization for all: creating one scans the model classes, which takes a while. */
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesSerialization serialization = SERIALIZATION;

    private record Kind(String apiVersion, Class<? extends HasMetadata> type) {
    }

    /**
     * One object read from a manifest.
     *
     * @param source where it was read: {@code k8s/app.yaml, document 2}
     * @param object the object
     */
    record Manifest(String source, HasMetadata object) {
    }

    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("Deployment", new Kind("apps/v1", Deployment.class));
        kinds.put("Service", new Kind("v1", Service.class));
        kinds.put("ConfigMap", new Kind("v1", ConfigMap.class));
        kinds.put("ServiceAccount", new Kind("v1", ServiceAccount.class));
        kinds.put("Ingress", new Kind("networking.k8s.io/v1", Ingress.class));
        kinds.put("HorizontalPodAutoscaler", new Kind("autoscaling/v2", HorizontalPodAutoscaler.class));
        kinds.put("PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class));
        return Map.copyOf(kinds);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit((int) MAX_FILE_BYTES * 2);
        return options;
    }

    /**
     * Reads manifest files and folders.
     *
     * @param workspace the workspace, to show paths relative to it and to keep them inside
     * @param paths the files and folders
     * @param variables the values of {@code ${VAR}}
     * @return the objects, in file and document order
     */
    List<Manifest> load(final Path workspace, final List<Path> paths, final Map<String, String> variables) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            files.addAll(expand(workspace, path));
        }
        if (files.isEmpty()) {
            throw invalid("The manifests " + paths.stream().map(p -> show(workspace, p)).toList()
                    + " hold no .yaml or .yml file; give files or a folder of Kubernetes manifests.");
        }
        if (files.size() > MAX_FILES) {
            throw invalid("The manifests hold " + files.size() + " files, more than " + MAX_FILES
                    + "; give the folder of one application.");
        }
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files) {
            String shown = show(workspace, file);
            String text = substitute(shown, read(file, shown), variables);
            manifests.addAll(parse(shown, text));
            if (manifests.size() > MAX_DOCUMENTS) {
                throw invalid("The manifests hold more than " + MAX_DOCUMENTS + " objects; give the manifests of one"
                        + " application.");
            }
        }
        if (manifests.isEmpty()) {
            throw invalid("The manifests " + files.stream().map(f -> show(workspace, f)).toList()
                    + " hold no object; give at least a Deployment.");
        }
        return manifests;
    }

    private static List<Path> expand(final Path workspace, final Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        WorkspaceConfinement.Location location;
        try {
            location = WorkspaceConfinement.locate(workspace, normalized);
        }
        catch (IOException e) {
            throw invalid("Cannot read the manifest path '" + show(workspace, normalized) + "': " + e.getMessage(), e);
        }
        if (!location.isInsideByName()) {
            throw invalid("The manifest path '" + path + "' leaves the workspace; give a path inside it.");
        }
        if (!Files.exists(normalized)) {
            throw invalid("The manifest path '" + show(workspace, normalized) + "' does not exist.");
        }
        if (!location.isReallyInside()) {
            throw invalid("The manifest path '" + show(workspace, normalized) + "' leads through a symbolic link"
                    + " out of the workspace; give a path inside it.");
        }
        try {
            if (Files.isRegularFile(normalized)) {
                return List.of(normalized);
            }
            try (Stream<Path> walk = Files.walk(normalized, 5)) {
                return walk.filter(Files::isRegularFile).filter(Manifests::isYaml).sorted()
                        .filter(file -> WorkspaceConfinement.isInside(workspace, file)).limit(MAX_FILES + 1L)
                        .toList();
            }
        }
        catch (IOException e) {
            throw invalid("Cannot read the manifest path '" + show(workspace, normalized) + "': " + e.getMessage(), e);
        }
    }

    private static boolean isYaml(final Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String read(final Path file, final String shown) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw invalid("The manifest '" + shown + "' has " + size + " bytes, more than " + MAX_FILE_BYTES
                        + "; split it or remove what is not Kubernetes.");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw invalid("Cannot read the manifest '" + shown + "': " + e.getMessage()
                    + (e instanceof java.nio.charset.MalformedInputException ? " (it is not UTF-8 text)" : ""), e);
        }
    }

    /**
     * Replaces {@code ${VAR}} in a manifest.
     *
     * @param shown the file, for errors
     * @param text the text
     * @param variables the values
     * @return the text with every variable replaced
     */
    static String substitute(final String shown, final String text, final Map<String, String> variables) {
        StringBuilder result = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = VARIABLE.matcher(lines[i]);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!VARIABLE_NAME.matcher(name).matches()) {
                    throw invalid("The manifest '" + shown + "' line " + (i + 1) + " has '${" + name + "}', which is"
                            + " not a variable name; use letters, digits and _ only.");
                }
                String value = variables.get(name);
                if (value == null) {
                    throw invalid("The manifest '" + shown + "' line " + (i + 1) + " uses ${" + name + "}, which has"
                            + " no value; give it with variables: ['" + name + "=...'] or use one of "
                            + variables.keySet().stream().sorted().toList() + ".");
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(result);
            if (i < lines.length - 1) {
                result.append('\n');
            }
        }
        return result.toString();
    }

    private List<Manifest> parse(final String shown, final String text) {
        List<Manifest> manifests = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                if (node == null || node.isNull() || node.isMissingNode()
                        || node.isTextual() && node.asText().isBlank()) {
                    continue;
                }
                String source = shown + ", document " + document;
                manifests.add(new Manifest(source, convert(source, node)));
                if (manifests.size() > MAX_DOCUMENTS) {
                    break;
                }
            }
        }
        catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw invalid("The manifest '" + shown + "'" + (location == null || location.getLineNr() < 0 ? ""
                    : " line " + location.getLineNr()) + " is not valid YAML: " + e.getOriginalMessage()
                    .lines().findFirst().orElse("") + ". Fix the file; nothing was changed in the cluster.", e);
        }
        catch (IOException | RuntimeException e) {
            if (e instanceof LotaBotsException failure) {
                throw failure;
            }
            throw invalid("The manifest '" + shown + "' cannot be read as YAML: " + e.getMessage()
                    + ". Fix the file; nothing was changed in the cluster.", e);
        }
        return manifests;
    }

    private HasMetadata convert(final String source, final JsonNode node) {
        if (!node.isObject()) {
            throw invalid("The manifest " + source + " is not a Kubernetes object (a mapping with apiVersion, kind"
                    + " and metadata).");
        }
        String kind = node.path("kind").asText("");
        String apiVersion = node.path("apiVersion").asText("");
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            throw invalid("The manifest " + source + " has no " + (kind.isEmpty() ? "kind" : "apiVersion")
                    + "; every object needs apiVersion and kind.");
        }
        if ("Secret".equals(kind)) {
            throw invalid("The manifest " + source + " is a Secret; DeployBot does not apply or back up Secrets"
                    + " (a backup would put it into the workspace). Create it once with kubectl or a secret manager"
                    + " and reference it from the Deployment.");
        }
        Kind known = KINDS.get(kind);
        if (known == null) {
            throw invalid("The manifest " + source + " is of kind '" + kind + "', which DeployBot does not apply;"
                    + " supported kinds are " + String.join(", ", KINDS.keySet().stream().sorted().toList()) + ".");
        }
        if (!known.apiVersion().equals(apiVersion)) {
            throw invalid("The manifest " + source + " is a " + kind + " of apiVersion '" + apiVersion + "'; use "
                    + known.apiVersion() + ".");
        }
        HasMetadata object;
        try {
            object = serialization.convertValue(node, known.type());
        }
        catch (IllegalArgumentException e) {
            throw invalid("The manifest " + source + " does not match the " + kind + " schema: "
                    + e.getMessage().lines().findFirst().orElse("") + ".", e);
        }
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw invalid("The manifest " + source + " (" + kind + ") has no metadata.name.");
        }
        if (!NAME.matcher(name).matches() || name.length() > 63) {
            throw invalid("The manifest " + source + " names a " + kind + " '" + name + "'; a name has lower-case"
                    + " letters, digits and -, at most 63 characters.");
        }
        if (object instanceof Deployment deployment) {
            checkDeployment(source, deployment);
        }
        return object;
    }

    private static void checkDeployment(final String source, final Deployment deployment) {
        String name = deployment.getMetadata().getName();
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null
                || deployment.getSpec().getTemplate().getSpec().getContainers() == null
                || deployment.getSpec().getTemplate().getSpec().getContainers().isEmpty()) {
            throw invalid("The Deployment '" + name + "' in " + source + " has no containers in"
                    + " spec.template.spec.containers.");
        }
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            if (container.getImage() == null || container.getImage().isBlank()) {
                throw invalid("The container '" + container.getName() + "' of the Deployment '" + name + "' in "
                        + source + " has no image; set image: ${IMAGE} and give the image option.");
            }
        }
        Map<String, String> selector = deployment.getSpec().getSelector() == null ? null
                : deployment.getSpec().getSelector().getMatchLabels();
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata() == null ? null
                : deployment.getSpec().getTemplate().getMetadata().getLabels();
        if (selector == null || selector.isEmpty()) {
            throw invalid("The Deployment '" + name + "' in " + source + " has no spec.selector.matchLabels; give"
                    + " labels such as app: " + name + ".");
        }
        if (labels == null || !labels.entrySet().containsAll(selector.entrySet())) {
            throw invalid("The Deployment '" + name + "' in " + source + " selects " + selector + " but its pods"
                    + " are labelled " + (labels == null ? "{}" : labels) + "; the template labels must include the"
                    + " selector.");
        }
    }

    /**
     * Generates a Deployment and a Service for an image.
     *
     * @param name the application name
     * @param image the image
     * @param replicas the replicas
     * @param port the container port, also the Service port
     * @return the Deployment and the Service
     */
    static List<Manifest> generate(final String name, final String image, final int replicas, final int port) {
        Map<String, String> labels = Map.of("app", name);
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(600)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image)
                .addNewPort().withContainerPort(port).withName("http").endPort()
                .endContainer().endSpec().endTemplate().endSpec().build();
        Service service = new ServiceBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withSelector(labels).addNewPort().withName("http").withPort(port)
                .withTargetPort(new IntOrString(port)).endPort().endSpec().build();
        return List.of(new Manifest("generated from " + image, deployment),
                new Manifest("generated from " + image, service));
    }

    /**
     * Derives an application name from an image: {@code registry:5000/shop/cart-api:1.4} gives {@code cart-api}.
     *
     * @param image the image
     * @return the name, or {@code null} if the image has no usable name
     */
    @CheckForNull
    static String nameOf(final String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        String repository = last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
        String name = repository.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() || name.length() > MAX_NAME ? null : name;
    }

    /**
     * Returns the tag of an image: {@code shop/cart:1.4} gives {@code 1.4}.
     *
     * @param image the image
     * @return the tag, or {@code null} when it has none
     */
    @CheckForNull
    static String tagOf(final String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        return last.contains(":") ? last.substring(last.indexOf(':') + 1) : null;
    }

    /**
     * Checks an application name.
     *
     * @param name the name
     * @return the name
     */
    static String checkName(final String name) {
        if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
            throw invalid("The application name '" + name + "' is not a Kubernetes name of at most " + MAX_NAME
                    + " characters (lower-case letters, digits and -); give the name option.");
        }
        return name;
    }

    private static String show(final Path workspace, final Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        return normalized.startsWith(workspace) ? workspace.relativize(normalized).toString().replace('\\', '/')
                : normalized.toString();
    }

    static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(DeployErrorCode.INVALID_MANIFEST, message);
    }

    static LotaBotsException invalid(final String message, final Throwable cause) {
        return LotaBotsException.of(DeployErrorCode.INVALID_MANIFEST, message, Objects.requireNonNull(cause));
    }
}
