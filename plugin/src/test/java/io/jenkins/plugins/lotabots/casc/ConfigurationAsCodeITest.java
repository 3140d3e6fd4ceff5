package io.jenkins.plugins.lotabots.casc;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import io.jenkins.plugins.lotabots.kubernetes.KubernetesCluster;

import org.junit.jupiter.api.Test;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeITest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsTheLotaBotsSection(final JenkinsConfiguredWithCodeRule r) {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();

        assertThat(configuration.getSlackWebhookCredentialsId()).isEqualTo("slack-webhook");
        assertThat(configuration.getSlackChannel()).isEqualTo("#deploys");
        assertThat(configuration.getSmtpPort()).isEqualTo(2525);
        assertThat(configuration.isSmtpStartTls()).isFalse();
        assertThat(configuration.getPrometheusUrl()).isEqualTo("http://prometheus.example.com:9090");
        assertThat(configuration.getClusters()).extracting(KubernetesCluster::getName)
                .containsExactly("prod-eu", "staging");
        KubernetesCluster prod = configuration.getClusters().get(0);
        assertThat(prod.getNamespace()).isEqualTo("shop");
        assertThat(prod.isSkipTlsVerify()).isTrue();
        assertThat(configuration.getArtifactStores()).hasSize(1);
        assertThat(configuration.defaultsFor("test")).containsEntry("minCoverage", 80.0).containsEntry("maxFailures", 0);
        assertThat(configuration.defaultsFor("security")).containsEntry("failOn", "critical");
        assertThat(configuration.getPagerDutySecondaryCredentialsId()).isEqualTo("pagerduty-secondary-key");
        assertThat(configuration.getTwilioCredentialsId()).isEqualTo("twilio-login");
        assertThat(configuration.getEscalationSmsTo()).isEqualTo("+41790000001,+41790000002");
        assertThat(configuration.getEscalationSecondarySmsTo()).isEqualTo("+41790000003");
        assertThat(configuration.getEscalationSmsFrom()).isEqualTo("+15005550006");
        assertThat(configuration.getEscalationRepageAfter()).isEqualTo("10m");
        assertThat(configuration.getEscalationSecondaryAfter()).isEqualTo("30m");
        assertThat(configuration.getEscalationPagerDutyUrl())
                .isEqualTo("https://events.eu.pagerduty.com");
        assertThat(configuration.escalationOptions()).containsEntry("smsTo", "+41790000001,+41790000002")
                .containsEntry("repageAfter", "10m").containsEntry("secondaryAfter", "30m")
                .containsEntry("pagerdutyUrl", "https://events.eu.pagerduty.com");
        assertThat(configuration.getIncidentDatabaseUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/incidents");
        assertThat(configuration.getIncidentDatabaseCredentialsId()).isEqualTo("incident-db-login");
        assertThat(configuration.defaultsFor("incident")).containsEntry("smtpHost", "smtp.example.com")
                .containsEntry("smtpPort", 2525).containsEntry("emailFrom", "lotabots@example.com");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatItImported(final JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode lotabots = getUnclassifiedRoot(context).get("lotabots");

        assertThat(toYamlString(lotabots)).isEqualTo(toStringFromYamlFile(this, "configuration-as-code-expected.yml"));
    }
}
