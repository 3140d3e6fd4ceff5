package io.lotabots.bot.deploy.kubernetes;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the Kubernetes target deploys, and where.
 *
 * @param environment the environment, for example {@code staging}
 * @param namespace the namespace of the environment
 * @param manifests manifest files or folders, absolute and inside the workspace; empty to generate from the image
 * @param image the image; with manifests, it is {@code ${IMAGE}} in them
 * @param name the application name (Deployment and Service), or {@code null} to take it from the manifests or image
 * @param replicas the replicas of a generated Deployment
 * @param port the container port of a generated Deployment and the port of its Service
 * @param version the version deployed
 * @param variables values for {@code ${VAR}} in the manifests, besides the built-in ones
 * @param url where the application answers for its users, or {@code null} for the Service's cluster address
 * @param previewUrl where the new colour answers before the switch, or {@code null} for its preview Service
 * @param rolloutTimeout how long one rollout may take
 * @param idleReplicas replicas the old colour keeps during the rollback window, or {@code null} to keep all
 * @param rollbackWindow how long the old colour is kept before a later run removes it
 */
public record KubernetesSettings(String environment, String namespace, List<Path> manifests, @CheckForNull String image,
        @CheckForNull String name, int replicas, int port, String version, Map<String, String> variables,
        @CheckForNull String url, @CheckForNull String previewUrl, Duration rolloutTimeout,
        @CheckForNull Integer idleReplicas, Duration rollbackWindow) {
    /**
     * Copies the collections.
     */
    public KubernetesSettings {
        manifests = List.copyOf(manifests);
        variables = Map.copyOf(variables);
    }
}
