package io.jenkins.plugins.lotabots;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;

import io.jenkins.plugins.lotabots.kubernetes.KubernetesCluster;
import io.lotabots.bot.build.BuildBotDescriptor;
import io.lotabots.bot.incident.IncidentBotDescriptor;
import io.lotabots.bot.monitor.MonitorBotDescriptor;
import io.lotabots.bot.notify.IncidentPaging;
import io.lotabots.bot.notify.NotificationBotDescriptor;
import io.lotabots.bot.security.SecurityBotDescriptor;
import io.lotabots.bot.test.TestBotDescriptor;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;

import net.sf.json.JSONObject;

import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The LotaBots section of "Manage Jenkins > System" and of configuration as code ({@code unclassified: lotabots:}):
 * Slack, PagerDuty, SMTP, Prometheus, Kubernetes clusters, artifact stores and default gates. Every secret is the id
 * of a Jenkins credential, resolved for each build by {@link CredentialsEnvironment}; nothing secret is stored here.
 * Endpoints and gates reach the bots as default options through {@link #defaultsFor(String)}.
 */
@Extension
@Symbol("lotabots")
public final class LotaBotsConfiguration extends GlobalConfiguration {
    /** The severities of SecurityBot's {@code failOn} gate, as the engine names them. */
    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "none");
    private static final int MAX_PORT = 65_535;
    private static final double MAX_PERCENT = 100.0;

    @CheckForNull
    private String slackWebhookCredentialsId;
    @CheckForNull
    private String slackBotTokenCredentialsId;
    @CheckForNull
    private String slackChannel;
    @CheckForNull
    private String pagerDutyCredentialsId;
    @CheckForNull
    private String pagerDutySecondaryCredentialsId;
    @CheckForNull
    private String twilioCredentialsId;
    @CheckForNull
    private String incidentDatabaseUrl;
    @CheckForNull
    private String incidentDatabaseCredentialsId;
    @CheckForNull
    private String escalationSmsTo;
    @CheckForNull
    private String escalationSecondarySmsTo;
    @CheckForNull
    private String escalationSmsFrom;
    @CheckForNull
    private String escalationRepageAfter;
    @CheckForNull
    private String escalationSecondaryAfter;
    @CheckForNull
    private String escalationPagerDutyUrl;
    @CheckForNull
    private String smtpHost;
    private int smtpPort = NotificationBotDescriptor.DEFAULT_SMTP_PORT;
    @CheckForNull
    private String smtpFrom;
    @CheckForNull
    private String smtpCredentialsId;
    private boolean smtpStartTls = true;
    @CheckForNull
    private String prometheusUrl;
    @CheckForNull
    private String prometheusCredentialsId;
    @CheckForNull
    private List<KubernetesCluster> clusters;
    @CheckForNull
    private List<ArtifactStore> artifactStores;
    @CheckForNull
    private String failOn;
    @CheckForNull
    private String minCoverage;
    @CheckForNull
    private String maxFailures;

    /**
     * Loads the saved configuration; called once by Jenkins.
     */
    public LotaBotsConfiguration() {
        super();
        load();
    }

    /**
     * Returns the configuration of this Jenkins.
     *
     * @return the singleton
     */
    public static LotaBotsConfiguration get() {
        return ExtensionList.lookupSingleton(LotaBotsConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.LotaBotsConfiguration_DisplayName();
    }

    /**
     * Binds the form and saves once, after the whole form bound. The lists are cleared first: a form without any
     * cluster or store sends no entry for them, and the old entries must not survive the deletion of the last one.
     * The setters' own saves are held back by a {@link BulkChange}; when a field is refused, nothing is saved, the
     * saved configuration is read back, and the refusal is reported on the form naming the field.
     */
    @Override
    public boolean configure(final StaplerRequest2 req, final JSONObject json) throws FormException {
        try (BulkChange change = new BulkChange(this)) {
            clusters = null;
            artifactStores = null;
            req.bindJSON(this, json);
            change.commit();
        }
        catch (IllegalArgumentException e) {
            load();
            throw new FormException(e.getMessage(), e, "lotabots");
        }
        catch (IOException e) {
            load();
            throw new FormException(e.getMessage(), e, "lotabots");
        }
        return true;
    }

    /**
     * Returns the default options of a bot: the endpoints of this configuration and the default gates. The step's own
     * options win over them.
     *
     * @param botId the engine's bot id, for example {@code test}
     * @return the options by engine option name; empty when there are none, never {@code null}
     */
    public Map<String, Object> defaultsFor(final String botId) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        switch (botId) {
            case TestBotDescriptor.ID -> {
                putIfSet(defaults, TestBotDescriptor.MIN_COVERAGE.getName(),
                        minCoverage == null ? null : Double.valueOf(minCoverage));
                putIfSet(defaults, TestBotDescriptor.MAX_FAILURES.getName(),
                        maxFailures == null ? null : Integer.valueOf(maxFailures));
            }
            case SecurityBotDescriptor.ID -> putIfSet(defaults, SecurityBotDescriptor.FAIL_ON.getName(), failOn);
            case MonitorBotDescriptor.ID -> putIfSet(defaults, MonitorBotDescriptor.PROMETHEUS.getName(), prometheusUrl);
            case BuildBotDescriptor.ID -> {
                List<ArtifactStore> stores = getArtifactStores();
                if (!stores.isEmpty()) {
                    defaults.put(BuildBotDescriptor.STORE.getName(), stores.get(0).getLocation());
                }
            }
            case NotificationBotDescriptor.ID -> {
                putIfSet(defaults, NotificationBotDescriptor.SLACK_CHANNEL.getName(), slackChannel);
                if (smtpHost != null) {
                    defaults.put(NotificationBotDescriptor.SMTP_HOST.getName(), smtpHost);
                    defaults.put(NotificationBotDescriptor.SMTP_PORT.getName(), smtpPort);
                    defaults.put(NotificationBotDescriptor.SMTP_TLS.getName(), smtpStartTls ? "starttls" : "none");
                }
                putIfSet(defaults, NotificationBotDescriptor.EMAIL_FROM.getName(), smtpFrom);
            }
            case IncidentBotDescriptor.ID -> {
                if (smtpHost != null) {
                    defaults.put(NotificationBotDescriptor.SMTP_HOST.getName(), smtpHost);
                    defaults.put(NotificationBotDescriptor.SMTP_PORT.getName(), smtpPort);
                    defaults.put(NotificationBotDescriptor.SMTP_TLS.getName(), smtpStartTls ? "starttls" : "none");
                }
                putIfSet(defaults, NotificationBotDescriptor.EMAIL_FROM.getName(), smtpFrom);
            }
            default -> {
                // no defaults for the other bots
            }
        }
        return defaults;
    }

    private static void putIfSet(final Map<String, Object> map, final String key, @CheckForNull final Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * Returns whether the controller's escalation pass has anyone to page: a PagerDuty routing key (of the on-call or
     * the secondary) or the numbers of the on-call or the secondary for SMS.
     *
     * @return {@code true} if {@link io.jenkins.plugins.lotabots.incident.IncidentEscalationWork} pages
     */
    public boolean isEscalationConfigured() {
        return pagerDutyCredentialsId != null || pagerDutySecondaryCredentialsId != null || escalationSmsTo != null
                || escalationSecondarySmsTo != null;
    }

    /**
     * Returns the options of the controller's escalation pass (IncidentBot's {@code escalate} without an id): the
     * paging settings of this configuration (SMS targets and sender, re-page and secondary times, the PagerDuty
     * Events API URL) and the SMTP defaults of IncidentBot. The routing keys, Twilio's and SMTP's secrets come from
     * the credentials, resolved on the controller.
     *
     * @return the options by engine option name
     */
    public Map<String, Object> escalationOptions() {
        Map<String, Object> options = defaultsFor(IncidentBotDescriptor.ID);
        putIfSet(options, IncidentPaging.Factory.SMS_TO.getName(), escalationSmsTo);
        putIfSet(options, IncidentPaging.Factory.SECONDARY_SMS_TO.getName(), escalationSecondarySmsTo);
        putIfSet(options, NotificationBotDescriptor.SMS_FROM.getName(), escalationSmsFrom);
        putIfSet(options, IncidentPaging.Factory.REPAGE_AFTER.getName(), escalationRepageAfter);
        putIfSet(options, IncidentPaging.Factory.SECONDARY_AFTER.getName(), escalationSecondaryAfter);
        putIfSet(options, NotificationBotDescriptor.PAGERDUTY_URL.getName(), escalationPagerDutyUrl);
        return options;
    }

    // ---- validation: one rule each, used by the setters and by the form checks ----

    /**
     * Checks the URL of the incident database.
     *
     * @param url the URL, or empty
     * @return the URL, trimmed, or {@code null} for none
     * @throws IllegalArgumentException if it is not a {@code jdbc:postgresql://} URL or holds a password
     */
    @CheckForNull
    public static String ensureIncidentDatabaseUrl(@CheckForNull final String url) {
        String value = Util.fixEmptyAndTrim(url);
        if (value == null) {
            return null;
        }
        if (!value.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_IncidentDatabaseUrlInvalid(value));
        }
        if (value.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_IncidentDatabasePassword());
        }
        return value;
    }

    /**
     * Checks an SMTP port.
     *
     * @param port the port
     * @return the port
     * @throws IllegalArgumentException if it is not between 1 and 65535
     */
    public static int ensureSmtpPort(final int port) {
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_SmtpPortInvalid(String.valueOf(port)));
        }
        return port;
    }

    /**
     * Checks an HTTP(S) URL such as the Prometheus server or a Kubernetes API server.
     *
     * @param field the field, for the message
     * @param url the URL, or empty
     * @return the trimmed URL, or {@code null} when empty
     * @throws IllegalArgumentException if it is not an absolute http or https URL
     */
    @CheckForNull
    public static String ensureHttpUrl(final String field, @CheckForNull final String url) {
        String value = Util.fixEmptyAndTrim(url);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                return value;
            }
        }
        catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(Messages.LotaBotsConfiguration_UrlInvalid(field, value));
    }

    /**
     * Checks a sender address.
     *
     * @param address the address, or empty
     * @return the trimmed address, or {@code null} when empty
     * @throws IllegalArgumentException if it is not of the form name@domain
     */
    @CheckForNull
    public static String ensureEmailAddress(@CheckForNull final String address) {
        String value = Util.fixEmptyAndTrim(address);
        if (value != null && !value.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+")) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_EmailInvalid(value));
        }
        return value;
    }

    /**
     * Checks a list of phone numbers for SMS.
     *
     * @param numbers numbers in E.164 form, comma-separated, for example {@code +41790000000,+41790000001}, or empty
     * @return the numbers without spaces, or {@code null} when empty
     * @throws IllegalArgumentException naming the first number that is not in E.164 form
     */
    @CheckForNull
    public static String ensurePhoneNumbers(@CheckForNull final String numbers) {
        String value = Util.fixEmptyAndTrim(numbers);
        if (value == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String number : value.split(",")) {
            String trimmed = number.trim();
            if (!trimmed.matches("\\+[1-9][0-9]{1,14}")) {
                throw new IllegalArgumentException(Messages.LotaBotsConfiguration_PhoneInvalid(trimmed));
            }
            kept.add(trimmed);
        }
        return String.join(",", kept);
    }

    /**
     * Checks a waiting time of the escalation policy.
     *
     * @param duration for example {@code 5m}, {@code 0} to turn the step off, or empty for the engine's default
     * @return the trimmed duration, or {@code null} when empty
     * @throws IllegalArgumentException if it is not a duration of 0 or more
     */
    @CheckForNull
    public static String ensureEscalationDuration(@CheckForNull final String duration) {
        String value = Util.fixEmptyAndTrim(duration);
        if (value == null) {
            return null;
        }
        if ("0".equals(value)) {
            // the engine's durations carry a unit
            return "0s";
        }
        try {
            if (!io.lotabots.util.Durations.parse(value).isNegative()) {
                return value;
            }
        }
        catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(Messages.LotaBotsConfiguration_DurationInvalid(value));
    }

    /**
     * Checks a Slack channel name or id.
     *
     * @param channel the channel, for example {@code #deploys} or {@code C0123456789}, or empty
     * @return the trimmed channel, or {@code null} when empty
     * @throws IllegalArgumentException if it contains white space
     */
    @CheckForNull
    public static String ensureSlackChannel(@CheckForNull final String channel) {
        String value = Util.fixEmptyAndTrim(channel);
        if (value != null && !value.matches("#?[^\\s#]{1,80}")) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_SlackChannelInvalid(value));
        }
        return value;
    }

    /**
     * Checks the default {@code failOn} severity of SecurityBot.
     *
     * @param severity the severity, or empty for the engine's default
     * @return the severity, or {@code null} when empty
     * @throws IllegalArgumentException if it is not a severity SecurityBot knows
     */
    @CheckForNull
    public static String ensureFailOn(@CheckForNull final String severity) {
        String value = Util.fixEmptyAndTrim(severity);
        if (value != null && !SEVERITIES.contains(value)) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_FailOnInvalid(value,
                    String.join(", ", SEVERITIES)));
        }
        return value;
    }

    /**
     * Checks the default {@code minCoverage} of TestBot.
     *
     * @param percent the percentage, or empty for no gate
     * @return the trimmed value, or {@code null} when empty
     * @throws IllegalArgumentException if it is not a number from 0 to 100
     */
    @CheckForNull
    public static String ensureMinCoverage(@CheckForNull final String percent) {
        String value = Util.fixEmptyAndTrim(percent);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (number >= 0 && number <= MAX_PERCENT) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Messages.LotaBotsConfiguration_MinCoverageInvalid(value));
    }

    /**
     * Checks the default {@code maxFailures} of TestBot.
     *
     * @param count the number of failed tests allowed, or empty for the engine's default
     * @return the trimmed value, or {@code null} when empty
     * @throws IllegalArgumentException if it is not a whole number of at least 0
     */
    @CheckForNull
    public static String ensureMaxFailures(@CheckForNull final String count) {
        String value = Util.fixEmptyAndTrim(count);
        if (value == null) {
            return null;
        }
        try {
            if (Integer.parseInt(value) >= 0) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Messages.LotaBotsConfiguration_MaxFailuresInvalid(value));
    }

    /**
     * Checks that names in a list are unique.
     *
     * @param what what the names name, for the message
     * @param names the names
     * @throws IllegalArgumentException if a name repeats
     */
    static void ensureUniqueNames(final String what, final List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(Messages.LotaBotsConfiguration_DuplicateName(what, name));
            }
        }
    }

    // ---- properties ----

    @CheckForNull
    public String getSlackWebhookCredentialsId() {
        return slackWebhookCredentialsId;
    }

    /**
     * Sets the Secret text credential holding the Slack incoming webhook URL.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setSlackWebhookCredentialsId(@CheckForNull final String id) {
        slackWebhookCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    @CheckForNull
    public String getSlackBotTokenCredentialsId() {
        return slackBotTokenCredentialsId;
    }

    /**
     * Sets the Secret text credential holding the Slack bot token.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setSlackBotTokenCredentialsId(@CheckForNull final String id) {
        slackBotTokenCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    @CheckForNull
    public String getSlackChannel() {
        return slackChannel;
    }

    /**
     * Sets the default Slack channel.
     *
     * @param channel the channel, or empty
     */
    @DataBoundSetter
    public void setSlackChannel(@CheckForNull final String channel) {
        slackChannel = ensureSlackChannel(channel);
        save();
    }

    @CheckForNull
    public String getPagerDutyCredentialsId() {
        return pagerDutyCredentialsId;
    }

    /**
     * Sets the Secret text credential holding the PagerDuty Events API v2 routing key.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setPagerDutyCredentialsId(@CheckForNull final String id) {
        pagerDutyCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /**
     * Returns the Secret text credential holding the PagerDuty routing key of the secondary on-call.
     *
     * @return the credentials id, or {@code null}
     */
    @CheckForNull
    public String getPagerDutySecondaryCredentialsId() {
        return pagerDutySecondaryCredentialsId;
    }

    /**
     * Sets the Secret text credential holding the PagerDuty routing key of the secondary on-call, which IncidentBot's
     * escalation pages when nobody acknowledged an incident in time.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setPagerDutySecondaryCredentialsId(@CheckForNull final String id) {
        pagerDutySecondaryCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /**
     * Returns the Username with password credential holding the Twilio account SID and auth token.
     *
     * @return the credentials id, or {@code null}
     */
    @CheckForNull
    public String getTwilioCredentialsId() {
        return twilioCredentialsId;
    }

    /**
     * Sets the Username with password credential holding the Twilio account SID (user name) and auth token
     * (password), for IncidentBot's SMS to the on-call.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setTwilioCredentialsId(@CheckForNull final String id) {
        twilioCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /**
     * Returns the PostgreSQL database IncidentBot keeps incidents in.
     *
     * @return a {@code jdbc:postgresql://} URL, or {@code null} for the file store under the Jenkins home
     */
    @CheckForNull
    public String getIncidentDatabaseUrl() {
        return incidentDatabaseUrl;
    }

    /**
     * Sets the PostgreSQL database IncidentBot keeps incidents in, for teams with several controllers; empty keeps
     * them in {@code $JENKINS_HOME/lotabots/incidents}.
     *
     * @param url a {@code jdbc:postgresql://HOST:PORT/DATABASE} URL, or empty
     * @throws IllegalArgumentException if it is not such a URL
     */
    @DataBoundSetter
    public void setIncidentDatabaseUrl(@CheckForNull final String url) {
        incidentDatabaseUrl = ensureIncidentDatabaseUrl(url);
        save();
    }

    /**
     * Returns the Username with password credential of the incident database.
     *
     * @return the credentials id, or {@code null}
     */
    @CheckForNull
    public String getIncidentDatabaseCredentialsId() {
        return incidentDatabaseCredentialsId;
    }

    /**
     * Sets the Username with password credential of the incident database.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setIncidentDatabaseCredentialsId(@CheckForNull final String id) {
        incidentDatabaseCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    @CheckForNull
    public String getSmtpHost() {
        return smtpHost;
    }

    /**
     * Sets the SMTP server.
     *
     * @param host the host name, or empty
     */
    @DataBoundSetter
    public void setSmtpHost(@CheckForNull final String host) {
        smtpHost = Util.fixEmptyAndTrim(host);
        save();
    }

    public int getSmtpPort() {
        return smtpPort;
    }

    /**
     * Sets the SMTP port.
     *
     * @param port the port
     */
    @DataBoundSetter
    public void setSmtpPort(final int port) {
        smtpPort = ensureSmtpPort(port);
        save();
    }

    @CheckForNull
    public String getEscalationSmsTo() {
        return escalationSmsTo;
    }

    /**
     * Sets the numbers of the on-call that the controller's escalation pass re-pages by SMS.
     *
     * @param numbers E.164 numbers, comma-separated, or empty
     */
    @DataBoundSetter
    public void setEscalationSmsTo(@CheckForNull final String numbers) {
        escalationSmsTo = ensurePhoneNumbers(numbers);
        save();
    }

    @CheckForNull
    public String getEscalationSecondarySmsTo() {
        return escalationSecondarySmsTo;
    }

    /**
     * Sets the numbers of the secondary on-call that the controller's escalation pass pages by SMS.
     *
     * @param numbers E.164 numbers, comma-separated, or empty
     */
    @DataBoundSetter
    public void setEscalationSecondarySmsTo(@CheckForNull final String numbers) {
        escalationSecondarySmsTo = ensurePhoneNumbers(numbers);
        save();
    }

    @CheckForNull
    public String getEscalationSmsFrom() {
        return escalationSmsFrom;
    }

    /**
     * Sets the Twilio number the escalation's SMS come from.
     *
     * @param number an E.164 number, or empty
     */
    @DataBoundSetter
    public void setEscalationSmsFrom(@CheckForNull final String number) {
        String checked = ensurePhoneNumbers(number);
        if (checked != null && checked.contains(",")) {
            throw new IllegalArgumentException(Messages.LotaBotsConfiguration_PhoneInvalid(checked));
        }
        escalationSmsFrom = checked;
        save();
    }

    @CheckForNull
    public String getEscalationRepageAfter() {
        return escalationRepageAfter;
    }

    /**
     * Sets how long after an incident opened nobody may have acknowledged it before the on-call is paged again.
     *
     * @param duration for example {@code 5m}; {@code 0} never; empty for the default, 5 minutes
     */
    @DataBoundSetter
    public void setEscalationRepageAfter(@CheckForNull final String duration) {
        escalationRepageAfter = ensureEscalationDuration(duration);
        save();
    }

    @CheckForNull
    public String getEscalationSecondaryAfter() {
        return escalationSecondaryAfter;
    }

    /**
     * Sets how long after an incident opened nobody may have acknowledged it before the secondary on-call is paged.
     *
     * @param duration for example {@code 15m}; {@code 0} never; empty for the default, 15 minutes
     */
    @DataBoundSetter
    public void setEscalationSecondaryAfter(@CheckForNull final String duration) {
        escalationSecondaryAfter = ensureEscalationDuration(duration);
        save();
    }

    @CheckForNull
    public String getEscalationPagerDutyUrl() {
        return escalationPagerDutyUrl;
    }

    /**
     * Sets the PagerDuty Events API v2 URL the escalation pass sends to.
     *
     * @param url for example {@code https://events.eu.pagerduty.com}, or empty for
     *        {@code https://events.pagerduty.com}
     */
    @DataBoundSetter
    public void setEscalationPagerDutyUrl(@CheckForNull final String url) {
        escalationPagerDutyUrl = ensureHttpUrl("escalationPagerDutyUrl", url);
        save();
    }

    @CheckForNull
    public String getSmtpFrom() {
        return smtpFrom;
    }

    /**
     * Sets the sender address of e-mails.
     *
     * @param from the address, or empty
     */
    @DataBoundSetter
    public void setSmtpFrom(@CheckForNull final String from) {
        smtpFrom = ensureEmailAddress(from);
        save();
    }

    @CheckForNull
    public String getSmtpCredentialsId() {
        return smtpCredentialsId;
    }

    /**
     * Sets the Username with password credential of the SMTP server.
     *
     * @param id the credentials id, or empty for no authentication
     */
    @DataBoundSetter
    public void setSmtpCredentialsId(@CheckForNull final String id) {
        smtpCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    public boolean isSmtpStartTls() {
        return smtpStartTls;
    }

    /**
     * Sets whether STARTTLS is used when the server offers it.
     *
     * @param startTls {@code true} for STARTTLS
     */
    @DataBoundSetter
    public void setSmtpStartTls(final boolean startTls) {
        smtpStartTls = startTls;
        save();
    }

    @CheckForNull
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    /**
     * Sets the Prometheus server MonitorBot queries.
     *
     * @param url the URL, or empty
     */
    @DataBoundSetter
    public void setPrometheusUrl(@CheckForNull final String url) {
        prometheusUrl = ensureHttpUrl("prometheusUrl", url);
        save();
    }

    @CheckForNull
    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    /**
     * Sets the Secret text credential holding a bearer token for Prometheus.
     *
     * @param id the credentials id, or empty
     */
    @DataBoundSetter
    public void setPrometheusCredentialsId(@CheckForNull final String id) {
        prometheusCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /**
     * Returns the Kubernetes clusters.
     *
     * @return the clusters; the first is the default context
     */
    public List<KubernetesCluster> getClusters() {
        return clusters == null ? List.of() : List.copyOf(clusters);
    }

    /**
     * Sets the Kubernetes clusters.
     *
     * @param clusters the clusters, with unique names
     */
    @DataBoundSetter
    public void setClusters(@CheckForNull final List<KubernetesCluster> clusters) {
        List<KubernetesCluster> list = clusters == null ? List.of() : clusters;
        ensureUniqueNames("cluster", list.stream().map(KubernetesCluster::getName).toList());
        this.clusters = new ArrayList<>(list);
        save();
    }

    /**
     * Returns the artifact stores.
     *
     * @return the stores; the first is BuildBot's default {@code store}
     */
    public List<ArtifactStore> getArtifactStores() {
        return artifactStores == null ? List.of() : List.copyOf(artifactStores);
    }

    /**
     * Sets the artifact stores.
     *
     * @param stores the stores, with unique names
     */
    @DataBoundSetter
    public void setArtifactStores(@CheckForNull final List<ArtifactStore> stores) {
        List<ArtifactStore> list = stores == null ? List.of() : stores;
        ensureUniqueNames("artifact store", list.stream().map(ArtifactStore::getName).toList());
        artifactStores = new ArrayList<>(list);
        save();
    }

    @CheckForNull
    public String getFailOn() {
        return failOn;
    }

    /**
     * Sets SecurityBot's default {@code failOn} severity.
     *
     * @param severity the severity, or empty for the engine's default
     */
    @DataBoundSetter
    public void setFailOn(@CheckForNull final String severity) {
        failOn = ensureFailOn(severity);
        save();
    }

    @CheckForNull
    public String getMinCoverage() {
        return minCoverage;
    }

    /**
     * Sets TestBot's default {@code minCoverage}.
     *
     * @param percent the percentage, or empty for no gate
     */
    @DataBoundSetter
    public void setMinCoverage(@CheckForNull final String percent) {
        minCoverage = ensureMinCoverage(percent);
        save();
    }

    @CheckForNull
    public String getMaxFailures() {
        return maxFailures;
    }

    /**
     * Sets TestBot's default {@code maxFailures}.
     *
     * @param count the number of failed tests allowed, or empty for the engine's default
     */
    @DataBoundSetter
    public void setMaxFailures(@CheckForNull final String count) {
        maxFailures = ensureMaxFailures(count);
        save();
    }

    // ---- form endpoints: POST, administrators only ----

    static CredentialsMatcher secretText() {
        return CredentialsMatchers.instanceOf(StringCredentials.class);
    }

    static CredentialsMatcher usernamePassword() {
        return CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class);
    }

    /**
     * Fills the Slack webhook credentials.
     *
     * @param slackWebhookCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillSlackWebhookCredentialsIdItems(@QueryParameter final String slackWebhookCredentialsId) {
        return CredentialsFields.fill(secretText(), slackWebhookCredentialsId);
    }

    /**
     * Checks the Slack webhook credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckSlackWebhookCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(secretText(), value, Messages.CredentialsFields_SecretText());
    }

    /**
     * Fills the Slack bot token credentials.
     *
     * @param slackBotTokenCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillSlackBotTokenCredentialsIdItems(
            @QueryParameter final String slackBotTokenCredentialsId) {
        return CredentialsFields.fill(secretText(), slackBotTokenCredentialsId);
    }

    /**
     * Checks the Slack bot token credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckSlackBotTokenCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(secretText(), value, Messages.CredentialsFields_SecretText());
    }

    /**
     * Checks the Slack channel.
     *
     * @param value the channel
     * @return the result
     */
    @POST
    public FormValidation doCheckSlackChannel(@QueryParameter final String value) {
        return validate(() -> ensureSlackChannel(value));
    }

    /**
     * Fills the PagerDuty routing key credentials.
     *
     * @param pagerDutyCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillPagerDutyCredentialsIdItems(@QueryParameter final String pagerDutyCredentialsId) {
        return CredentialsFields.fill(secretText(), pagerDutyCredentialsId);
    }

    /**
     * Checks the PagerDuty routing key credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckPagerDutyCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(secretText(), value, Messages.CredentialsFields_SecretText());
    }

    /**
     * Fills the secondary PagerDuty routing key credentials.
     *
     * @param pagerDutySecondaryCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillPagerDutySecondaryCredentialsIdItems(
            @QueryParameter final String pagerDutySecondaryCredentialsId) {
        return CredentialsFields.fill(secretText(), pagerDutySecondaryCredentialsId);
    }

    /**
     * Checks the secondary PagerDuty routing key credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckPagerDutySecondaryCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(secretText(), value, Messages.CredentialsFields_SecretText());
    }

    /**
     * Fills the Twilio credentials.
     *
     * @param twilioCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillTwilioCredentialsIdItems(@QueryParameter final String twilioCredentialsId) {
        return CredentialsFields.fill(usernamePassword(), twilioCredentialsId);
    }

    /**
     * Checks the Twilio credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckTwilioCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(usernamePassword(), value, Messages.CredentialsFields_UsernamePassword());
    }

    /**
     * Checks the incident database URL.
     *
     * @param value the URL
     * @return the result
     */
    @POST
    public FormValidation doCheckIncidentDatabaseUrl(@QueryParameter final String value) {
        return validate(() -> ensureIncidentDatabaseUrl(value));
    }

    /**
     * Fills the incident database credentials.
     *
     * @param incidentDatabaseCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillIncidentDatabaseCredentialsIdItems(
            @QueryParameter final String incidentDatabaseCredentialsId) {
        return CredentialsFields.fill(usernamePassword(), incidentDatabaseCredentialsId);
    }

    /**
     * Checks the incident database credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckIncidentDatabaseCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(usernamePassword(), value, Messages.CredentialsFields_UsernamePassword());
    }

    /**
     * Checks the SMTP port.
     *
     * @param value the port
     * @return the result
     */
    @POST
    public FormValidation doCheckSmtpPort(@QueryParameter final String value) {
        return validate(() -> {
            try {
                ensureSmtpPort(Integer.parseInt(value.trim()));
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException(Messages.LotaBotsConfiguration_SmtpPortInvalid(value), e);
            }
        });
    }

    /**
     * Checks the on-call numbers of the escalation.
     *
     * @param value the numbers
     * @return the result
     */
    @POST
    public FormValidation doCheckEscalationSmsTo(@QueryParameter final String value) {
        return validate(() -> ensurePhoneNumbers(value));
    }

    /**
     * Checks the secondary on-call numbers of the escalation.
     *
     * @param value the numbers
     * @return the result
     */
    @POST
    public FormValidation doCheckEscalationSecondarySmsTo(@QueryParameter final String value) {
        return validate(() -> ensurePhoneNumbers(value));
    }

    /**
     * Checks the sender number of the escalation's SMS.
     *
     * @param value the number
     * @return the result
     */
    @POST
    public FormValidation doCheckEscalationSmsFrom(@QueryParameter final String value) {
        return validate(() -> ensurePhoneNumbers(value));
    }

    /**
     * Checks the re-page time.
     *
     * @param value the duration
     * @return the result
     */
    @POST
    public FormValidation doCheckEscalationRepageAfter(@QueryParameter final String value) {
        return validate(() -> ensureEscalationDuration(value));
    }

    /**
     * Checks the secondary's time.
     *
     * @param value the duration
     * @return the result
     */
    @POST
    public FormValidation doCheckEscalationSecondaryAfter(@QueryParameter final String value) {
        return validate(() -> ensureEscalationDuration(value));
    }

    /**
     * Checks the PagerDuty Events API URL of the escalation.
     *
     * @param value the URL
     * @return the result
     */
    @POST
    public FormValidation doCheckEscalationPagerDutyUrl(@QueryParameter final String value) {
        return validate(() -> ensureHttpUrl("escalationPagerDutyUrl", value));
    }

    /**
     * Checks the sender address.
     *
     * @param value the address
     * @return the result
     */
    @POST
    public FormValidation doCheckSmtpFrom(@QueryParameter final String value) {
        return validate(() -> ensureEmailAddress(value));
    }

    /**
     * Fills the SMTP credentials.
     *
     * @param smtpCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillSmtpCredentialsIdItems(@QueryParameter final String smtpCredentialsId) {
        return CredentialsFields.fill(usernamePassword(), smtpCredentialsId);
    }

    /**
     * Checks the SMTP credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckSmtpCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(usernamePassword(), value, Messages.CredentialsFields_UsernamePassword());
    }

    /**
     * Checks the Prometheus URL.
     *
     * @param value the URL
     * @return the result
     */
    @POST
    public FormValidation doCheckPrometheusUrl(@QueryParameter final String value) {
        return validate(() -> ensureHttpUrl("prometheusUrl", value));
    }

    /**
     * Fills the Prometheus bearer token credentials.
     *
     * @param prometheusCredentialsId the current value
     * @return the choices
     */
    @POST
    public ListBoxModel doFillPrometheusCredentialsIdItems(@QueryParameter final String prometheusCredentialsId) {
        return CredentialsFields.fill(secretText(), prometheusCredentialsId);
    }

    /**
     * Checks the Prometheus bearer token credentials.
     *
     * @param value the id
     * @return the result
     */
    @POST
    public FormValidation doCheckPrometheusCredentialsId(@QueryParameter final String value) {
        return CredentialsFields.check(secretText(), value, Messages.CredentialsFields_SecretText());
    }

    /**
     * Fills the severities of the default {@code failOn} gate.
     *
     * @return the choices, the first meaning SecurityBot's own default
     */
    @POST
    public ListBoxModel doFillFailOnItems() {
        ListBoxModel model = new ListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return model;
        }
        model.add(Messages.LotaBotsConfiguration_EngineDefault(), "");
        for (String severity : SEVERITIES) {
            model.add(severity, severity);
        }
        return model;
    }

    /**
     * Checks the default minimum coverage.
     *
     * @param value the percentage
     * @return the result
     */
    @POST
    public FormValidation doCheckMinCoverage(@QueryParameter final String value) {
        return validate(() -> ensureMinCoverage(value));
    }

    /**
     * Checks the default number of failed tests allowed.
     *
     * @param value the count
     * @return the result
     */
    @POST
    public FormValidation doCheckMaxFailures(@QueryParameter final String value) {
        return validate(() -> ensureMaxFailures(value));
    }

    /**
     * Runs a validation rule for a form check: OK for users who may not configure Jenkins, else the rule's verdict.
     *
     * @param rule the rule
     * @return the result
     */
    @Restricted(NoExternalUse.class)
    public static FormValidation validate(final Runnable rule) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        try {
            rule.run();
            return FormValidation.ok();
        }
        catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
