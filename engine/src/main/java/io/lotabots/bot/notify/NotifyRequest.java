package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What NotificationBot is asked to do: the channels and their settings, the routing rules, what to notify about
 * (one message type, or a summary of a run) and how hard to try. Secrets are not part of the options: they are read
 * from the context ({@link io.lotabots.bot.BotContext#getSecret(String)}) under the names in
 * {@link NotificationBotDescriptor}, or given to {@link Builder#secret(String, String)} by a caller that holds them.
 */
public final class NotifyRequest {
    /** The channel name that stands for every channel whose settings are given. */
    public static final String CONFIGURED = "configured";

    private final List<ChannelKind> channels;
    @CheckForNull
    private final String messageType;
    private final boolean configured;
    @CheckForNull
    private final String stage;
    @CheckForNull
    private final String result;
    @CheckForNull
    private final String summary;
    @CheckForNull
    private final String run;
    private final List<String> routes;
    @CheckForNull
    private final String routesFile;
    private final boolean failOnError;
    private final RetryPolicy retryPolicy;
    @CheckForNull
    private final String link;
    @CheckForNull
    private final String slackChannel;
    private final String slackApiUrl;
    private final Set<Severity> slackMention;
    private final String pagerDutyUrl;
    private final String pagerDutyAction;
    @CheckForNull
    private final String pagerDutyDedupKey;
    @CheckForNull
    private final String pagerDutySource;
    @CheckForNull
    private final String smtpHost;
    private final int smtpPort;
    @CheckForNull
    private final String smtpUser;
    private final String smtpTls;
    @CheckForNull
    private final String emailFrom;
    private final List<String> emailTo;
    private final String twilioUrl;
    @CheckForNull
    private final String smsFrom;
    private final List<String> smsTo;
    private final String file;
    private final Map<String, String> secrets;

    private NotifyRequest(final Builder builder) {
        this.channels = List.copyOf(new LinkedHashSet<>(builder.channels));
        this.messageType = blankToNull(builder.messageType);
        this.stage = blankToNull(builder.stage);
        this.configured = builder.configured;
        this.result = blankToNull(builder.result);
        this.summary = blankToNull(builder.summary);
        this.run = blankToNull(builder.run);
        this.routes = List.copyOf(builder.routes);
        this.routesFile = blankToNull(builder.routesFile);
        this.failOnError = builder.failOnError;
        this.retryPolicy = new RetryPolicy(builder.timeout, builder.retries, builder.retryTime,
                builder.initialBackoff);
        this.link = blankToNull(builder.link);
        this.slackChannel = blankToNull(builder.slackChannel);
        this.slackApiUrl = builder.slackApiUrl;
        this.slackMention = Set.copyOf(builder.slackMention);
        this.pagerDutyUrl = builder.pagerDutyUrl;
        this.pagerDutyAction = builder.pagerDutyAction;
        this.pagerDutyDedupKey = blankToNull(builder.pagerDutyDedupKey);
        this.pagerDutySource = blankToNull(builder.pagerDutySource);
        this.smtpHost = blankToNull(builder.smtpHost);
        this.smtpPort = builder.smtpPort;
        this.smtpUser = blankToNull(builder.smtpUser);
        this.smtpTls = builder.smtpTls;
        this.emailFrom = blankToNull(builder.emailFrom);
        this.emailTo = List.copyOf(builder.emailTo);
        this.twilioUrl = builder.twilioUrl;
        this.smsFrom = blankToNull(builder.smsFrom);
        this.smsTo = List.copyOf(builder.smsTo);
        this.file = builder.file;
        this.secrets = Map.copyOf(builder.secrets);
        NotifyOptionChecks.smtpPort(smtpPort, (option, problem) -> new IllegalArgumentException("the SMTP port "
                + problem));
    }

    @CheckForNull
    private static String blankToNull(@CheckForNull final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Starts a request.
     *
     * @return a builder with the defaults of {@link NotificationBotDescriptor}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the channels.
     *
     * @return the channels; empty for those the routing rules name, or the console
     */
    public List<ChannelKind> getChannels() {
        return channels;
    }

    /**
     * Returns the type of the message to notify about.
     *
     * @return the type; empty for a summary of the run
     */
    public Optional<String> getMessageType() {
        return Optional.ofNullable(messageType);
    }

    /**
     * Returns whether every channel whose settings are given is added to the channels (the channel name
     * {@value #CONFIGURED}): Slack with SLACK_WEBHOOK_URL, or SLACK_BOT_TOKEN and slackChannel; PagerDuty with
     * PAGERDUTY_ROUTING_KEY; e-mail with smtpHost, emailFrom and emailTo; the webhook with NOTIFY_WEBHOOK_URL; SMS with
     * the Twilio secrets, smsFrom and smsTo.
     *
     * @return {@code true} to add them
     */
    public boolean isConfiguredChannels() {
        return configured;
    }

    /**
     * Returns the stage the notification reports on, as a front-end tells it after each stage.
     *
     * @return the stage's name; empty to notify about a message or the whole run
     */
    public Optional<String> getStage() {
        return Optional.ofNullable(stage);
    }

    /**
     * Returns the result of the reported stage.
     *
     * @return SUCCESS, UNSTABLE, FAILURE, ABORTED or NOT_BUILT; empty when not told
     */
    public Optional<String> getResult() {
        return Optional.ofNullable(result);
    }

    /**
     * Returns the one-line summary of the reported stage.
     *
     * @return the summary; empty when not told
     */
    public Optional<String> getSummary() {
        return Optional.ofNullable(summary);
    }

    /**
     * Returns the run to notify about.
     *
     * @return its correlation id; empty for the latest run in the journal
     */
    public Optional<String> getRun() {
        return Optional.ofNullable(run);
    }

    /**
     * Returns the routing rules given as options.
     *
     * @return the rules, each {@code CHANNEL[:TYPE|TYPE...][@MIN_SEVERITY]}
     */
    public List<String> getRoutes() {
        return routes;
    }

    /**
     * Returns the routing file.
     *
     * @return the path relative to the workspace, or empty
     */
    public Optional<String> getRoutesFile() {
        return Optional.ofNullable(routesFile);
    }

    /**
     * Returns whether a failed delivery fails the bot.
     *
     * @return {@code true} to fail; by default a failed delivery is a warning
     */
    public boolean isFailOnError() {
        return failOnError;
    }

    /**
     * Returns the timeouts and retries.
     *
     * @return the policy
     */
    public RetryPolicy getRetryPolicy() {
        return retryPolicy;
    }

    /**
     * Returns the link to the run.
     *
     * @return the link, for example the Jenkins build URL, or empty
     */
    public Optional<String> getLink() {
        return Optional.ofNullable(link);
    }

    /**
     * Returns the Slack channel for the Web API.
     *
     * @return the channel name or id, or empty to use the incoming webhook
     */
    public Optional<String> getSlackChannel() {
        return Optional.ofNullable(slackChannel);
    }

    /**
     * Returns the base URL of the Slack Web API.
     *
     * @return the URL, for example {@code https://slack.com/api}
     */
    public String getSlackApiUrl() {
        return slackApiUrl;
    }

    /**
     * Returns the severities for which Slack messages mention {@code @here}.
     *
     * @return the severities
     */
    public Set<Severity> getSlackMention() {
        return slackMention;
    }

    /**
     * Returns the base URL of the PagerDuty Events API.
     *
     * @return the URL
     */
    public String getPagerDutyUrl() {
        return pagerDutyUrl;
    }

    /**
     * Returns the PagerDuty event action.
     *
     * @return {@code auto}, {@code trigger}, {@code acknowledge}, {@code resolve} or {@code change}
     */
    public String getPagerDutyAction() {
        return pagerDutyAction;
    }

    /**
     * Returns the PagerDuty deduplication key.
     *
     * @return the key, or empty to derive it from the run and the alert
     */
    public Optional<String> getPagerDutyDedupKey() {
        return Optional.ofNullable(pagerDutyDedupKey);
    }

    /**
     * Returns the PagerDuty source.
     *
     * @return the affected system, or empty to derive it from the message
     */
    public Optional<String> getPagerDutySource() {
        return Optional.ofNullable(pagerDutySource);
    }

    /**
     * Returns the SMTP host.
     *
     * @return the host, or empty
     */
    public Optional<String> getSmtpHost() {
        return Optional.ofNullable(smtpHost);
    }

    /**
     * Returns the SMTP port.
     *
     * @return the port
     */
    public int getSmtpPort() {
        return smtpPort;
    }

    /**
     * Returns the SMTP user.
     *
     * @return the user, or empty to send without authentication
     */
    public Optional<String> getSmtpUser() {
        return Optional.ofNullable(smtpUser);
    }

    /**
     * Returns how SMTP uses TLS.
     *
     * @return {@code starttls} (when offered), {@code required} or {@code none}
     */
    public String getSmtpTls() {
        return smtpTls;
    }

    /**
     * Returns the sender address of e-mails.
     *
     * @return the address, or empty
     */
    public Optional<String> getEmailFrom() {
        return Optional.ofNullable(emailFrom);
    }

    /**
     * Returns the recipients of e-mails.
     *
     * @return the addresses
     */
    public List<String> getEmailTo() {
        return emailTo;
    }

    /**
     * Returns the base URL of the Twilio-compatible SMS API.
     *
     * @return the URL
     */
    public String getTwilioUrl() {
        return twilioUrl;
    }

    /**
     * Returns the sender number of SMS.
     *
     * @return the number in E.164 form, or empty
     */
    public Optional<String> getSmsFrom() {
        return Optional.ofNullable(smsFrom);
    }

    /**
     * Returns the recipients of SMS.
     *
     * @return the numbers in E.164 form
     */
    public List<String> getSmsTo() {
        return smsTo;
    }

    /**
     * Returns the file the file channel appends to.
     *
     * @return the path, relative to the workspace or absolute
     */
    public String getFile() {
        return file;
    }

    /**
     * Returns the secrets given by the caller, which take precedence over the context's.
     *
     * @return secret name to value
     */
    Map<String, String> getSecrets() {
        return secrets;
    }

    /**
     * Builds a {@link NotifyRequest}.
     */
    public static final class Builder {
        private final List<ChannelKind> channels = new ArrayList<>();
        @CheckForNull
        private String messageType;
        private boolean configured;
        @CheckForNull
        private String stage;
        @CheckForNull
        private String result;
        @CheckForNull
        private String summary;
        @CheckForNull
        private String run;
        private final List<String> routes = new ArrayList<>();
        @CheckForNull
        private String routesFile;
        private boolean failOnError;
        private Duration timeout = NotificationBotDescriptor.DEFAULT_TIMEOUT;
        private int retries = NotificationBotDescriptor.DEFAULT_RETRIES;
        private Duration retryTime = NotificationBotDescriptor.DEFAULT_RETRY_TIME;
        private Duration initialBackoff = Duration.ofSeconds(1);
        @CheckForNull
        private String link;
        @CheckForNull
        private String slackChannel;
        private String slackApiUrl = NotificationBotDescriptor.DEFAULT_SLACK_API_URL;
        private final Set<Severity> slackMention = EnumSet.noneOf(Severity.class);
        private String pagerDutyUrl = NotificationBotDescriptor.DEFAULT_PAGERDUTY_URL;
        private String pagerDutyAction = "auto";
        @CheckForNull
        private String pagerDutyDedupKey;
        @CheckForNull
        private String pagerDutySource;
        @CheckForNull
        private String smtpHost;
        private int smtpPort = NotificationBotDescriptor.DEFAULT_SMTP_PORT;
        @CheckForNull
        private String smtpUser;
        private String smtpTls = "starttls";
        @CheckForNull
        private String emailFrom;
        private final List<String> emailTo = new ArrayList<>();
        private String twilioUrl = NotificationBotDescriptor.DEFAULT_TWILIO_URL;
        @CheckForNull
        private String smsFrom;
        private final List<String> smsTo = new ArrayList<>();
        private String file = NotificationBotDescriptor.DEFAULT_FILE;
        private final Map<String, String> secrets = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds channels.
         *
         * @param values the channels
         * @return this
         */
        public Builder channels(final ChannelKind... values) {
            channels.addAll(List.of(values));
            return this;
        }

        /**
         * Adds channels by name.
         *
         * @param names the names, for example {@code slack}
         * @return this
         * @throws io.lotabots.error.LotaBotsException for an unknown name
         */
        public Builder channels(final List<String> names) {
            for (String name : names) {
                if (CONFIGURED.equalsIgnoreCase(name.trim())) {
                    configured = true;
                }
                else {
                    channels.add(ChannelKind.parse(name, "option 'channel'"));
                }
            }
            return this;
        }

        /**
         * Adds every channel whose settings are given (the channel name {@value NotifyRequest#CONFIGURED}).
         *
         * @param value {@code true} to add them
         * @return this
         */
        public Builder configuredChannels(final boolean value) {
            this.configured = value;
            return this;
        }

        /**
         * Sets the type of the message to notify about.
         *
         * @param value the type, or {@code null} for a summary of the run
         * @return this
         */
        public Builder messageType(@CheckForNull final String value) {
            this.messageType = value;
            return this;
        }

        /**
         * Sets the stage the notification reports on.
         *
         * @param value the stage's name, or {@code null}
         * @return this builder
         */
        public Builder stage(@CheckForNull final String value) {
            this.stage = value;
            return this;
        }

        /**
         * Sets the result of the reported stage.
         *
         * @param value SUCCESS, UNSTABLE, FAILURE, ABORTED or NOT_BUILT, or {@code null}
         * @return this builder
         */
        public Builder result(@CheckForNull final String value) {
            this.result = value;
            return this;
        }

        /**
         * Sets the one-line summary of the reported stage.
         *
         * @param value the summary, or {@code null}
         * @return this builder
         */
        public Builder summary(@CheckForNull final String value) {
            this.summary = value;
            return this;
        }

        /**
         * Sets the run to notify about.
         *
         * @param value its correlation id, or {@code null} for the latest run
         * @return this
         */
        public Builder run(@CheckForNull final String value) {
            this.run = value;
            return this;
        }

        /**
         * Adds routing rules.
         *
         * @param values the rules
         * @return this
         */
        public Builder routes(final List<String> values) {
            routes.addAll(values);
            return this;
        }

        /**
         * Sets the routing file.
         *
         * @param value the path, or {@code null}
         * @return this
         */
        public Builder routesFile(@CheckForNull final String value) {
            this.routesFile = value;
            return this;
        }

        /**
         * Sets whether a failed delivery fails the bot.
         *
         * @param value {@code true} to fail
         * @return this
         */
        public Builder failOnError(final boolean value) {
            this.failOnError = value;
            return this;
        }

        /**
         * Sets the timeout of every call.
         *
         * @param value the timeout
         * @return this
         */
        public Builder timeout(final Duration value) {
            this.timeout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the number of retries.
         *
         * @param value the retries
         * @return this
         */
        public Builder retries(final int value) {
            this.retries = value;
            return this;
        }

        /**
         * Sets the longest time spent on one notification, waits included.
         *
         * @param value the time
         * @return this
         */
        public Builder retryTime(final Duration value) {
            this.retryTime = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the wait before the first retry.
         *
         * @param value the wait; it doubles with every retry
         * @return this
         */
        public Builder initialBackoff(final Duration value) {
            this.initialBackoff = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the link to the run.
         *
         * @param value the link, or {@code null}
         * @return this
         */
        public Builder link(@CheckForNull final String value) {
            this.link = value;
            return this;
        }

        /**
         * Sets the Slack channel for the Web API.
         *
         * @param value the channel, or {@code null}
         * @return this
         */
        public Builder slackChannel(@CheckForNull final String value) {
            this.slackChannel = value;
            return this;
        }

        /**
         * Sets the base URL of the Slack Web API.
         *
         * @param value the URL
         * @return this
         */
        public Builder slackApiUrl(final String value) {
            this.slackApiUrl = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Adds severities for which Slack messages mention {@code @here}.
         *
         * @param values the severities
         * @return this
         */
        public Builder slackMention(final Severity... values) {
            slackMention.addAll(List.of(values));
            return this;
        }

        /**
         * Sets the base URL of the PagerDuty Events API.
         *
         * @param value the URL
         * @return this
         */
        public Builder pagerDutyUrl(final String value) {
            this.pagerDutyUrl = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the PagerDuty event action.
         *
         * @param value {@code auto}, {@code trigger}, {@code acknowledge}, {@code resolve} or {@code change}
         * @return this
         */
        public Builder pagerDutyAction(final String value) {
            this.pagerDutyAction = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the PagerDuty deduplication key.
         *
         * @param value the key, or {@code null}
         * @return this
         */
        public Builder pagerDutyDedupKey(@CheckForNull final String value) {
            this.pagerDutyDedupKey = value;
            return this;
        }

        /**
         * Sets the PagerDuty source.
         *
         * @param value the affected system, or {@code null}
         * @return this
         */
        public Builder pagerDutySource(@CheckForNull final String value) {
            this.pagerDutySource = value;
            return this;
        }

        /**
         * Sets the SMTP host.
         *
         * @param value the host, or {@code null}
         * @return this
         */
        public Builder smtpHost(@CheckForNull final String value) {
            this.smtpHost = value;
            return this;
        }

        /**
         * Sets the SMTP port.
         *
         * @param value the port
         * @return this
         */
        public Builder smtpPort(final int value) {
            this.smtpPort = value;
            return this;
        }

        /**
         * Sets the SMTP user.
         *
         * @param value the user, or {@code null}
         * @return this
         */
        public Builder smtpUser(@CheckForNull final String value) {
            this.smtpUser = value;
            return this;
        }

        /**
         * Sets how SMTP uses TLS.
         *
         * @param value {@code starttls}, {@code required} or {@code none}
         * @return this
         */
        public Builder smtpTls(final String value) {
            this.smtpTls = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the sender address of e-mails.
         *
         * @param value the address, or {@code null}
         * @return this
         */
        public Builder emailFrom(@CheckForNull final String value) {
            this.emailFrom = value;
            return this;
        }

        /**
         * Adds recipients of e-mails.
         *
         * @param values the addresses
         * @return this
         */
        public Builder emailTo(final List<String> values) {
            emailTo.addAll(values);
            return this;
        }

        /**
         * Sets the base URL of the Twilio-compatible SMS API.
         *
         * @param value the URL
         * @return this
         */
        public Builder twilioUrl(final String value) {
            this.twilioUrl = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the sender number of SMS.
         *
         * @param value the number, or {@code null}
         * @return this
         */
        public Builder smsFrom(@CheckForNull final String value) {
            this.smsFrom = value;
            return this;
        }

        /**
         * Adds recipients of SMS.
         *
         * @param values the numbers
         * @return this
         */
        public Builder smsTo(final List<String> values) {
            smsTo.addAll(values);
            return this;
        }

        /**
         * Sets the file the file channel appends to.
         *
         * @param value the path
         * @return this
         */
        public Builder file(final String value) {
            this.file = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Gives a secret directly, for callers that hold it (a Jenkins step that resolved a credential); it takes
         * precedence over the context's secret of the same name and is masked like it.
         *
         * @param name the secret name, for example {@link NotificationBotDescriptor#SLACK_WEBHOOK_URL}
         * @param value the value
         * @return this
         */
        public Builder secret(final String name, final String value) {
            secrets.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public NotifyRequest build() {
            return new NotifyRequest(this);
        }
    }
}
