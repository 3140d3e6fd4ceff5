package io.jenkins.plugins.lotabots.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.PagingOptionsStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code notificationBot} Pipeline step: runs NotificationBot with the options of its engine descriptor,
 * named and typed as there (docs/BOTS.md). Tells people about each stage of a run on Slack, PagerDuty, e-mail, webhooks, SMS, the console or a file, records every delivery as notification.sent or notification.failed, and lets the pipeline go on when a channel is down.
 */
public class NotificationBotStep extends PagingOptionsStep {
    /** The engine bot's id. */
    static final String BOT_ID = "notify";

    @CheckForNull
    private List<String> channel;
    @CheckForNull
    private String messageType;
    @CheckForNull
    private String stage;
    @CheckForNull
    private String result;
    @CheckForNull
    private String summary;
    @CheckForNull
    private String run;
    @CheckForNull
    private List<String> route;
    @CheckForNull
    private String routesFile;
    @CheckForNull
    private Boolean failOnError;
    @CheckForNull
    private String link;
    @CheckForNull
    private String slackChannel;
    @CheckForNull
    private List<String> slackMention;
    @CheckForNull
    private String pagerdutyAction;
    @CheckForNull
    private String pagerdutyDedupKey;
    @CheckForNull
    private String pagerdutySource;
    @CheckForNull
    private List<String> emailTo;
    @CheckForNull
    private List<String> smsTo;
    @CheckForNull
    private String file;

    /**
     * Creates the step; every option is optional and set through its setter.
     */
    @DataBoundConstructor
    public NotificationBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code channel}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getChannel() {
        return channel;
    }

    /**
     * Sets option {@code channel}: Channels to notify: slack, pagerduty, email, webhook, sms, console, file; for example slack,email. Default: the channels the routing rules name, else console. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setChannel(@CheckForNull final List<String> value) {
        this.channel = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code messageType}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getMessageType() {
        return messageType;
    }

    /**
     * Sets option {@code messageType}: Notify about the latest message of this type in the journal, for example deploy.completed; empty sends a summary of the run.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setMessageType(@CheckForNull final String value) {
        this.messageType = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code stage}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStage() {
        return stage;
    }

    /**
     * Sets option {@code stage}: Stage this notification reports on, for example Deploy to Staging (in a Jenkinsfile env.STAGE_NAME); with result and summary it says how the stage ended, even when its bot published nothing.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStage(@CheckForNull final String value) {
        this.stage = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code result}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getResult() {
        return result;
    }

    /**
     * Sets option {@code result}: Result of the reported stage, for example FAILURE (in a Jenkinsfile currentBuild.currentResult); it sets the severity: FAILURE is an error, UNSTABLE and ABORTED a warning.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setResult(@CheckForNull final String value) {
        this.result = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code summary}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSummary() {
        return summary;
    }

    /**
     * Sets option {@code summary}: One line on how the reported stage ended, for example '6 tests, 1 failed'.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSummary(@CheckForNull final String value) {
        this.summary = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code run}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRun() {
        return run;
    }

    /**
     * Sets option {@code run}: Correlation id of the run to notify about, for example job/app/main#42; empty for the latest run in the journal.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRun(@CheckForNull final String value) {
        this.run = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code route}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getRoute() {
        return route;
    }

    /**
     * Sets option {@code route}: Routing rules CHANNEL[:TYPE|TYPE...][{@literal @}MIN_SEVERITY], for example pagerduty:alert.*|deploy.failed{@literal @}error; a channel without rules gets every message. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRoute(@CheckForNull final List<String> value) {
        this.route = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code routesFile}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRoutesFile() {
        return routesFile;
    }

    /**
     * Sets option {@code routesFile}: YAML or JSON file of routing rules relative to the workspace, for example .lotabots/routes.yaml with routes: [{channel: sms, severities: [critical]}].
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRoutesFile(@CheckForNull final String value) {
        this.routesFile = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code failOnError}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public Boolean getFailOnError() {
        return failOnError;
    }

    /**
     * Sets option {@code failOnError}: Fail when a notification cannot be delivered; by default that is a warning and the pipeline goes on. Default: {@code false}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setFailOnError(@CheckForNull final Boolean value) {
        this.failOnError = BotOptionValues.unlessDefault(io.lotabots.bot.notify.NotificationBotDescriptor.FAIL_ON_ERROR, value);
    }

    /**
     * Returns option {@code link}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getLink() {
        return link;
    }

    /**
     * Sets option {@code link}: Link to the run shown in every notification; default: BUILD_URL.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setLink(@CheckForNull final String value) {
        this.link = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code slackChannel}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSlackChannel() {
        return slackChannel;
    }

    /**
     * Sets option {@code slackChannel}: Slack channel for the Web API with SLACK_BOT_TOKEN, for example #deploys or C0123456789: one status card per run, updated at each stage, details in its thread. Empty: post each notification to the incoming webhook SLACK_WEBHOOK_URL.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSlackChannel(@CheckForNull final String value) {
        this.slackChannel = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code slackMention}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSlackMention() {
        return slackMention;
    }

    /**
     * Sets option {@code slackMention}: Severities for which Slack messages mention {@literal @}here, for example critical,error; none by default. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSlackMention(@CheckForNull final List<String> value) {
        this.slackMention = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code pagerdutyAction}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPagerdutyAction() {
        return pagerdutyAction;
    }

    /**
     * Sets option {@code pagerdutyAction}: PagerDuty event: auto triggers on errors and alerts, resolves on alert.resolved and incident.resolved, and sends change events for deployments. Default: {@code 'auto'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPagerdutyAction(@CheckForNull final String value) {
        this.pagerdutyAction = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code pagerdutyDedupKey}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPagerdutyDedupKey() {
        return pagerdutyDedupKey;
    }

    /**
     * Sets option {@code pagerdutyDedupKey}: PagerDuty dedup_key; default: derived from the run and the alert or incident, so that a resolve closes the incident its trigger opened.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPagerdutyDedupKey(@CheckForNull final String value) {
        this.pagerdutyDedupKey = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code pagerdutySource}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPagerdutySource() {
        return pagerdutySource;
    }

    /**
     * Sets option {@code pagerdutySource}: PagerDuty payload source, the affected system; default: the message's environment or service, else lotabots.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPagerdutySource(@CheckForNull final String value) {
        this.pagerdutySource = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code emailTo}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getEmailTo() {
        return emailTo;
    }

    /**
     * Sets option {@code emailTo}: Recipients of e-mails, for example team{@literal @}example.com,oncall{@literal @}example.com. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setEmailTo(@CheckForNull final List<String> value) {
        this.emailTo = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code smsTo}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSmsTo() {
        return smsTo;
    }

    /**
     * Sets option {@code smsTo}: Recipients of SMS in E.164 form, for example +41790000000. Default: {@code []}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmsTo(@CheckForNull final List<String> value) {
        this.smsTo = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code file}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getFile() {
        return file;
    }

    /**
     * Sets option {@code file}: File the file channel appends to, inside the workspace. Default: {@code '.lotabots/notifications.log'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setFile(@CheckForNull final String value) {
        this.file = BotOptionValues.text(value);
    }

    /**
     * Describes the {@code notificationBot} step.
     */
    @Extension
    public static final class DescriptorImpl extends BotStepDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(BOT_ID);
        }

        @Override
        public String getFunctionName() {
            return "notificationBot";
        }
    }
}
