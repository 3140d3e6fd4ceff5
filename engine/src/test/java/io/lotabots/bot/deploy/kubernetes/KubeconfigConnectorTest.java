package io.lotabots.bot.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import io.lotabots.bot.deploy.DeployErrorCode;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeconfigConnectorTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: staging
            clusters:
              - name: c
                cluster: {server: "https://127.0.0.1:6443"}
            contexts:
              - name: staging
                context: {cluster: c, user: deployer}
              - name: production
                context: {cluster: c, user: nobody}
            users:
              - name: deployer
                user: {token: s3cr3t-token}
              - name: nobody
                user: {}
            """;

    @TempDir
    private Path folder;

    @Test
    void acceptsAContextWhoseUserHasAToken() throws IOException {
        Path file = Files.writeString(folder.resolve("config"), KUBECONFIG);

        assertThat(KubeconfigConnector.check("staging", file, null)).isEqualTo(KUBECONFIG);
    }

    @Test
    void refusesAUserWithoutCredentialsWithoutShowingSecrets() throws IOException {
        Path file = Files.writeString(folder.resolve("config"), KUBECONFIG);

        assertThatThrownBy(() -> KubeconfigConnector.check("production", file, "production"))
                .isInstanceOf(LotaBotsException.class)
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.NO_CREDENTIALS)
                .hasMessageContaining("Environment 'production' has no usable Kubernetes credentials: the user"
                        + " 'nobody' of the context 'production'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void refusesAnUnknownContextAndAMissingFile() throws IOException {
        Path file = Files.writeString(folder.resolve("config"), KUBECONFIG);

        assertThatThrownBy(() -> KubeconfigConnector.check("qa", file, "qa"))
                .hasMessageContaining("has no context 'qa' (contexts: [staging, production])");
        assertThatThrownBy(() -> KubeconfigConnector.check("qa", folder.resolve("missing"), null))
                .hasMessageContaining("does not exist");
    }

    @Test
    void connectsWithTheKubeconfigTextOfTheJenkinsClustersBeforeTheKubeconfigFile() throws IOException {
        Path other = Files.writeString(folder.resolve("other"), KUBECONFIG.replace("127.0.0.1", "10.0.0.9"));
        KubeconfigConnector connector = new KubeconfigConnector(name -> switch (name) {
            case KubeconfigConnector.KUBECONFIG_TEXT -> KUBECONFIG;
            case "KUBECONFIG" -> other.toString();
            default -> null;
        });

        try (KubernetesClient client = connector.connect("staging", "staging", null)) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:6443");
            assertThat(client.getConfiguration().getAutoOAuthToken()).isEqualTo("s3cr3t-token");
        }
        assertThatThrownBy(() -> connector.connect("production", "production", null))
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.NO_CREDENTIALS)
                .hasMessageContaining("the user 'nobody' of the context 'production' in 'LOTABOTS_KUBECONFIG'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void theKubeconfigOptionWinsOverTheKubeconfigText() throws IOException {
        Path file = Files.writeString(folder.resolve("config"), KUBECONFIG.replace("127.0.0.1", "10.0.0.9"));
        KubeconfigConnector connector = new KubeconfigConnector(
                name -> KubeconfigConnector.KUBECONFIG_TEXT.equals(name) ? KUBECONFIG : null);

        try (KubernetesClient client = connector.connect("staging", null, file)) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://10.0.0.9:6443");
        }
    }

    @Test
    void refusesAHugeKubeconfigText() {
        KubeconfigConnector connector = new KubeconfigConnector(
                name -> KubeconfigConnector.KUBECONFIG_TEXT.equals(name) ? "x".repeat(5 << 20) : null);

        assertThatThrownBy(() -> connector.connect("staging", null, null))
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.NO_CREDENTIALS)
                .hasMessageContaining("is larger than");
    }

    @Test
    void refusesAnEnvironmentWithoutAnyKubeconfig() {
        KubeconfigConnector connector = new KubeconfigConnector(name -> "HOME".equals(name)
                ? folder.toString() : null);

        assertThatThrownBy(() -> connector.connect("staging", "staging", null))
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.NO_CREDENTIALS)
                .hasMessageContaining("the context 'staging' is given but there is no kubeconfig");
    }
}
