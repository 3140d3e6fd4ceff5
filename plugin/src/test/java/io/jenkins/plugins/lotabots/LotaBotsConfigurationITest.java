package io.jenkins.plugins.lotabots;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;

import io.jenkins.plugins.lotabots.kubernetes.KubernetesCluster;

import java.util.List;

import jenkins.model.Jenkins;

import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithJenkins
class LotaBotsConfigurationITest {
    @Test
    void keepsEveryFieldThroughTheForm(final JenkinsRule j) throws Exception {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        configuration.setSlackWebhookCredentialsId("slack-webhook");
        configuration.setSlackBotTokenCredentialsId("slack-token");
        configuration.setSlackChannel("#deploys");
        configuration.setPagerDutyCredentialsId("pagerduty");
        configuration.setSmtpHost("smtp.example.com");
        configuration.setSmtpPort(2525);
        configuration.setSmtpFrom("lotabots@example.com");
        configuration.setSmtpCredentialsId("smtp-login");
        configuration.setSmtpStartTls(false);
        configuration.setPrometheusUrl("http://prometheus.example.com:9090");
        configuration.setPrometheusCredentialsId("prometheus-token");
        KubernetesCluster cluster = new KubernetesCluster("prod-eu", "https://k8s.example.com:6443", "kube-token");
        cluster.setNamespace("shop");
        cluster.setSkipTlsVerify(true);
        configuration.setClusters(List.of(cluster, new KubernetesCluster("staging", null, "kubeconfig-file")));
        configuration.setArtifactStores(List.of(new ArtifactStore("releases", "s3://bucket/releases")));
        configuration.setFailOn("critical");
        configuration.setMinCoverage("80");
        configuration.setMaxFailures("2");

        j.configRoundtrip();

        LotaBotsConfiguration saved = LotaBotsConfiguration.get();
        assertThat(saved.getSlackWebhookCredentialsId()).isEqualTo("slack-webhook");
        assertThat(saved.getSlackBotTokenCredentialsId()).isEqualTo("slack-token");
        assertThat(saved.getSlackChannel()).isEqualTo("#deploys");
        assertThat(saved.getPagerDutyCredentialsId()).isEqualTo("pagerduty");
        assertThat(saved.getSmtpHost()).isEqualTo("smtp.example.com");
        assertThat(saved.getSmtpPort()).isEqualTo(2525);
        assertThat(saved.getSmtpFrom()).isEqualTo("lotabots@example.com");
        assertThat(saved.getSmtpCredentialsId()).isEqualTo("smtp-login");
        assertThat(saved.isSmtpStartTls()).isFalse();
        assertThat(saved.getPrometheusUrl()).isEqualTo("http://prometheus.example.com:9090");
        assertThat(saved.getPrometheusCredentialsId()).isEqualTo("prometheus-token");
        assertThat(saved.getClusters()).hasSize(2);
        KubernetesCluster first = saved.getClusters().get(0);
        assertThat(first.getName()).isEqualTo("prod-eu");
        assertThat(first.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(first.getNamespace()).isEqualTo("shop");
        assertThat(first.getCredentialsId()).isEqualTo("kube-token");
        assertThat(first.isSkipTlsVerify()).isTrue();
        assertThat(saved.getClusters().get(1).getServerUrl()).isNull();
        assertThat(saved.getArtifactStores()).extracting(ArtifactStore::getLocation)
                .containsExactly("s3://bucket/releases");
        assertThat(saved.getFailOn()).isEqualTo("critical");
        assertThat(saved.getMinCoverage()).isEqualTo("80");
        assertThat(saved.getMaxFailures()).isEqualTo("2");
    }

    @Test
    void savesNothingWhenAFieldOfTheFormIsRefused(final JenkinsRule j) throws Exception {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        configuration.setSlackChannel("#deploys");
        configuration.setPrometheusUrl("http://prometheus.example.com:9090");
        configuration.setClusters(List.of(new KubernetesCluster("prod-eu", "https://k8s.example.com:6443", "t")));
        JenkinsRule.WebClient web = j.createWebClient();
        web.setThrowExceptionOnFailingStatusCode(false);
        org.htmlunit.html.HtmlForm form = web.goTo("configure").getFormByName("config");
        form.getInputByName("_.prometheusUrl").setValue("http://other.example.com:9090");
        form.getInputByName("_.slackChannel").setValue("not a channel");

        org.htmlunit.html.HtmlPage answer = j.submit(form);

        assertThat(answer.getWebResponse().getContentAsString()).contains("not a channel");
        LotaBotsConfiguration saved = LotaBotsConfiguration.get();
        assertThat(saved.getSlackChannel()).isEqualTo("#deploys");
        assertThat(saved.getPrometheusUrl()).isEqualTo("http://prometheus.example.com:9090");
        assertThat(saved.getClusters()).extracting(KubernetesCluster::getName).containsExactly("prod-eu");
        String onDisk = new hudson.XmlFile(new java.io.File(j.jenkins.getRootDir(),
                LotaBotsConfiguration.class.getName() + ".xml")).asString();
        assertThat(onDisk).contains("#deploys").contains("prod-eu").doesNotContain("other.example.com");
    }

    @Test
    void removesTheLastClusterWhenTheFormHasNone(final JenkinsRule j) throws Exception {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        configuration.setClusters(List.of(new KubernetesCluster("prod-eu", "https://k8s.example.com", "t")));
        configuration.setClusters(List.of());

        j.configRoundtrip();

        assertThat(LotaBotsConfiguration.get().getClusters()).isEmpty();
    }

    @Test
    void givesTheGatesAndEndpointsAsDefaultOptionsOfTheBots(final JenkinsRule j) {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        assertThat(configuration.defaultsFor("test")).isEmpty();

        configuration.setMinCoverage("80.5");
        configuration.setMaxFailures("0");
        configuration.setFailOn("medium");
        configuration.setPrometheusUrl("http://localhost:9090");
        configuration.setSmtpHost("smtp.example.com");
        configuration.setSmtpFrom("lotabots@example.com");
        configuration.setSlackChannel("#deploys");
        configuration.setArtifactStores(List.of(new ArtifactStore("local", "/var/artifacts")));

        assertThat(configuration.defaultsFor("test")).containsEntry("minCoverage", 80.5).containsEntry("maxFailures", 0);
        assertThat(configuration.defaultsFor("security")).containsOnlyKeys("failOn").containsEntry("failOn", "medium");
        assertThat(configuration.defaultsFor("monitor")).containsEntry("prometheus", "http://localhost:9090");
        assertThat(configuration.defaultsFor("build")).containsEntry("store", "/var/artifacts");
        assertThat(configuration.defaultsFor("notify")).containsEntry("smtpHost", "smtp.example.com")
                .containsEntry("smtpPort", 587).containsEntry("smtpTls", "starttls")
                .containsEntry("emailFrom", "lotabots@example.com").containsEntry("slackChannel", "#deploys");
        assertThat(configuration.defaultsFor("deploy")).isEmpty();
    }

    @Test
    void refusesInvalidValuesNamingThem(final JenkinsRule j) {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();

        assertThatThrownBy(() -> configuration.setSmtpPort(70_000)).hasMessageContaining("70000");
        assertThatThrownBy(() -> configuration.setMinCoverage("120")).hasMessageContaining("'120'");
        assertThatThrownBy(() -> configuration.setMaxFailures("-1")).hasMessageContaining("'-1'");
        assertThatThrownBy(() -> configuration.setFailOn("severe")).hasMessageContaining("severe");
        assertThatThrownBy(() -> configuration.setPrometheusUrl("file:///etc/passwd"))
                .hasMessageContaining("prometheusUrl");
        assertThatThrownBy(() -> configuration.setPrometheusUrl("http://user:pw@prometheus"))
                .hasMessageContaining("prometheusUrl");
        assertThatThrownBy(() -> configuration.setClusters(List.of(new KubernetesCluster("a", null, "x"),
                new KubernetesCluster("a", null, "y")))).hasMessageContaining("'a'");
        assertThatThrownBy(() -> new KubernetesCluster("Prod EU", null, "x")).hasMessageContaining("Prod EU");
        assertThatThrownBy(() -> new ArtifactStore("s", "ftp://host/x")).hasMessageContaining("ftp://host/x");
        assertThat(configuration.getMinCoverage()).isNull();
    }

    @Test
    void showsCredentialsAndChecksToAdministratorsOnly(final JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "slack-webhook", "Slack", Secret.fromString("https://hooks.example/x")));
        SystemCredentialsProvider.getInstance().save();
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(configuration.doFillSlackWebhookCredentialsIdItems(""))).contains("", "slack-webhook");
            assertThat(configuration.doCheckSlackWebhookCredentialsId("missing").kind)
                    .isEqualTo(FormValidation.Kind.ERROR);
            assertThat(configuration.doCheckSmtpCredentialsId("slack-webhook").kind)
                    .isEqualTo(FormValidation.Kind.ERROR);
            assertThat(configuration.doCheckSlackWebhookCredentialsId("slack-webhook").kind)
                    .isEqualTo(FormValidation.Kind.OK);
            assertThat(configuration.doCheckSmtpPort("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(values(configuration.doFillSlackWebhookCredentialsIdItems("current")))
                    .containsExactly("current");
            assertThat(configuration.doCheckSlackWebhookCredentialsId("missing").kind)
                    .isEqualTo(FormValidation.Kind.OK);
            assertThat(configuration.doCheckSmtpPort("0").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(values(configuration.doFillFailOnItems())).isEmpty();
        }
    }

    private static List<String> values(final ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
