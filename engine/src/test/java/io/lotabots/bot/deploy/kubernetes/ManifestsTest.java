package io.lotabots.bot.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;

import io.lotabots.bot.deploy.DeployErrorCode;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
            spec:
              replicas: 2
              selector:
                matchLabels: {app: shop}
              template:
                metadata:
                  labels: {app: shop}
                spec:
                  containers:
                    - name: shop
                      image: ${IMAGE}
            """;

    @TempDir
    private Path root;
    private Path workspace;

    @BeforeEach
    void createWorkspace() throws IOException {
        workspace = Files.createDirectory(root.resolve("ws")).toRealPath();
    }

    private List<Manifests.Manifest> load(final String text) throws IOException {
        Files.writeString(workspace.resolve("app.yaml"), text);
        return new Manifests().load(workspace, List.of(workspace.resolve("app.yaml")), Map.of("IMAGE", "shop:1.0"));
    }

    private void assertRejected(final String text, final String... parts) {
        assertThatThrownBy(() -> load(text)).isInstanceOf(LotaBotsException.class)
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.INVALID_MANIFEST)
                .hasMessageContainingAll(parts);
    }

    @Test
    void readsTheSampleAppsManifestsWithTheirVariablesReplaced() {
        Path sample = Path.of(System.getProperty("user.dir")).resolve("../examples/sample-app").normalize();

        List<Manifests.Manifest> manifests = new Manifests().load(sample, List.of(sample.resolve("k8s")),
                Map.of("IMAGE", "registry.example.com/sample-app:1.0.0", "VERSION", "1.0.0", "REPLICAS", "2",
                        "PORT", "8080", "ENVIRONMENT", "staging", "NAMESPACE", "staging"));

        assertThat(manifests).extracting(m -> m.object().getKind()).containsExactly("Deployment", "Service");
        io.fabric8.kubernetes.api.model.apps.Deployment deployment =
                (io.fabric8.kubernetes.api.model.apps.Deployment) manifests.get(0).object();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("registry.example.com/sample-app:1.0.0");
            assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        });
    }

    @Test
    void readsDocumentsAndReplacesVariables() throws IOException {
        List<Manifests.Manifest> manifests = load(DEPLOYMENT + "---\n---\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: shop-config}\ndata: {A: b}\n");

        assertThat(manifests).hasSize(2);
        Deployment deployment = (Deployment) manifests.get(0).object();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("shop:1.0");
        assertThat(manifests.get(1).source()).isEqualTo("app.yaml, document 3");
    }

    @Test
    void namesTheFileAndLineOfAYamlError() {
        assertRejected("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n", "app.yaml' line",
                "is not valid YAML", "nothing was changed in the cluster");
    }

    @Test
    void namesTheLineOfAVariableWithoutValue() {
        assertRejected(DEPLOYMENT.replace("${IMAGE}", "${IMAGE}-${FLAVOUR}"), "app.yaml' line 15 uses ${FLAVOUR}",
                "variables: ['FLAVOUR=...']");
    }

    @Test
    void rejectsUnknownKindsAndSecrets() {
        assertRejected("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\n", "of kind 'CronJob'",
                "supported kinds are ConfigMap, Deployment");
        assertRejected("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n", "is a Secret",
                "does not apply or back up Secrets");
    }

    @Test
    void rejectsAWrongApiVersionAndAFieldOfTheWrongType() {
        assertRejected(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1"), "apiVersion 'extensions/v1beta1'",
                "use apps/v1");
        assertRejected(DEPLOYMENT.replace("replicas: 2", "replicas: three"), "does not match the Deployment schema");
    }

    @Test
    void rejectsADeploymentWithoutImageOrWithASelectorThatMissesItsPods() {
        assertRejected(DEPLOYMENT.replace("image: ${IMAGE}", "imagePullPolicy: Always"),
                "container 'shop' of the Deployment 'shop'", "has no image");
        assertRejected(DEPLOYMENT.replace("labels: {app: shop}", "labels: {app: other}"), "selects {app=shop}",
                "must include the selector");
    }

    @Test
    void refusesThousandsOfAliases() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'j'; name++) {
            yaml.append(name).append(": &").append(name).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = name;
        }
        assertRejected(yaml.toString(), "app.yaml");
    }

    @Test
    void refusesHugeFilesAndPathsOutsideTheWorkspace() throws IOException {
        Files.writeString(workspace.resolve("huge.yaml"), "# " + "x".repeat((int) Manifests.MAX_FILE_BYTES));
        assertThatThrownBy(() -> new Manifests().load(workspace, List.of(workspace.resolve("huge.yaml")), Map.of()))
                .hasMessageContaining("more than " + Manifests.MAX_FILE_BYTES);

        Path outside = Files.writeString(root.resolve("outside.yaml"), DEPLOYMENT);
        assertThatThrownBy(() -> new Manifests().load(workspace, List.of(workspace.resolve("../outside.yaml")),
                Map.of())).hasMessageContaining("leaves the workspace");
        Files.createSymbolicLink(workspace.resolve("link.yaml"), outside);
        assertThatThrownBy(() -> new Manifests().load(workspace, List.of(workspace.resolve("link.yaml")),
                Map.of())).hasMessageContaining("symbolic link out of the workspace");
    }

    @Test
    void readsTheYamlFilesOfAFolderInOrder() throws IOException {
        Path folder = Files.createDirectory(workspace.resolve("k8s"));
        Files.writeString(folder.resolve("b-deployment.yml"), DEPLOYMENT);
        Files.writeString(folder.resolve("a-config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        Files.writeString(folder.resolve("README.md"), "not yaml");

        List<Manifests.Manifest> manifests = new Manifests().load(workspace, List.of(folder),
                Map.of("IMAGE", "shop:2"));

        assertThat(manifests).extracting(m -> m.object().getKind()).containsExactly("ConfigMap", "Deployment");
    }

    @Test
    void derivesNameAndTagFromAnImage() {
        assertThat(Manifests.nameOf("registry:5000/shop/cart-api:1.4")).isEqualTo("cart-api");
        assertThat(Manifests.tagOf("registry:5000/shop/cart-api:1.4")).isEqualTo("1.4");
        assertThat(Manifests.tagOf("registry:5000/shop/cart-api")).isNull();
        assertThat(Manifests.nameOf("shop@sha256:abc")).isEqualTo("shop");
    }
}
