package io.lotabots.bot.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

import java.util.Locale;

/**
 * The rollout state of a Deployment, decided as {@code kubectl rollout status} decides it: the controller must have
 * observed the latest generation; a {@code Progressing} condition with reason {@code ProgressDeadlineExceeded}
 * means the rollout failed; then all replicas must be updated, old ones gone and the updated ones available.
 *
 * @param done whether the rollout finished
 * @param failed whether it failed for good
 * @param message the progress line, as kubectl prints it
 */
record RolloutStatus(boolean done, boolean failed, String message) {
    /**
     * Evaluates a Deployment.
     *
     * @param deployment the Deployment as the API returns it
     * @return the state
     */
    static RolloutStatus of(final Deployment deployment) {
        String name = deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        Long given = deployment.getMetadata().getGeneration();
        long generation = given == null ? 0 : given;
        long observed = status.getObservedGeneration() == null ? -1 : status.getObservedGeneration();
        if (observed < generation) {
            return new RolloutStatus(false, false, "Waiting for deployment spec update to be observed...");
        }
        if (status.getConditions() != null) {
            for (DeploymentCondition condition : status.getConditions()) {
                if ("Progressing".equals(condition.getType())
                        && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    return new RolloutStatus(false, true, String.format(Locale.ROOT,
                            "deployment \"%s\" exceeded its progress deadline%s", name,
                            condition.getMessage() == null ? "" : ": " + condition.getMessage()));
                }
            }
        }
        int wanted = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null ? 1
                : deployment.getSpec().getReplicas();
        int updated = count(status.getUpdatedReplicas());
        int replicas = count(status.getReplicas());
        int available = count(status.getAvailableReplicas());
        if (updated < wanted) {
            return new RolloutStatus(false, false, String.format(Locale.ROOT, "Waiting for deployment \"%s\" rollout"
                    + " to finish: %d out of %d new replicas have been updated...", name, updated, wanted));
        }
        if (replicas > updated) {
            return new RolloutStatus(false, false, String.format(Locale.ROOT, "Waiting for deployment \"%s\" rollout"
                    + " to finish: %d old replicas are pending termination...", name, replicas - updated));
        }
        if (available < updated) {
            return new RolloutStatus(false, false, String.format(Locale.ROOT, "Waiting for deployment \"%s\" rollout"
                    + " to finish: %d of %d updated replicas are available...", name, available, updated));
        }
        return new RolloutStatus(true, false, String.format(Locale.ROOT, "deployment \"%s\" successfully rolled out",
                name));
    }

    private static int count(final Integer value) {
        return value == null ? 0 : value;
    }
}
