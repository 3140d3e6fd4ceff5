package io.jenkins.plugins.lotabots.kubernetes;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Builds the one kubeconfig a build gets (as {@code LOTABOTS_KUBECONFIG}) from the configured clusters: one context per
 * cluster, named after it, the first being the current context. A token cluster becomes a cluster entry with its
 * server and a user with the token; a kubeconfig cluster contributes the cluster and user of its current context.
 * Errors name the cluster and never quote the kubeconfig, which holds secrets.
 */
@Restricted(NoExternalUse.class)
public final class KubeconfigBuilder {
    /** The largest kubeconfig read, as the engine's connector allows. */
    public static final int MAX_CHARACTERS = 4 << 20;
    private static final int MAX_ALIASES = 50;

    private final List<Map<String, Object>> clusters = new ArrayList<>();
    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> contexts = new ArrayList<>();

    /**
     * Adds a cluster reached with a bearer token.
     *
     * @param cluster the cluster
     * @param token the token
     * @return this builder
     * @throws IllegalArgumentException if the cluster has no server URL
     */
    public KubeconfigBuilder addToken(final KubernetesCluster cluster, final String token) {
        if (cluster.getServerUrl() == null) {
            throw new IllegalArgumentException(Messages.KubeconfigBuilder_TokenNeedsServer(cluster.getName()));
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("server", cluster.getServerUrl());
        if (cluster.isSkipTlsVerify()) {
            server.put("insecure-skip-tls-verify", true);
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("token", token);
        add(cluster, server, user, null);
        return this;
    }

    /**
     * Adds a cluster from a kubeconfig: the cluster and user of its current context. The configured server URL,
     * namespace and TLS setting override the file's.
     *
     * @param cluster the cluster
     * @param kubeconfig the text of the kubeconfig
     * @return this builder
     * @throws IllegalArgumentException if the kubeconfig is too large, not YAML, or lacks the current context, its
     *         cluster or its user
     */
    public KubeconfigBuilder addKubeconfig(final KubernetesCluster cluster, final String kubeconfig) {
        String name = cluster.getName();
        if (kubeconfig.length() > MAX_CHARACTERS) {
            throw invalid(name, Messages.KubeconfigBuilder_TooLarge(String.valueOf(MAX_CHARACTERS)));
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(MAX_CHARACTERS);
            root = new Yaml(new SafeConstructor(options)).load(kubeconfig);
        }
        catch (RuntimeException e) { // SnakeYAML's YAMLException and its limits; the message may quote the file
            throw invalid(name, Messages.KubeconfigBuilder_NotYaml());
        }
        if (!(root instanceof Map<?, ?> config)) {
            throw invalid(name, Messages.KubeconfigBuilder_NotYaml());
        }
        Object current = config.get("current-context");
        if (!(current instanceof String currentName) || currentName.isBlank()) {
            throw invalid(name, Messages.KubeconfigBuilder_NoCurrentContext());
        }
        Map<?, ?> context = entry(config, "contexts", currentName, "context", name);
        Map<String, Object> server = copy(entry(config, "clusters", String.valueOf(context.get("cluster")),
                "cluster", name));
        Map<String, Object> user = copy(entry(config, "users", String.valueOf(context.get("user")), "user", name));
        if (cluster.getServerUrl() != null) {
            server.put("server", cluster.getServerUrl());
        }
        if (cluster.isSkipTlsVerify()) {
            server.remove("certificate-authority");
            server.remove("certificate-authority-data");
            server.put("insecure-skip-tls-verify", true);
        }
        Object namespace = context.get("namespace");
        add(cluster, server, user, namespace instanceof String text ? text : null);
        return this;
    }

    /**
     * Returns the kubeconfig.
     *
     * @return the YAML text; {@code null} when no cluster was added
     */
    @CheckForNull
    public String build() {
        if (contexts.isEmpty()) {
            return null;
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("current-context", contexts.get(0).get("name"));
        root.put("clusters", clusters);
        root.put("users", users);
        root.put("contexts", contexts);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(root);
    }

    private void add(final KubernetesCluster cluster, final Map<String, Object> server, final Map<String, Object> user,
            @CheckForNull final String fileNamespace) {
        String name = cluster.getName();
        clusters.add(named(name, "cluster", server));
        users.add(named(name, "user", user));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", name);
        context.put("user", name);
        String namespace = cluster.getNamespace() != null ? cluster.getNamespace() : fileNamespace;
        if (namespace != null) {
            context.put("namespace", namespace);
        }
        contexts.add(named(name, "context", context));
    }

    private static Map<String, Object> named(final String name, final String key, final Map<String, Object> value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put(key, value);
        return entry;
    }

    private static Map<?, ?> entry(final Map<?, ?> config, final String list, final String wanted, final String key,
            final String cluster) {
        if (config.get(list) instanceof List<?> entries) {
            for (Object candidate : entries) {
                if (candidate instanceof Map<?, ?> map && wanted.equals(map.get("name"))
                        && map.get(key) instanceof Map<?, ?> value) {
                    return value;
                }
            }
        }
        throw invalid(cluster, Messages.KubeconfigBuilder_MissingEntry(key, wanted));
    }

    private static Map<String, Object> copy(final Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    private static IllegalArgumentException invalid(final String cluster, final String problem) {
        return new IllegalArgumentException(Messages.KubeconfigBuilder_Invalid(cluster, problem));
    }
}
