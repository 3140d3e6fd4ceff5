package io.jenkins.plugins.lotabots;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;

import hudson.AbortException;
import hudson.util.Secret;

import io.jenkins.plugins.lotabots.kubernetes.KubernetesCluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithJenkins
class CredentialsEnvironmentITest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: admin@prod
            clusters:
              - name: prod
                cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: Q0E=}
            contexts:
              - name: admin@prod
                context: {cluster: prod, user: admin, namespace: shop}
            users:
              - name: admin
                user: {token: file-token}
            """;

    @Test
    void resolvesSecretTextUsernamePasswordAndKubeconfigFiles(final JenkinsRule j) throws Exception {
        add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "slack-webhook", "", Secret.fromString("https://hooks/x")));
        add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "pagerduty", "", Secret.fromString("routing-key")));
        add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "kube-token", "", Secret.fromString("bearer-token")));
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "smtp-login", "", "mailer",
                "a-long-smtp-password"));
        add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "", "config",
                SecretBytes.fromBytes(KUBECONFIG.getBytes(StandardCharsets.UTF_8))));
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        configuration.setSlackWebhookCredentialsId("slack-webhook");
        configuration.setPagerDutyCredentialsId("pagerduty");
        configuration.setSmtpCredentialsId("smtp-login");
        KubernetesCluster token = new KubernetesCluster("staging", "https://k8s.staging:6443", "kube-token");
        token.setNamespace("shop-staging");
        configuration.setClusters(List.of(new KubernetesCluster("prod-eu", null, "kubeconfig"), token));

        Map<String, String> environment = CredentialsEnvironment.resolve(run(j));

        assertThat(environment).containsEntry("SLACK_WEBHOOK_URL", "https://hooks/x")
                .containsEntry("PAGERDUTY_ROUTING_KEY", "routing-key")
                .containsEntry("SMTP_USER", "mailer").containsEntry("SMTP_PASSWORD", "a-long-smtp-password")
                .doesNotContainKeys("SLACK_BOT_TOKEN", "PROMETHEUS_TOKEN");
        assertThat(environment.get("LOTABOTS_KUBECONFIG")).contains("current-context: prod-eu",
                "server: https://10.0.0.1:6443", "token: file-token", "namespace: shop",
                "server: https://k8s.staging:6443", "token: bearer-token", "namespace: shop-staging");
        assertThat(CredentialsEnvironment.secretNames()).contains("SMTP_PASSWORD", "LOTABOTS_KUBECONFIG")
                .doesNotContain("SMTP_USER");
    }

    @Test
    void abortsNamingTheFieldAndIdOfAMissingCredential(final JenkinsRule j) throws Exception {
        LotaBotsConfiguration.get().setPrometheusCredentialsId("no-such-token");

        assertThatThrownBy(() -> CredentialsEnvironment.resolve(run(j)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("prometheusCredentialsId")
                .hasMessageContaining("'no-such-token'");
    }

    @Test
    void abortsOnACredentialOfTheWrongKind(final JenkinsRule j) throws Exception {
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "login", "", "user", "a-long-password-1"));
        LotaBotsConfiguration.get().setSlackBotTokenCredentialsId("login");

        assertThatThrownBy(() -> CredentialsEnvironment.resolve(run(j)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("slackBotTokenCredentialsId")
                .hasMessageContaining("'login'")
                .hasMessageContaining(Messages.CredentialsFields_SecretText());
    }

    @Test
    void abortsOnABrokenKubeconfigWithoutQuotingIt(final JenkinsRule j) throws Exception {
        add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "", "config",
                SecretBytes.fromBytes("users: [{name: a, user: {token: hidden-token}}]".getBytes(StandardCharsets.UTF_8))));
        LotaBotsConfiguration.get().setClusters(List.of(new KubernetesCluster("prod", null, "kubeconfig")));

        assertThatThrownBy(() -> CredentialsEnvironment.resolve(run(j)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("clusters[prod].credentialsId")
                .hasMessageContaining("current-context")
                .hasMessageNotContaining("hidden-token");
    }

    private static void add(final com.cloudbees.plugins.credentials.Credentials credentials) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(credentials);
        SystemCredentialsProvider.getInstance().save();
    }

    private static WorkflowRun run(final JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "job-" + System.nanoTime());
        job.setDefinition(new CpsFlowDefinition("echo 'hello'", true));
        return j.buildAndAssertSuccess(job);
    }
}
