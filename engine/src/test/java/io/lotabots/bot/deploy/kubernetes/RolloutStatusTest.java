package io.lotabots.bot.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutStatusTest {
    private static DeploymentBuilder deployment(final long generation, final int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName("shop").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec();
    }

    @Test
    void waitsUntilTheControllerObservedTheLatestGeneration() {
        Deployment deployment = deployment(2, 3).withNewStatus().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(3).withAvailableReplicas(3).endStatus().build();

        assertThat(RolloutStatus.of(deployment)).isEqualTo(new RolloutStatus(false, false,
                "Waiting for deployment spec update to be observed..."));
    }

    @Test
    void reportsProgressLikeKubectl() {
        assertThat(RolloutStatus.of(deployment(2, 3).withNewStatus().withObservedGeneration(2L).withReplicas(4)
                .withUpdatedReplicas(1).endStatus().build()).message()).isEqualTo("Waiting for deployment \"shop\""
                        + " rollout to finish: 1 out of 3 new replicas have been updated...");
        assertThat(RolloutStatus.of(deployment(2, 3).withNewStatus().withObservedGeneration(2L).withReplicas(4)
                .withUpdatedReplicas(3).endStatus().build()).message()).isEqualTo("Waiting for deployment \"shop\""
                        + " rollout to finish: 1 old replicas are pending termination...");
        assertThat(RolloutStatus.of(deployment(2, 3).withNewStatus().withObservedGeneration(2L).withReplicas(3)
                .withUpdatedReplicas(3).withAvailableReplicas(2).endStatus().build()).message()).isEqualTo(
                        "Waiting for deployment \"shop\" rollout to finish: 2 of 3 updated replicas are available...");
    }

    @Test
    void finishesWhenAllReplicasAreUpdatedAndAvailable() {
        RolloutStatus status = RolloutStatus.of(deployment(2, 3).withNewStatus().withObservedGeneration(2L)
                .withReplicas(3).withUpdatedReplicas(3).withAvailableReplicas(3).endStatus().build());

        assertThat(status.done()).isTrue();
        assertThat(status.message()).isEqualTo("deployment \"shop\" successfully rolled out");
    }

    @Test
    void failsWhenTheProgressDeadlineIsExceeded() {
        RolloutStatus status = RolloutStatus.of(deployment(2, 3).withNewStatus().withObservedGeneration(2L)
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .endCondition().endStatus().build());

        assertThat(status.failed()).isTrue();
        assertThat(status.message()).isEqualTo("deployment \"shop\" exceeded its progress deadline");
    }
}
