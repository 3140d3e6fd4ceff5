package io.jenkins.plugins.lotabots;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;

import io.jenkins.plugins.lotabots.kubernetes.KubeconfigBuilder;
import io.jenkins.plugins.lotabots.kubernetes.KubernetesCluster;
import io.lotabots.bot.deploy.DeployBotDescriptor;
import io.lotabots.bot.deploy.kubernetes.KubeconfigConnector;
import io.lotabots.bot.incident.IncidentBotDescriptor;
import io.lotabots.bot.monitor.MonitorBotDescriptor;
import io.lotabots.bot.notify.IncidentPaging;
import io.lotabots.bot.notify.NotificationBotDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jenkins.model.Jenkins;

import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves the credentials of the {@link LotaBotsConfiguration} for one build, with the build's authentication
 * ({@link CredentialsProvider#findCredentialById}, which also records their use), into the environment variables the
 * engine reads: {@code SLACK_WEBHOOK_URL}, {@code SLACK_BOT_TOKEN}, {@code PAGERDUTY_ROUTING_KEY},
 * {@code SMTP_USER} and {@code SMTP_PASSWORD}, for IncidentBot also {@code PAGERDUTY_SECONDARY_ROUTING_KEY},
 * {@code TWILIO_ACCOUNT_SID} and {@code TWILIO_AUTH_TOKEN}, {@code PROMETHEUS_TOKEN} and {@code LOTABOTS_KUBECONFIG} (one kubeconfig
 * with a context per configured cluster), each bot only those it uses. Endpoints that are bot options (SMTP host,
 * Prometheus URL, ...) come from {@link LotaBotsConfiguration#defaultsFor(String)} instead. A credential that is
 * missing, not visible to the build or of the wrong type is left out with a warning naming the field and the id.
 */
public final class CredentialsEnvironment {
    /** The variable with Slack's incoming webhook URL. */
    public static final String SLACK_WEBHOOK_URL = NotificationBotDescriptor.SLACK_WEBHOOK_URL;
    /** The variable with Slack's bot token. */
    public static final String SLACK_BOT_TOKEN = NotificationBotDescriptor.SLACK_BOT_TOKEN;
    /** The variable with PagerDuty's routing key. */
    public static final String PAGERDUTY_ROUTING_KEY = NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY;
    /** The variable with the SMTP user name. */
    public static final String SMTP_USER = NotificationBotDescriptor.SMTP_USER_SECRET;
    /** The variable with the SMTP password. */
    public static final String SMTP_PASSWORD = NotificationBotDescriptor.SMTP_PASSWORD;
    /** The variable with the PagerDuty routing key of the secondary on-call. */
    public static final String PAGERDUTY_SECONDARY_ROUTING_KEY = IncidentPaging.PAGERDUTY_SECONDARY_ROUTING_KEY;
    /** The variable with the Twilio account SID. */
    public static final String TWILIO_ACCOUNT_SID = NotificationBotDescriptor.TWILIO_ACCOUNT_SID;
    /** The variable with the Twilio auth token. */
    public static final String TWILIO_AUTH_TOKEN = NotificationBotDescriptor.TWILIO_AUTH_TOKEN;
    /** The variable with the user of the incident database. */
    public static final String INCIDENT_DB_USER = "INCIDENT_DB_USER";
    /** The variable with the password of the incident database. */
    public static final String INCIDENT_DB_PASSWORD = "INCIDENT_DB_PASSWORD";
    /** The variable with the Prometheus bearer token. */
    public static final String PROMETHEUS_TOKEN = MonitorBotDescriptor.PROMETHEUS_TOKEN;
    /** The variable with the kubeconfig text of the configured clusters. */
    public static final String LOTABOTS_KUBECONFIG = KubeconfigConnector.KUBECONFIG_TEXT;

    private static final Set<String> SECRET_NAMES = Set.of(SLACK_WEBHOOK_URL, SLACK_BOT_TOKEN, PAGERDUTY_ROUTING_KEY,
            SMTP_PASSWORD, PROMETHEUS_TOKEN, LOTABOTS_KUBECONFIG, PAGERDUTY_SECONDARY_ROUTING_KEY, TWILIO_AUTH_TOKEN,
            INCIDENT_DB_PASSWORD);

    private CredentialsEnvironment() {
    }

    /**
     * Resolves, for one bot of a build, the configured credentials that bot uses, and only those: NotificationBot gets
     * Slack, PagerDuty and SMTP, IncidentBot Slack's bot token, both PagerDuty routing keys, SMTP and
     * Twilio, MonitorBot the Prometheus token, DeployBot the kubeconfig, the other bots nothing (so
     * a build command never sees a notification secret). A credential that cannot be resolved (deleted, not visible to
     * the build, of the wrong type) is left out with a warning that names the field and the id; the bot then runs
     * without that service, as with any unreachable optional service, and fails only if the user asked for it.
     *
     * @param run the build whose authentication and credentials domain apply
     * @param botId the engine's bot id, for example {@code notify}
     * @param warnings receives one line per credential left out
     * @return the variables by name, only for the services that are configured and resolved
     */
    public static Map<String, String> resolve(final Run<?, ?> run, final String botId,
            final Consumer<String> warnings) {
        return resolveFor(run, botId, warnings);
    }

    /**
     * Resolves, for one bot run by the controller itself (the escalation of incidents every minute, outside any
     * build), the configured credentials that bot uses, as {@link #resolve(Run, String, Consumer)} does for a build,
     * with the system's authority: only credentials of the global scope of Jenkins itself (not of a folder) are seen.
     *
     * @param botId the engine's bot id, for example {@code incident}
     * @param warnings receives one line per credential left out
     * @return the variables by name, only for the services that are configured and resolved
     */
    public static Map<String, String> resolveOnController(final String botId, final Consumer<String> warnings) {
        return resolveFor(null, botId, warnings);
    }

    private static Map<String, String> resolveFor(@CheckForNull final Run<?, ?> run, final String botId,
            final Consumer<String> warnings) {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        Map<String, String> environment = new LinkedHashMap<>();
        switch (botId) {
            case NotificationBotDescriptor.ID -> {
                putSecretText(environment, SLACK_WEBHOOK_URL, "slackWebhookCredentialsId",
                        configuration.getSlackWebhookCredentialsId(), run, warnings);
                putPaging(environment, configuration, run, warnings);
            }
            case IncidentBotDescriptor.ID -> {
                putPaging(environment, configuration, run, warnings);
                putSecretText(environment, PAGERDUTY_SECONDARY_ROUTING_KEY, "pagerDutySecondaryCredentialsId",
                        configuration.getPagerDutySecondaryCredentialsId(), run, warnings);
                putUsernamePassword(environment, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "twilioCredentialsId",
                        configuration.getTwilioCredentialsId(), run, warnings);
                putUsernamePassword(environment, INCIDENT_DB_USER, INCIDENT_DB_PASSWORD,
                        "incidentDatabaseCredentialsId", configuration.getIncidentDatabaseCredentialsId(), run,
                        warnings);
            }
            case MonitorBotDescriptor.ID -> putSecretText(environment, PROMETHEUS_TOKEN, "prometheusCredentialsId",
                    configuration.getPrometheusCredentialsId(), run, warnings);
            case DeployBotDescriptor.ID -> {
                String kubeconfig = kubeconfig(configuration, run, warnings);
                if (kubeconfig != null) {
                    environment.put(LOTABOTS_KUBECONFIG, kubeconfig);
                }
            }
            default -> {
                // BuildBot, TestBot and SecurityBot use no configured credential
            }
        }
        return environment;
    }

    /**
     * Returns the names of the variables of {@link #resolve(Run, String, Consumer)} whose values are secret and must
     * be masked.
     *
     * @return the names
     */
    public static Set<String> secretNames() {
        return SECRET_NAMES;
    }

    @CheckForNull
    private static String kubeconfig(final LotaBotsConfiguration configuration, @CheckForNull final Run<?, ?> run,
            final Consumer<String> warnings) {
        KubeconfigBuilder builder = new KubeconfigBuilder();
        for (KubernetesCluster cluster : configuration.getClusters()) {
            try {
                addCluster(builder, cluster, run);
            }
            catch (AbortException e) {
                warnings.accept(e.getMessage());
            }
        }
        return builder.build();
    }

    private static void addCluster(final KubeconfigBuilder builder, final KubernetesCluster cluster,
            @CheckForNull final Run<?, ?> run) throws AbortException {
        String field = "clusters[" + cluster.getName() + "].credentialsId";
        StandardCredentials credentials = find(cluster.getCredentialsId(), StandardCredentials.class, field,
                io.jenkins.plugins.lotabots.kubernetes.Messages.KubernetesCluster_CredentialsType(), run);
        try {
            if (credentials instanceof FileCredentials file) {
                builder.addKubeconfig(cluster, read(file, field));
            }
            else if (credentials instanceof StringCredentials token) {
                builder.addToken(cluster, token.getSecret().getPlainText());
            }
            else {
                throw new AbortException(Messages.CredentialsEnvironment_WrongType(field,
                        cluster.getCredentialsId(),
                        io.jenkins.plugins.lotabots.kubernetes.Messages.KubernetesCluster_CredentialsType()));
            }
        }
        catch (IllegalArgumentException e) {
            throw new AbortException(Messages.CredentialsEnvironment_Unusable(field, cluster.getCredentialsId(),
                    e.getMessage()));
        }
    }

    private static String read(final FileCredentials file, final String field) throws AbortException {
        try (InputStream in = file.getContent()) {
            byte[] bytes = in.readNBytes(KubeconfigBuilder.MAX_CHARACTERS + 1);
            if (bytes.length > KubeconfigBuilder.MAX_CHARACTERS) {
                throw new AbortException(Messages.CredentialsEnvironment_Unusable(field, file.getId(),
                        io.jenkins.plugins.lotabots.kubernetes.Messages.KubeconfigBuilder_TooLarge(
                                String.valueOf(KubeconfigBuilder.MAX_CHARACTERS))));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new AbortException(Messages.CredentialsEnvironment_Unusable(field, file.getId(), e.getMessage()));
        }
    }

    /**
     * Puts the credentials that NotificationBot and IncidentBot's paging both use: Slack's bot token, the PagerDuty
     * routing key and the SMTP login.
     */
    private static void putPaging(final Map<String, String> environment, final LotaBotsConfiguration configuration,
            @CheckForNull final Run<?, ?> run, final Consumer<String> warnings) {
        putSecretText(environment, SLACK_BOT_TOKEN, "slackBotTokenCredentialsId",
                configuration.getSlackBotTokenCredentialsId(), run, warnings);
        putSecretText(environment, PAGERDUTY_ROUTING_KEY, "pagerDutyCredentialsId",
                configuration.getPagerDutyCredentialsId(), run, warnings);
        putUsernamePassword(environment, SMTP_USER, SMTP_PASSWORD, "smtpCredentialsId",
                configuration.getSmtpCredentialsId(), run, warnings);
    }

    private static void putUsernamePassword(final Map<String, String> environment, final String userVariable,
            final String passwordVariable, final String field, @CheckForNull final String id, @CheckForNull final Run<?, ?> run,
            final Consumer<String> warnings) {
        if (id != null) {
            try {
                StandardUsernamePasswordCredentials credentials = find(id, StandardUsernamePasswordCredentials.class,
                        field, Messages.CredentialsFields_UsernamePassword(), run);
                environment.put(userVariable, credentials.getUsername());
                environment.put(passwordVariable, credentials.getPassword().getPlainText());
            }
            catch (AbortException e) {
                warnings.accept(e.getMessage());
            }
        }
    }

    private static void putSecretText(final Map<String, String> environment, final String variable,
            final String field, @CheckForNull final String id, @CheckForNull final Run<?, ?> run,
            final Consumer<String> warnings) {
        if (id != null) {
            try {
                StringCredentials credentials = find(id, StringCredentials.class, field,
                        Messages.CredentialsFields_SecretText(), run);
                environment.put(variable, credentials.getSecret().getPlainText());
            }
            catch (AbortException e) {
                warnings.accept(e.getMessage());
            }
        }
    }

    private static <C extends IdCredentials> C find(final String id, final Class<C> type, final String field,
            final String expected, @CheckForNull final Run<?, ?> run) throws AbortException {
        C credentials = lookUp(id, type, run);
        if (credentials != null) {
            return credentials;
        }
        if (!StandardCredentials.class.equals(type) && lookUp(id, StandardCredentials.class, run) != null) {
            throw new AbortException(Messages.CredentialsEnvironment_WrongType(field, id, expected));
        }
        throw new AbortException(Messages.CredentialsEnvironment_Missing(field, id));
    }

    /**
     * Finds a credential for a build (with its authentication, recording the use), or, without a build, among the
     * global credentials of Jenkins with the system's authority.
     */
    @CheckForNull
    private static <C extends IdCredentials> C lookUp(final String id, final Class<C> type,
            @CheckForNull final Run<?, ?> run) {
        if (run != null) {
            return CredentialsProvider.findCredentialById(id, type, run);
        }
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(),
                ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
    }
}
