package io.lotabots.bot.deploy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.deploy.ClusterController.Behaviour;
import io.lotabots.bot.deploy.kubernetes.KubernetesConnector;
import io.lotabots.bot.deploy.kubernetes.KubernetesTarget;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.ApprovalDenied;
import io.lotabots.message.ApprovalOverridden;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.DeployStarted;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DeployBot against the fabric8 mock API server in CRUD mode, with {@link ClusterController} playing the
 * controller and a local HTTP server answering the smoke tests.
 */
@EnableKubernetesMockClient(https = false, crud = true)
class DeployBotKubernetesITest {
    private static final String NS = "staging";
    /** Kept, so that the quieter level is not collected with the logger: the mock server logs every request. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    private static java.util.logging.Logger quiet(final String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private KubernetesMockServer server;
    private KubernetesClient client;

    @TempDir
    private Path workspace;

    private ClusterController controller;
    private SmokeServer smoke;
    private final MessageBus bus = MessageBus.builder().build();
    private final EngineLog console = new EngineLog("Errors:", 10_000, 1_000);
    private String apiUrl;

    @BeforeEach
    void createNamespacesAndSmokeServer() throws IOException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("production").endMetadata()
                .build()).create();
        controller = new ClusterController(client, NS);
        smoke = new SmokeServer();
        apiUrl = client.getConfiguration().getMasterUrl();
    }

    @AfterEach
    void stopSmokeServer() {
        smoke.close();
    }

    private KubernetesConnector connector() {
        return (environment, context, kubeconfig) -> new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withMasterUrl(apiUrl).withRequestRetryBackoffLimit(0)
                        .build()).build();
    }

    private DeployBot bot() {
        return new DeployBot(controller, connector(), null);
    }

    private BotContext context() {
        return BotContext.builder(workspace).log(console).bus(bus).clock(controller)
                .environment(Map.of("USER", "alice")).build();
    }

    private DeployRequest.Builder request(final String image, final DeployStrategy strategy) {
        return DeployRequest.builder().environments(List.of(NS)).strategy(strategy)
                .smoke(List.of(smoke.url() + "/health 200 ~UP")).smokeAttempts(1, Duration.ofSeconds(5),
                        Duration.ofSeconds(1))
                .canary(Duration.ofMinutes(2), Duration.ofSeconds(30))
                .kubernetes(kubernetes(image, List.of()));
    }

    private static DeployRequest.Kubernetes kubernetes(final String image, final List<String> manifests) {
        return new DeployRequest.Kubernetes(manifests, image, "shop", 3, 8080, List.of(), List.of(), List.of(), null,
                Duration.ofMinutes(10), null, null);
    }

    private DeployResult deploy(final DeployRequest.Builder request) {
        return bot().run(request.build(), context());
    }

    private Deployment deployment(final String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static String imageOf(final Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private Map<String, String> selector() {
        Service service = client.services().inNamespace(NS).withName("shop").get();
        return service.getSpec().getSelector();
    }

    private <T> List<T> published(final Class<T> type) {
        return bus.getPublished().stream().map(Message::typedPayload).flatMap(java.util.Optional::stream)
                .filter(type::isInstance).map(type::cast).toList();
    }

    // ----- rolling -----

    @Test
    void deploysGeneratedDeploymentAndServiceWithRollingUpdate() {
        DeployResult result = deploy(request("shop:1.0", DeployStrategy.ROLLING));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
        assertThat(deployment("shop").getSpec().getReplicas()).isEqualTo(3);
        assertThat(selector()).containsEntry("app", "shop");
        assertThat(published(DeployStarted.class)).containsExactly(new DeployStarted(NS, "1.0", "rolling",
                "kubernetes"));
        DeployCompleted completed = published(DeployCompleted.class).get(0);
        assertThat(completed.environment()).isEqualTo(NS);
        assertThat(completed.version()).isEqualTo("1.0");
        assertThat(completed.strategy()).isEqualTo("rolling");
        assertThat(completed.revision()).isEqualTo("shop#1");
        assertThat(completed.backupRef()).as("nothing was deployed before").isNull();
        assertThat(completed.url()).isEqualTo("http://shop.staging.svc.cluster.local:8080");
        assertThat(result.getOutputs()).containsEntry("version", "1.0").containsEntry("rolledBack", false);
        assertThat(console.getInfoLines()).anyMatch(line -> line.contains("successfully rolled out"));
        assertThat(smoke.requests()).isEqualTo(1);
    }

    @Test
    void backsUpThePreviousStateBeforeChangingIt() throws IOException {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        DeployResult second = deploy(request("shop:1.1", DeployStrategy.ROLLING));

        assertThat(second.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.1");
        String ref = second.getBackupRef().orElseThrow();
        assertThat(ref).startsWith(".lotabots/backups/staging/").endsWith("/kubernetes.yaml");
        String backup = Files.readString(workspace.resolve(ref));
        assertThat(backup).contains("image: \"shop:1.0\"").contains("kind: \"Service\"").doesNotContain("shop:1.1");
        assertThat(published(DeployCompleted.class).get(1).backupRef()).isEqualTo(ref);
        assertThat(published(DeployCompleted.class).get(1).revision()).isEqualTo("shop#2");
    }

    @Test
    void restoresThePreviousVersionWhenTheRolloutExceedsItsProgressDeadline() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        controller.when(":1.1", Behaviour.FAIL);

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.ROLLING));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
        DeployFailed failed = published(DeployFailed.class).get(0);
        assertThat(failed.reason()).contains("exceeded its progress deadline").contains("updated Deployment/shop")
                .contains("undone: restored Deployment/shop");
        assertThat(failed.rolledBack()).isTrue();
        assertThat(published(DeployRolledBack.class)).containsExactly(new DeployRolledBack(NS, "1.1", "1.0",
                "automatic: deployment \"shop\" exceeded its progress deadline: ReplicaSet \"shop-7d4\" has timed out"
                        + " progressing."));
        assertThat(result.isRolledBack()).isTrue();
    }

    @Test
    void restoresThePreviousVersionWhenTheRolloutTimesOut() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        controller.when(":1.1", Behaviour.NEVER_READY);
        DeployRequest.Kubernetes shortTimeout = new DeployRequest.Kubernetes(List.of(), "shop:1.1", "shop", 3, 8080,
                List.of(), List.of(), List.of(), null, Duration.ofSeconds(20), null, null);

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.ROLLING).kubernetes(shortTimeout));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(result.getSummary()).contains("did not finish within 20s").contains("1.0 serves again");
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
        assertThat(console.getInfoLines()).anyMatch(line -> line.contains("0 of 3 updated replicas are available"));
    }

    @Test
    void deletesWhatItCreatedWhenTheFirstDeploymentFailsItsSmokeTest() {
        smoke.answer(503);

        DeployResult result = deploy(request("shop:1.0", DeployStrategy.ROLLING));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(deployment("shop")).isNull();
        assertThat(client.services().inNamespace(NS).withName("shop").get()).isNull();
        assertThat(published(DeployFailed.class).get(0).reason()).contains("smoke tests failed")
                .contains("expected status 200, got 503").contains("undone: deleted Deployment/shop");
        assertThat(published(DeployRolledBack.class)).as("nothing served before").isEmpty();
    }

    // ----- blue-green -----

    @Test
    void switchesTheServiceToTheNewColourOnlyAfterItIsReadyAndSmokeTested() {
        deploy(request("shop:1.0", DeployStrategy.BLUE_GREEN));
        assertThat(selector()).containsEntry(KubernetesTarget.COLOUR, "blue");
        assertThat(imageOf(deployment("shop-blue"))).isEqualTo("shop:1.0");

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.BLUE_GREEN));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(selector()).containsEntry(KubernetesTarget.COLOUR, "green").containsEntry("app", "shop");
        assertThat(imageOf(deployment("shop-green"))).isEqualTo("shop:1.1");
        Deployment blue = deployment("shop-blue");
        assertThat(blue.getMetadata().getAnnotations()).containsKey(KubernetesTarget.RETIRED_AT);
        assertThat(blue.getSpec().getReplicas()).as("kept at full size for an instant rollback").isEqualTo(3);
        assertThat(client.services().inNamespace(NS).withName("shop-preview").get().getSpec().getSelector())
                .containsEntry(KubernetesTarget.COLOUR, "green");
        assertThat(result.getRevision()).contains("shop-green#1");
        assertThat(result.getEnvironments().get(0).actions()).containsSubsequence("created Deployment/shop-green"
                + " with shop:1.1", "rolled out Deployment/shop-green", "smoke tests: 1 of 1 passed",
                "switched Service shop to green (was shop-blue)");
    }

    @Test
    void keepsTheOldColourServingWhenTheSmokeTestOfTheNewOneFails() {
        deploy(request("shop:1.0", DeployStrategy.BLUE_GREEN));
        smoke.answer(500);

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.BLUE_GREEN));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(selector()).containsEntry(KubernetesTarget.COLOUR, "blue");
        assertThat(deployment("shop-green")).isNull();
        assertThat(deployment("shop-blue").getMetadata().getAnnotations()).doesNotContainKey(
                KubernetesTarget.RETIRED_AT);
        assertThat(published(DeployRolledBack.class)).singleElement().satisfies(back -> {
            assertThat(back.fromVersion()).isEqualTo("1.1");
            assertThat(back.toVersion()).isEqualTo("1.0");
        });
    }

    @Test
    void scalesTheOldColourAndRemovesItAfterTheRollbackWindow() {
        DeployRequest.Kubernetes idle = new DeployRequest.Kubernetes(List.of(), "shop:1.0", "shop", 3, 8080,
                List.of(), List.of(), List.of(), null, Duration.ofMinutes(10), 1, null);
        deploy(request("shop:1.0", DeployStrategy.BLUE_GREEN).kubernetes(idle));
        deploy(request("shop:1.1", DeployStrategy.BLUE_GREEN).kubernetes(withImage(idle, "shop:1.1")));
        assertThat(deployment("shop-blue").getSpec().getReplicas()).isEqualTo(1);

        controller.advance(Duration.ofHours(25));
        DeployResult third = deploy(request("shop:1.2", DeployStrategy.BLUE_GREEN)
                .kubernetes(withImage(idle, "shop:1.2")));

        assertThat(third.getEnvironments().get(0).actions().get(0)).startsWith("removed Deployment/shop-blue, retired"
                + " at 2026-11-24T10:").endsWith("its rollback window of 24h has passed");
        assertThat(selector()).containsEntry(KubernetesTarget.COLOUR, "blue");
        assertThat(imageOf(deployment("shop-blue"))).isEqualTo("shop:1.2");
    }

    private static DeployRequest.Kubernetes withImage(final DeployRequest.Kubernetes base, final String image) {
        return new DeployRequest.Kubernetes(base.manifests(), image, base.name(), base.replicas(), base.port(),
                base.variables(), base.namespace(), base.context(), base.kubeconfig(), base.rolloutTimeout(),
                base.idleReplicas(), base.previewUrl());
    }

    // ----- canary -----

    @Test
    void rollsOutToAllPodsAfterTheCanaryPassesItsWindow() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.CANARY));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.1");
        assertThat(deployment("shop-canary")).as("removed after the rollout").isNull();
        assertThat(result.getEnvironments().get(0).actions()).containsSubsequence(
                "created Deployment/shop-canary with one pod of shop:1.1", "rolled out Deployment/shop-canary",
                "canary check: 5 rounds of health checks passed over 2m", "updated Deployment/shop with shop:1.1",
                "removed Deployment/shop-canary (the canary) after the rollout");
        assertThat(controller.getSleeps()).contains(Duration.ofSeconds(30));
    }

    @Test
    void removesTheCanaryAndKeepsTheOldVersionWhenTheVerdictFails() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        CanaryJudge monitor = canary -> CheckOutcome.fail("error rate 7% over 2m, above 1%");
        DeployBot bot = new DeployBot(controller, connector(), monitor);

        DeployResult result = bot.run(request("shop:1.1", DeployStrategy.CANARY).build(), context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(deployment("shop-canary")).isNull();
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
        assertThat(published(DeployFailed.class).get(0).reason()).contains("the canary check failed: error rate 7%")
                .contains("undone: deleted Deployment/shop-canary");
    }

    @Test
    void removesTheCanaryWhenItsHealthChecksFailDuringTheWindow() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        AtomicCounterSleeper failing = new AtomicCounterSleeper(controller, smoke);

        DeployResult result = new DeployBot(failing, connector(), null).run(
                request("shop:1.1", DeployStrategy.CANARY).build(), context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(result.getSummary()).contains("health check round 2 failed");
        assertThat(deployment("shop-canary")).isNull();
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
    }

    /** Turns the smoke server to 503 at the first wait of the canary window (30 s). */
    private record AtomicCounterSleeper(ClusterController controller, SmokeServer smoke)
            implements io.lotabots.http.HttpChecker.Sleeper {
        @Override
        public void sleep(final Duration duration) {
            if (duration.equals(Duration.ofSeconds(30))) {
                smoke.answer(503);
            }
            controller.sleep(duration);
        }
    }

