/**
 * Kubernetes clusters of the global configuration and the kubeconfig the engine's DeployBot connects with.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.kubernetes;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
