package io.jenkins.plugins.lotabots.kubernetes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeconfigBuilderTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: admin@prod
            clusters:
              - name: prod
                cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: Q0E=}
              - name: other
                cluster: {server: "https://10.9.9.9"}
            contexts:
              - name: admin@prod
                context: {cluster: prod, user: admin, namespace: shop}
            users:
              - name: admin
                user: {token: file-token}
            """;

    @Test
    void givesEveryClusterAContextNamedAfterItTheFirstBeingCurrent() {
        KubernetesCluster token = new KubernetesCluster("staging", "https://k8s.staging:6443", "t");
        token.setSkipTlsVerify(true);

        String kubeconfig = new KubeconfigBuilder()
                .addKubeconfig(new KubernetesCluster("prod-eu", null, "f"), KUBECONFIG)
                .addToken(token, "bearer")
                .build();

        assertThat(kubeconfig).contains("current-context: prod-eu", "certificate-authority-data: Q0E=",
                "token: file-token", "namespace: shop", "server: https://k8s.staging:6443",
                "insecure-skip-tls-verify: true", "token: bearer").doesNotContain("10.9.9.9", "admin@prod");
    }

    @Test
    void overridesServerNamespaceAndTlsOfAKubeconfig() {
        KubernetesCluster cluster = new KubernetesCluster("prod-eu", "https://api.prod:443", "f");
        cluster.setNamespace("checkout");
        cluster.setSkipTlsVerify(true);

        String kubeconfig = new KubeconfigBuilder().addKubeconfig(cluster, KUBECONFIG).build();

        assertThat(kubeconfig).contains("server: https://api.prod:443", "namespace: checkout",
                "insecure-skip-tls-verify: true").doesNotContain("certificate-authority-data", "10.0.0.1");
    }

    @Test
    void hasNoKubeconfigWithoutClusters() {
        assertThat(new KubeconfigBuilder().build()).isNull();
    }

    @Test
    void refusesATokenClusterWithoutServer() {
        assertThatThrownBy(() -> new KubeconfigBuilder().addToken(new KubernetesCluster("a", null, "t"), "secret"))
                .hasMessageContaining("'a'").hasMessageNotContaining("secret");
    }

    @Test
    void refusesMalformedAndHostileKubeconfigsWithoutQuotingThem() {
        KubernetesCluster cluster = new KubernetesCluster("prod", null, "f");
        String laughs = "a: &a [\"lol-secret\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";

        assertThatThrownBy(() -> new KubeconfigBuilder().addKubeconfig(cluster, laughs))
                .hasMessageContaining("'prod'").hasMessageNotContaining("lol-secret");
        assertThatThrownBy(() -> new KubeconfigBuilder().addKubeconfig(cluster, "token: [unclosed-secret"))
                .hasMessageContaining("not a YAML mapping").hasMessageNotContaining("unclosed-secret");
        assertThatThrownBy(() -> new KubeconfigBuilder().addKubeconfig(cluster, "- a\n- b"))
                .hasMessageContaining("not a YAML mapping");
        assertThatThrownBy(() -> new KubeconfigBuilder().addKubeconfig(cluster,
                KUBECONFIG.replace("user: admin,", "user: ghost,")))
                .hasMessageContaining("no user named 'ghost'").hasMessageNotContaining("file-token");
        assertThatThrownBy(() -> new KubeconfigBuilder().addKubeconfig(cluster,
                "x: " + "y".repeat(KubeconfigBuilder.MAX_CHARACTERS)))
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> new KubeconfigBuilder().addKubeconfig(cluster, "!!java.io.File [\"/\"]"))
                .hasMessageContaining("not a YAML mapping");
    }
}
