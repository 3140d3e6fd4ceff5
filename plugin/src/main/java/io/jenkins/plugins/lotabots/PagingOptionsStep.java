package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A bot step with the settings of NotificationBot's channels that IncidentBot's paging uses too: how hard to try a
 * channel ({@code timeout}, {@code retries}, {@code retryTime}), the Slack, PagerDuty and Twilio API URLs, the SMTP
 * server and the senders of e-mail and SMS. The engine gives both bots these options under the same names, types and
 * help ({@code NotificationBotDescriptor}); their setters are declared once, here, and each step keeps its own form
 * and help files, so the Pipeline syntax of {@code notificationBot} and {@code incidentBot} is unchanged.
 */
public abstract class PagingOptionsStep extends BotStep {
    @CheckForNull
    private String timeout;
    @CheckForNull
    private Integer retries;
    @CheckForNull
    private String retryTime;
    @CheckForNull
    private String slackApiUrl;
    @CheckForNull
    private String pagerdutyUrl;
    @CheckForNull
    private String smtpHost;
    @CheckForNull
    private Integer smtpPort;
    @CheckForNull
    private String smtpUser;
    @CheckForNull
    private String smtpTls;
    @CheckForNull
    private String emailFrom;
    @CheckForNull
    private String twilioUrl;
    @CheckForNull
    private String smsFrom;

    /**
     * Returns option {@code timeout}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTimeout() {
        return timeout;
    }

    /**
     * Sets option {@code timeout}: Longest time one call to a channel may take, for example 10s. Default: {@code 10s}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTimeout(@CheckForNull final String value) {
        this.timeout = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code retries}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getRetries() {
        return retries;
    }

    /**
     * Sets option {@code retries}: How often a channel that is down, slow or rate-limited is tried again, with exponential backoff or the wait its Retry-After asks for; 0 to 20. Default: {@code 3}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRetries(@CheckForNull final Integer value) {
        this.retries = value;
    }

    /**
     * Returns option {@code retryTime}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRetryTime() {
        return retryTime;
    }

    /**
     * Sets option {@code retryTime}: Longest time spent on one notification, tries and waits together, for example 1m. Default: {@code 1m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRetryTime(@CheckForNull final String value) {
        this.retryTime = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code slackApiUrl}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSlackApiUrl() {
        return slackApiUrl;
    }

    /**
     * Sets option {@code slackApiUrl}: Base URL of the Slack Web API. Default: {@code 'https://slack.com/api'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSlackApiUrl(@CheckForNull final String value) {
        this.slackApiUrl = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code pagerdutyUrl}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPagerdutyUrl() {
        return pagerdutyUrl;
    }

    /**
     * Sets option {@code pagerdutyUrl}: Base URL of the PagerDuty Events API v2. Default: {@code 'https://events.pagerduty.com'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPagerdutyUrl(@CheckForNull final String value) {
        this.pagerdutyUrl = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code smtpHost}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSmtpHost() {
        return smtpHost;
    }

    /**
     * Sets option {@code smtpHost}: SMTP server for e-mail, for example smtp.example.com.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmtpHost(@CheckForNull final String value) {
        this.smtpHost = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code smtpPort}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Integer getSmtpPort() {
        return smtpPort;
    }

    /**
     * Sets option {@code smtpPort}: SMTP port, for example 587 or 25. Default: {@code 587}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmtpPort(@CheckForNull final Integer value) {
        this.smtpPort = value;
    }

    /**
     * Returns option {@code smtpUser}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSmtpUser() {
        return smtpUser;
    }

    /**
     * Sets option {@code smtpUser}: SMTP user; its password comes from the secret SMTP_PASSWORD. Empty: no authentication.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmtpUser(@CheckForNull final String value) {
        this.smtpUser = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code smtpTls}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSmtpTls() {
        return smtpTls;
    }

    /**
     * Sets option {@code smtpTls}: STARTTLS use: starttls when the server offers it, required to refuse plain connections, or none. Default: {@code 'starttls'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmtpTls(@CheckForNull final String value) {
        this.smtpTls = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code emailFrom}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getEmailFrom() {
        return emailFrom;
    }

    /**
     * Sets option {@code emailFrom}: Sender address of e-mails, for example lotabots{@literal @}example.com.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setEmailFrom(@CheckForNull final String value) {
        this.emailFrom = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code twilioUrl}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTwilioUrl() {
        return twilioUrl;
    }

    /**
     * Sets option {@code twilioUrl}: Base URL of the Twilio-compatible SMS API; account SID and auth token come from the secrets TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN. Default: {@code 'https://api.twilio.com'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTwilioUrl(@CheckForNull final String value) {
        this.twilioUrl = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code smsFrom}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSmsFrom() {
        return smsFrom;
    }

    /**
     * Sets option {@code smsFrom}: Sender number of SMS in E.164 form, for example +15005550006.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmsFrom(@CheckForNull final String value) {
        this.smsFrom = BotOptionValues.text(value);
    }
}