    // ----- rollback on demand -----

    @Test
    void rollsBackOnDemandToTheStateBeforeTheLastDeployment() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        deploy(request("shop:1.1", DeployStrategy.ROLLING));

        DeployResult result = bot().run(DeployRequest.builder().environments(List.of(NS)).rollback(true)
                .target("kubernetes").build(), context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
        assertThat(published(DeployRolledBack.class)).singleElement().satisfies(back -> {
            assertThat(back.fromVersion()).isEqualTo("1.1");
            assertThat(back.toVersion()).isEqualTo("1.0");
            assertThat(back.reason()).startsWith("on demand: restored .lotabots/backups/staging/");
        });
        assertThat(result.getSummary()).isEqualTo("Rolled staging back from 1.1 to 1.0");
    }

    @Test
    void switchesBackToTheOldColourOnDemand() {
        deploy(request("shop:1.0", DeployStrategy.BLUE_GREEN));
        deploy(request("shop:1.1", DeployStrategy.BLUE_GREEN));

        DeployResult result = bot().run(DeployRequest.builder().environments(List.of(NS)).rollback(true).build(),
                context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(selector()).containsEntry(KubernetesTarget.COLOUR, "blue");
        assertThat(deployment("shop-blue").getMetadata().getAnnotations()).doesNotContainKey(
                KubernetesTarget.RETIRED_AT);
        assertThat(deployment("shop-green").getMetadata().getAnnotations()).containsKey(KubernetesTarget.RETIRED_AT);
    }

    @Test
    void rollsBackOneDeploymentFurtherEachTime() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        deploy(request("shop:1.1", DeployStrategy.ROLLING));
        deploy(request("shop:1.2", DeployStrategy.ROLLING));
        DeployRequest rollback = DeployRequest.builder().environments(List.of(NS)).rollback(true).build();

        bot().run(rollback, context());
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.1");
        bot().run(rollback, context());
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
        assertThatThrownBy(() -> bot().run(rollback, context())).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("version 1.0 was its first deployment");
    }

