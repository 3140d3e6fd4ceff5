package io.lotabots.bot.deploy.kubernetes;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;

/**
 * Opens a Kubernetes client for an environment. The default ({@link KubeconfigConnector}) reads a kubeconfig; tests
 * give one that connects to the fabric8 mock server.
 */
@FunctionalInterface
public interface KubernetesConnector {
    /**
     * Checks the credentials of the environment and opens a client; the caller closes it.
     *
     * @param environment the environment, for error messages
     * @param context the kubeconfig context, or {@code null} for the current one
     * @param kubeconfig the kubeconfig file, or {@code null} for {@code KUBECONFIG}, {@code ~/.kube/config} or the
     *        service account of the pod this runs in
     * @return the client
     * @throws io.lotabots.error.LotaBotsException with {@link io.lotabots.bot.deploy.DeployErrorCode#NO_CREDENTIALS}
     *         when the environment has no usable credentials
     */
    KubernetesClient connect(String environment, @CheckForNull String context, @CheckForNull Path kubeconfig);
}
