/**
 * DeployBot's Kubernetes target: manifests or a generated Deployment and Service, applied with the fabric8 client,
 * rolling, blue-green and canary rollouts watched like {@code kubectl rollout status}, backups and rollback.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.deploy.kubernetes;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
