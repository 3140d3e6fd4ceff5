package io.jenkins.plugins.lotabots;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;

import hudson.util.Secret;

import io.jenkins.plugins.lotabots.kubernetes.KubernetesCluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

        WorkflowRun run = run(j);
        List<String> warnings = new ArrayList<>();
        Map<String, String> notify = CredentialsEnvironment.resolve(run, "notify", warnings::add);
        Map<String, String> deploy = CredentialsEnvironment.resolve(run, "deploy", warnings::add);

        assertThat(notify).containsEntry("SLACK_WEBHOOK_URL", "https://hooks/x")
                .containsEntry("PAGERDUTY_ROUTING_KEY", "routing-key")
                .containsEntry("SMTP_USER", "mailer").containsEntry("SMTP_PASSWORD", "a-long-smtp-password")
                .doesNotContainKeys("SLACK_BOT_TOKEN", "PROMETHEUS_TOKEN", "LOTABOTS_KUBECONFIG");
        assertThat(deploy).containsOnlyKeys("LOTABOTS_KUBECONFIG");
        assertThat(deploy.get("LOTABOTS_KUBECONFIG")).contains("current-context: prod-eu",
                "server: https://10.0.0.1:6443", "token: file-token", "namespace: shop",
                "server: https://k8s.staging:6443", "token: bearer-token", "namespace: shop-staging");
        assertThat(CredentialsEnvironment.resolve(run, "build", warnings::add)).isEmpty();
        assertThat(CredentialsEnvironment.resolve(run, "test", warnings::add)).isEmpty();
        assertThat(warnings).isEmpty();
        assertThat(CredentialsEnvironment.secretNames()).contains("SMTP_PASSWORD", "LOTABOTS_KUBECONFIG")
                .doesNotContain("SMTP_USER");
    }

    @Test
    void leavesAMissingCredentialOutWithAWarningOnlyForTheBotThatUsesIt(final JenkinsRule j) throws Exception {
        LotaBotsConfiguration.get().setPrometheusCredentialsId("no-such-token");
        WorkflowRun run = run(j);
        List<String> warnings = new ArrayList<>();

        assertThat(CredentialsEnvironment.resolve(run, "monitor", warnings::add)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("prometheusCredentialsId").contains("'no-such-token'");
        warnings.clear();
        assertThat(CredentialsEnvironment.resolve(run, "notify", warnings::add)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void warnsOfACredentialOfTheWrongKind(final JenkinsRule j) throws Exception {
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "login", "", "user", "a-long-password-1"));
        LotaBotsConfiguration.get().setSlackBotTokenCredentialsId("login");
        List<String> warnings = new ArrayList<>();

        assertThat(CredentialsEnvironment.resolve(run(j), "notify", warnings::add)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("slackBotTokenCredentialsId").contains("'login'")
                .contains(Messages.CredentialsFields_SecretText());
    }

    @Test
    void warnsOfABrokenKubeconfigWithoutQuotingIt(final JenkinsRule j) throws Exception {
        add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "", "config",
                SecretBytes.fromBytes("users: [{name: a, user: {token: hidden-token}}]".getBytes(StandardCharsets.UTF_8))));
        LotaBotsConfiguration.get().setClusters(List.of(new KubernetesCluster("prod", null, "kubeconfig")));
        List<String> warnings = new ArrayList<>();

        assertThat(CredentialsEnvironment.resolve(run(j), "deploy", warnings::add)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("clusters[prod].credentialsId")
                .contains("current-context").doesNotContain("hidden-token");
    }

    @Test
    void aBuildStepNeverSeesANotificationSecretAndAMissingOneDoesNotStopIt(final JenkinsRule j) throws Exception {
        add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "slack-webhook", "",
                Secret.fromString("https://hooks.slack.com/services/T0/B0/s3cr3t-hook")));
        LotaBotsConfiguration.get().setSlackWebhookCredentialsId("slack-webhook");
        LotaBotsConfiguration.get().setPagerDutyCredentialsId("deleted-key");
        WorkflowJob job = j.createProject(WorkflowJob.class, "env-probe");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def r = buildBot command: "sh -c 'env > env.txt'", artifacts: ['env.txt']
                  echo "status=${r.status}"
                  echo "hasSlack=${readFile('env.txt').contains('SLACK_WEBHOOK_URL')}"
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("status=SUCCESS", run);
        j.assertLogContains("hasSlack=false", run);
        j.assertLogNotContains("deleted-key", run);
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
