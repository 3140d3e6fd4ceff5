package io.lotabots.bot.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import io.lotabots.bot.deploy.DeployErrorCode;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;

/**
 * Connects with a kubeconfig, after checking that the environment has credentials at all: the file exists, the
 * context is in it, and its user has a token, a client certificate, a password, an exec plugin or an auth provider.
 * Without a kubeconfig option it uses the kubeconfig text in {@code LOTABOTS_KUBECONFIG} (which the Jenkins plugin sets
 * from the clusters of its global configuration, one context per cluster), then the file named by {@code KUBECONFIG},
 * then {@code ~/.kube/config}, then the service account of the pod it runs in. The client's own retries are off:
 * DeployBot retries with its own backoff. No secret of the file is logged or put into a message.
 */
public final class KubeconfigConnector implements KubernetesConnector {
    /** The variable holding the text (not the path) of a kubeconfig. */
    public static final String KUBECONFIG_TEXT = "LOTABOTS_KUBECONFIG";
    private static final long MAX_KUBECONFIG_BYTES = 4 << 20;
    private static final List<String> CREDENTIAL_FIELDS = List.of("token", "tokenFile", "client-certificate",
            "client-certificate-data", "password", "exec", "auth-provider");

    private final Function<String, String> variables;

    /**
     * Creates a connector that reads {@code KUBECONFIG} and {@code HOME} through the given lookup.
     *
     * @param variables environment variables by name; returns {@code null} for none
     */
    public KubeconfigConnector(final Function<String, String> variables) {
        this.variables = variables;
    }

    @Override
    public KubernetesClient connect(final String environment, @CheckForNull final String context,
            @CheckForNull final Path kubeconfig) {
        String given = kubeconfig == null ? variables.apply(KUBECONFIG_TEXT) : null;
        Path file = given == null || given.isBlank() ? locate(kubeconfig) : null;
        Config config;
        if (given != null && !given.isBlank()) {
            config = Config.fromKubeconfig(context, checkText(environment, given, KUBECONFIG_TEXT, context), null);
        }
        else if (file == null) {
            if (context != null) {
                throw noCredentials(environment, "the context '" + context + "' is given but there is no kubeconfig"
                        + " (neither the kubeconfig option, KUBECONFIG nor ~/.kube/config)");
            }
            if (variables.apply("KUBERNETES_SERVICE_HOST") == null) {
                throw noCredentials(environment, "there is no kubeconfig (neither the kubeconfig option, KUBECONFIG"
                        + " nor ~/.kube/config) and this does not run in a pod with a service account");
            }
            config = Config.autoConfigure(null);
        }
        else {
            String text = check(environment, file, context);
            config = Config.fromKubeconfig(context, text, file.toString());
        }
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @CheckForNull
    private Path locate(@CheckForNull final Path kubeconfig) {
        if (kubeconfig != null) {
            return kubeconfig;
        }
        String fromVariable = variables.apply("KUBECONFIG");
        if (fromVariable != null && !fromVariable.isBlank()) {
            return Path.of(fromVariable.split(java.io.File.pathSeparator)[0]);
        }
        String home = variables.apply("HOME");
        Path file = home == null ? null : Path.of(home, ".kube", "config");
        return file != null && Files.isRegularFile(file) ? file : null;
    }

    /**
     * Checks that a kubeconfig gives the environment credentials.
     *
     * @param environment the environment
     * @param file the kubeconfig
     * @param context the context, or {@code null} for the current one
     * @return the text of the file
     */
    static String check(final String environment, final Path file, @CheckForNull final String context) {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw noCredentials(environment, "the kubeconfig '" + file + "' does not exist");
            }
            if (Files.size(file) > MAX_KUBECONFIG_BYTES) {
                throw noCredentials(environment, "the kubeconfig '" + file + "' is larger than "
                        + MAX_KUBECONFIG_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw LotaBotsException.of(DeployErrorCode.NO_CREDENTIALS, "Environment '" + environment
                    + "' has no usable credentials: cannot read the kubeconfig '" + file + "': " + e.getMessage(), e);
        }
        return checkText(environment, text, file.toString(), context);
    }

    /**
     * Checks that the text of a kubeconfig gives the environment credentials.
     *
     * @param environment the environment
     * @param text the kubeconfig
     * @param file where it comes from, for messages: a path or a variable name
     * @param context the context, or {@code null} for the current one
     * @return the text
     */
    static String checkText(final String environment, final String text, final String file,
            @CheckForNull final String context) {
        if (text.length() > MAX_KUBECONFIG_BYTES) {
            throw noCredentials(environment, "the kubeconfig '" + file + "' is larger than " + MAX_KUBECONFIG_BYTES
                    + " bytes");
        }
        JsonNode root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            root = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build()).readTree(text);
        }
        catch (IOException e) {
            throw LotaBotsException.of(DeployErrorCode.NO_CREDENTIALS, "Environment '" + environment
                    + "' has no usable credentials: the kubeconfig '" + file + "' is not valid YAML", e);
        }
        if (root == null || !root.isObject()) {
            throw noCredentials(environment, "the kubeconfig '" + file + "' is empty");
        }
        String wanted = context == null ? root.path("current-context").asText("") : context;
        List<String> names = new ArrayList<>();
        JsonNode chosen = null;
        for (JsonNode candidate : root.path("contexts")) {
            String name = candidate.path("name").asText("");
            names.add(name);
            if (name.equals(wanted)) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            throw noCredentials(environment, wanted.isEmpty() ? "the kubeconfig '" + file + "' has no current context;"
                    + " give the context option (contexts: " + names + ")" : "the kubeconfig '" + file
                    + "' has no context '" + wanted + "' (contexts: " + names + ")");
        }
        String user = chosen.path("context").path("user").asText("");
        for (JsonNode candidate : root.path("users")) {
            if (candidate.path("name").asText("").equals(user)) {
                JsonNode fields = candidate.path("user");
                for (String field : CREDENTIAL_FIELDS) {
                    if (fields.hasNonNull(field) && !fields.path(field).asText("x").isEmpty()) {
                        return text;
                    }
                }
                throw noCredentials(environment, "the user '" + user + "' of the context '" + wanted + "' in '"
                        + file + "' has no token, client certificate, password, exec plugin or auth provider");
            }
        }
        throw noCredentials(environment, "the context '" + wanted + "' in '" + file + "' names the user '" + user
                + "', which the kubeconfig does not define");
    }

    private static LotaBotsException noCredentials(final String environment, final String problem) {
        return LotaBotsException.of(DeployErrorCode.NO_CREDENTIALS, "Environment '" + environment
                + "' has no usable Kubernetes credentials: " + problem + ". Give kubeconfig and context options for"
                + " it (for example context: ['" + environment + "=my-" + environment + "-context']).");
    }

    @Override
    public String toString() {
        return "kubeconfig";
    }
}
