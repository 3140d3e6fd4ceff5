package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.deploy.DeployBot;
import io.lotabots.bot.deploy.DeployRequest;
import io.lotabots.bot.deploy.DeployResult;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.bus.MessageBus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the time DeployBot itself adds to a blue-green switch and to an on-demand rollback, against the fabric8
 * mock API server in CRUD mode (plain HTTP on loopback). Pods are never waited for: the sleeper DeployBot is given
 * plays the controller and marks every Deployment rolled out, without sleeping, so what is left is DeployBot's own
 * work: reading and validating the request, the backup, the API calls of the strategy, the journal messages.
 *
 * <p>The aim (DeployBot issue): under 1 s each; the seed's rollback took 90 s end to end.</p>
 *
 * <p>Needs {@code io.fabric8:kubernetes-server-mock} on the benchmarks' classpath.</p>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
        justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
public class DeployBenchmark {
    private static final String NS = "bench";
    /** Kept, so that the quieter level stays: the mock server logs every request through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger(
            "io.fabric8.mockwebserver");

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Path workspace;
    private DeployBot bot;
    private int version;

    /**
     * Starts the mock server, creates the namespace and deploys the first version.
     *
     * @throws IOException if the workspace cannot be created
     */
    @Setup(Level.Trial)
    public void startServer() throws IOException {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init();
        client = server.createClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        workspace = Files.createTempDirectory("lotabots-deploy-bench");
        bot = new DeployBot(duration -> markRolledOut(), (environment, context, kubeconfig) ->
                new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0).build()).build(), null);
        deploy();
        deploy();
    }

    private void markRolledOut() {
        for (Deployment deployment : client.apps().deployments().inNamespace(NS).list().getItems()) {
            int replicas = deployment.getSpec().getReplicas();
            deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(deployment.getMetadata()
                    .getGeneration()).withReplicas(replicas).withUpdatedReplicas(replicas)
                    .withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
            client.apps().deployments().inNamespace(NS).resource(deployment).updateStatus();
        }
    }

    private BotContext context() {
        return BotContext.builder(workspace).bus(MessageBus.builder().build()).build();
    }

    private DeployResult deploy() {
        version++;
        DeployResult result = bot.run(DeployRequest.builder().environments(List.of(NS))
                .strategy(DeployStrategy.BLUE_GREEN).kubernetes(new DeployRequest.Kubernetes(List.of(),
                        "registry.example.com/shop:1." + version, "shop", 3, 8080, List.of(), List.of(), List.of(),
                        null, Duration.ofMinutes(10), null, null)).build(), context());
        if (result.getStatus() != BotStatus.SUCCESS) {
            throw new IllegalStateException(result.getSummary());
        }
        return result;
    }

    /**
     * Stops the server and deletes the workspace.
     *
     * @throws IOException if the workspace cannot be deleted
     */
    @TearDown(Level.Trial)
    public void stopServer() throws IOException {
        client.close();
        server.destroy();
        ScratchFolders.delete(workspace);
    }

    /**
     * A blue-green deployment of the next version: backup, new colour, rollout check, preview Service, Service
     * switch, old colour retired, messages.
     *
     * @return the result, so that JMH keeps it
     */
    @Benchmark
    public DeployResult blueGreenSwitch() {
        return deploy();
    }

    /**
     * An on-demand rollback: journal search, backup read, restore of the old colour and the Service, new colour
     * retired, messages. Each rollback undoes the deployment made just before it, outside the measurement.
     *
     * @return the result, so that JMH keeps it
     */
    @Benchmark
    public DeployResult rollback() {
        DeployResult result = bot.run(DeployRequest.builder().environments(List.of(NS)).rollback(true).build(),
                rollbackContext);
        if (result.getStatus() != BotStatus.SUCCESS) {
            throw new IllegalStateException(result.getSummary());
        }
        return result;
    }

    private BotContext rollbackContext;

    /**
     * Deploys a version before each rollback, with a bus that remembers it, outside the measurement.
     */
    @Setup(Level.Invocation)
    public void deployBeforeRollback() {
        rollbackContext = context();
        version++;
        bot.run(DeployRequest.builder().environments(List.of(NS)).strategy(DeployStrategy.BLUE_GREEN)
                .kubernetes(new DeployRequest.Kubernetes(List.of(), "registry.example.com/shop:1." + version, "shop",
                        3, 8080, List.of(), List.of(), List.of(), null, Duration.ofMinutes(10), null, null)).build(),
                rollbackContext);
    }
}