    @Test
    void saysSoWhenNothingWasDeployedBeforeTheLastDeployment() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));

        assertThatThrownBy(() -> bot().run(DeployRequest.builder().environments(List.of(NS)).rollback(true).build(),
                context())).isInstanceOf(LotaBotsException.class).hasFieldOrPropertyWithValue("code",
                        DeployErrorCode.NOTHING_TO_ROLL_BACK)
                .hasMessage("Nothing to roll back to in 'staging': version 1.0 was its first deployment (nothing was"
                        + " deployed there before it, so there is no backup).");
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.0");
    }

    @Test
    void saysSoWhenTheJournalRecordsNoDeploymentOfTheEnvironment() {
        assertThatThrownBy(() -> bot().run(DeployRequest.builder().environments(List.of("production"))
                .rollback(true).build(), context())).isInstanceOf(LotaBotsException.class)
                .hasMessageStartingWith("Nothing to roll back in 'production': the bus of this run records no"
                        + " successful deployment there");
    }

    // ----- approval and environments -----

    @Test
    void stopsBeforeProductionWithoutApprovalAfterDeployingStaging() {
        DeployResult result = deploy(request("shop:1.0", DeployStrategy.ROLLING)
                .environments(List.of(NS, "production")));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(deployment("shop")).isNotNull();
        assertThat(client.apps().deployments().inNamespace("production").withName("shop").get()).isNull();
        assertThat(published(ApprovalDenied.class)).singleElement().extracting(ApprovalDenied::gate)
                .isEqualTo("deploy.production");
        assertThat(published(DeployStarted.class)).extracting(DeployStarted::environment).containsExactly(NS);
    }

    @Test
    void recordsWhoOverrodeTheApprovalAndWhy() {
        ClusterController production = new ClusterController(client, "production");
        DeployBot bot = new DeployBot(duration -> {
            controller.sleep(duration);
            production.reconcile();
        }, connector(), null);

        DeployResult result = bot.run(request("shop:1.0", DeployStrategy.ROLLING).environments(List.of(NS,
                "production")).approval(new DeployRequest.Approval(List.of("production"), false,
                        "INC-42 checkout down")).build(), context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(published(ApprovalOverridden.class)).containsExactly(new ApprovalOverridden("deploy.production",
                "alice", "INC-42 checkout down"));
        assertThat(client.apps().deployments().inNamespace("production").withName("shop").get()).isNotNull();
        assertThat(published(DeployCompleted.class)).extracting(DeployCompleted::environment)
                .containsExactly(NS, "production");
    }

    // ----- bad input: nothing changes -----

    @Test
    void refusesAMissingNamespaceBeforeChangingAnything() {
        DeployRequest.Builder request = request("shop:1.0", DeployStrategy.ROLLING).environments(List.of("qa"));

        assertThatThrownBy(() -> deploy(request)).isInstanceOf(LotaBotsException.class)
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.NO_NAMESPACE)
                .hasMessageContaining("namespace 'qa' of environment 'qa' does not exist");
        assertThat(bus.getPublished()).isEmpty();
    }

    @Test
    void refusesABadManifestOfTheSecondEnvironmentBeforeDeployingTheFirst() throws IOException {
        Files.writeString(workspace.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: shop
                          image: ${IMAGE}
                """);
        DeployRequest.Builder request = request("shop:1.0", DeployStrategy.ROLLING)
                .environments(List.of(NS, "missing")).kubernetes(kubernetes("shop:1.0", List.of("app.yaml")));

        assertThatThrownBy(() -> deploy(request)).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("namespace 'missing'");
        assertThat(deployment("shop")).isNull();
    }

    @Test
    void appliesManifestsWithVariablesAndTheirConfigMaps() throws IOException {
        Path folder = Files.createDirectories(workspace.resolve("k8s"));
        Files.writeString(folder.resolve("app.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop-config
                data:
                  LOG_LEVEL: ${LOG_LEVEL}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  replicas: ${REPLICAS}
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: shop
                          image: ${IMAGE}
                """);
        DeployRequest.Kubernetes kubernetes = new DeployRequest.Kubernetes(List.of("k8s"), "shop:2.0", null, 4, 8080,
                List.of("LOG_LEVEL=debug"), List.of(), List.of(), null, Duration.ofMinutes(10), null, null);

        DeployResult result = deploy(request("shop:2.0", DeployStrategy.ROLLING).kubernetes(kubernetes));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(deployment("shop").getSpec().getReplicas()).isEqualTo(4);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:2.0");
        assertThat(client.configMaps().inNamespace(NS).withName("shop-config").get().getData())
                .containsEntry("LOG_LEVEL", "debug");
    }

    // ----- API errors -----

    @Test
    void retriesConflictsAndServerErrorsWithBackoff() {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        server.expect().get().withPath("/apis/apps/v1/namespaces/staging/deployments/shop").andReturn(500, "{}")
                .times(2);
        server.expect().put().withPath("/apis/apps/v1/namespaces/staging/deployments/shop").andReturn(409,
                "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\",\"message\":\"the object has been"
                        + " modified\"}").once();
        controller.getSleeps().clear();

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.ROLLING));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.1");
        assertThat(controller.getSleeps()).contains(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(console.getInfoLines()).anyMatch(line -> line.contains("failed (HTTP 500")
                && line.contains("retrying in 200ms"));
    }

    @Test
    void failsWithAClearErrorWhenTheApiKeepsFailing() {
        server.expect().get().withPath("/api/v1/namespaces/staging").andReturn(500, "{}").always();

        assertThatThrownBy(() -> deploy(request("shop:1.0", DeployStrategy.ROLLING)))
                .isInstanceOf(LotaBotsException.class)
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.KUBERNETES_API)
                .hasMessageStartingWith("Kubernetes API: read Namespace staging failed after 5 attempts: HTTP 500")
                .hasMessageContaining("Check that the API server is reachable");
        assertThat(deployment("shop")).isNull();
        assertThat(controller.getSleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600));
    }

    @Test
    void retriesWhenTheConnectionIsReset() throws IOException {
        deploy(request("shop:1.0", DeployStrategy.ROLLING));
        java.net.URI master = java.net.URI.create(apiUrl);
        try (ResettingProxy proxy = new ResettingProxy(master.getHost(), master.getPort())) {
            apiUrl = master.getScheme() + "://" + master.getHost() + ":" + proxy.port() + "/";
            proxy.resetNext(2);

            DeployResult result = deploy(request("shop:1.1", DeployStrategy.ROLLING));

            assertThat(proxy.resetsDone()).isEqualTo(2);
            assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
            assertThat(imageOf(deployment("shop"))).isEqualTo("shop:1.1");
        }
    }

    @Test
    void restoresThePreviousVersionWhenTheApiFailsHalfWay() {
        deploy(request("shop:1.0", DeployStrategy.BLUE_GREEN));
        server.expect().put().withPath("/api/v1/namespaces/staging/services/shop").andReturn(500, "{}").times(5);

        DeployResult result = deploy(request("shop:1.1", DeployStrategy.BLUE_GREEN));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(selector()).containsEntry(KubernetesTarget.COLOUR, "blue");
        assertThat(deployment("shop-green")).isNull();
        DeployFailed failed = published(DeployFailed.class).get(0);
        assertThat(failed.reason()).contains("apply Service/shop failed after 5 attempts")
                .contains("undone: deleted Deployment/shop-green");
        assertThat(failed.rolledBack()).isTrue();
    }
}
