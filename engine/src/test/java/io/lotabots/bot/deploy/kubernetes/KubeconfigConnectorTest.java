package io.lotabots.bot.deploy.kubernetes;

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
    void refusesAnEnvironmentWithoutAnyKubeconfig() {
        KubeconfigConnector connector = new KubeconfigConnector(name -> "HOME".equals(name)
                ? folder.toString() : null);

        assertThatThrownBy(() -> connector.connect("staging", "staging", null))
                .hasFieldOrPropertyWithValue("code", DeployErrorCode.NO_CREDENTIALS)
                .hasMessageContaining("the context 'staging' is given but there is no kubeconfig");
    }
}
