package io.lotabots.bot.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import io.lotabots.http.HttpChecker.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the Kubernetes controller for the mock server, which only stores objects: every time DeployBot waits, the
 * clock moves on by the wait and each Deployment's status is set as its image says: ready (the default), never ready,
 * or failed with {@code ProgressDeadlineExceeded}. It is also the clock and the sleeper, so no test waits for real.
 */
final class ClusterController extends Clock implements Sleeper {
    /** What the controller does with a Deployment's pods. */
    enum Behaviour {
        /** All replicas become updated and available. */
        READY,
        /** The pods never become available. */
        NEVER_READY,
        /** The rollout fails with ProgressDeadlineExceeded. */
        FAIL
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Behaviour> byImage = new LinkedHashMap<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-24T10:15:30Z");

    ClusterController(final KubernetesClient client, final String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * Sets what happens to Deployments whose first container runs an image that contains the text.
     *
     * @param image part of the image, for example {@code :1.1}
     * @param behaviour the behaviour
     * @return this
     */
    ClusterController when(final String image, final Behaviour behaviour) {
        byImage.put(image, behaviour);
        return this;
    }

    List<Duration> getSleeps() {
        return sleeps;
    }

    void advance(final Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public void sleep(final Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
        reconcile();
    }

    /** Sets every Deployment's status as a controller would after one reconcile. */
    void reconcile() {
        for (Deployment deployment : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            Behaviour behaviour = byImage.entrySet().stream().filter(entry -> image.contains(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(Behaviour.READY);
            int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
            DeploymentStatusBuilder status = new DeploymentStatusBuilder()
                    .withObservedGeneration(deployment.getMetadata().getGeneration())
                    .withReplicas(replicas).withUpdatedReplicas(replicas);
            DeploymentStatus next = switch (behaviour) {
                case READY -> status.withAvailableReplicas(replicas).withReadyReplicas(replicas).build();
                case NEVER_READY -> status.withAvailableReplicas(0).withReadyReplicas(0).build();
                case FAIL -> status.withAvailableReplicas(0).withConditions(new DeploymentConditionBuilder()
                        .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"" + deployment.getMetadata().getName() + "-7d4\" has timed out"
                                + " progressing.").build()).build();
            };
            deployment.setStatus(next);
            client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
