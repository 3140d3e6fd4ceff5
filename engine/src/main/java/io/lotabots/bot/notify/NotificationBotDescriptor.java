package io.lotabots.bot.notify;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.BotSecret;
import io.lotabots.bot.OptionType;

import java.time.Duration;
import java.util.List;

/**
 * NotificationBot's id, name, help and options, the one place the CLI ({@code lotabots notify --channel slack}) and
 * the Pipeline step ({@code notificationBot channel: ['slack']}) read them from. Secrets are never options: they are read
 * by name from the environment (CLI) or from credentials bound to these names (Jenkins).
 */
public final class NotificationBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "notify";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "NotificationBot";

    /** The secret holding a Slack incoming webhook URL; the URL itself is a secret. */
    public static final String SLACK_WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    /** The secret holding a Slack bot token ({@code xoxb-...}) for the Web API. */
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    /** The secret holding the PagerDuty Events API v2 routing (integration) key. */
    public static final String PAGERDUTY_ROUTING_KEY = "PAGERDUTY_ROUTING_KEY";
    /** The secret holding the SMTP password. */
    public static final String SMTP_PASSWORD = "SMTP_PASSWORD";
    /** The variable holding the SMTP user when the option smtpUser is empty (Jenkins sets it from a credential). */
    public static final String SMTP_USER_SECRET = "SMTP_USER";
    /** The secret holding the generic webhook URL. */
    public static final String WEBHOOK_URL = "NOTIFY_WEBHOOK_URL";
    /** The secret holding the Twilio account SID. */
    public static final String TWILIO_ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
    /** The secret holding the Twilio auth token. */
    public static final String TWILIO_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    /** The variable whose value is the default link, as Jenkins sets it. */
    public static final String BUILD_URL = "BUILD_URL";

    /** The default timeout of every call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The default number of retries. */
    public static final int DEFAULT_RETRIES = 3;
    /** The default bound on the time spent on one notification. */
    public static final Duration DEFAULT_RETRY_TIME = Duration.ofSeconds(60);
    /** The Slack Web API. */
    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api";
    /** The PagerDuty Events API. */
    public static final String DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com";
    /** The Twilio API. */
    public static final String DEFAULT_TWILIO_URL = "https://api.twilio.com";
    /** The default SMTP port (submission). */
    public static final int DEFAULT_SMTP_PORT = 587;
    /** The default file of the file channel. */
    public static final String DEFAULT_FILE = ".lotabots/notifications.log";

    /** The channels. */
    public static final BotOption<List<String>> CHANNEL = BotOption.optional("channel", OptionType.STRING_LIST,
            List.of(), "Channels to notify: " + ChannelKind.names() + ", or configured for every channel whose"
                    + " secrets and settings are given (in Jenkins: the global configuration); for example"
                    + " slack,email or console,file,configured. Default: the channels the routing rules name, else"
                    + " console.");
    /** The message type. */
    public static final BotOption<String> MESSAGE_TYPE = BotOption.optional("messageType", OptionType.STRING, null,
            "Notify about the latest message of this type in the journal, for example deploy.completed; empty"
                    + " sends a summary of the run.");
    /** The stage reported on. */
    public static final BotOption<String> STAGE = BotOption.optional("stage", OptionType.STRING, null,
            "Stage this notification reports on, for example Deploy to Staging (in a Jenkinsfile env.STAGE_NAME);"
                    + " with result and summary it says how the stage ended, even when its bot published nothing.");
    /** The result of the reported stage. */
    public static final BotOption<String> RESULT = BotOption.optional("result",
            OptionType.choice("SUCCESS", "UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT"), null,
            "Result of the reported stage, for example FAILURE (in a Jenkinsfile currentBuild.currentResult);"
                    + " it sets the severity: FAILURE is an error, UNSTABLE and ABORTED a warning.");
    /** The summary of the reported stage. */
    public static final BotOption<String> SUMMARY = BotOption.optional("summary", OptionType.STRING, null,
            "One line on how the reported stage ended, for example '6 tests, 1 failed'.");
    /** The run. */
    public static final BotOption<String> RUN = BotOption.optional("run", OptionType.STRING, null,
            "Correlation id of the run to notify about, for example job/app/main#42; empty for the latest run in"
                    + " the journal.");
    /** The routing rules. */
    public static final BotOption<List<String>> ROUTE = BotOption.optional("route", OptionType.STRING_LIST,
            List.of(), "Routing rules CHANNEL[:TYPE|TYPE...][@MIN_SEVERITY], for example"
                    + " pagerduty:alert.*|deploy.failed@error; a channel without rules gets every message.");
    /** The routing file. */
    public static final BotOption<String> ROUTES_FILE = BotOption.optional("routesFile", OptionType.STRING, null,
            "YAML or JSON file of routing rules relative to the workspace, for example .lotabots/routes.yaml with"
                    + " routes: [{channel: sms, severities: [critical]}].");
    /** Whether a failed delivery fails the bot. */
    public static final BotOption<Boolean> FAIL_ON_ERROR = BotOption.optional("failOnError", OptionType.BOOLEAN,
            Boolean.FALSE, "Fail when a notification cannot be delivered; by default that is a warning and the"
                    + " pipeline goes on.");
    /** The timeout of every call. */
    public static final BotOption<Duration> TIMEOUT = BotOption.optional("timeout", OptionType.DURATION,
            DEFAULT_TIMEOUT, "Longest time one call to a channel may take, for example 10s.");
    /** The retries. */
    public static final BotOption<Integer> RETRIES = BotOption.optional("retries", OptionType.INTEGER,
            DEFAULT_RETRIES, "How often a channel that is down, slow or rate-limited is tried again, with"
                    + " exponential backoff or the wait its Retry-After asks for; 0 to 20.");
    /** The bound on the time of one notification. */
    public static final BotOption<Duration> RETRY_TIME = BotOption.optional("retryTime", OptionType.DURATION,
            DEFAULT_RETRY_TIME, "Longest time spent on one notification, tries and waits together, for example 1m.");
    /** The link. */
    public static final BotOption<String> LINK = BotOption.optional("link", OptionType.STRING, null,
            "Link to the run shown in every notification; default: BUILD_URL.");
    /** The Slack channel. */
    public static final BotOption<String> SLACK_CHANNEL = BotOption.optional("slackChannel", OptionType.STRING,
            null, "Slack channel for the Web API with SLACK_BOT_TOKEN, for example #deploys or C0123456789: one"
                    + " status card per run, updated at each stage, details in its thread. Empty: post each"
                    + " notification to the incoming webhook SLACK_WEBHOOK_URL.");
    /** The Slack API URL. */
    public static final BotOption<String> SLACK_API_URL = BotOption.optional("slackApiUrl", OptionType.STRING,
            DEFAULT_SLACK_API_URL, "Base URL of the Slack Web API.");
    /** The severities that mention @here. */
    public static final BotOption<List<String>> SLACK_MENTION = BotOption.optional("slackMention",
            OptionType.STRING_LIST, List.of(), "Severities for which Slack messages mention @here, for example"
                    + " critical,error; none by default.");
    /** The PagerDuty URL. */
    public static final BotOption<String> PAGERDUTY_URL = BotOption.optional("pagerdutyUrl", OptionType.STRING,
            DEFAULT_PAGERDUTY_URL, "Base URL of the PagerDuty Events API v2.");
    /** The PagerDuty action. */
    public static final BotOption<String> PAGERDUTY_ACTION = BotOption.optional("pagerdutyAction",
            OptionType.choice("auto", "trigger", "acknowledge", "resolve", "change"), "auto",
            "PagerDuty event: auto triggers on errors and alerts, resolves on alert.resolved and"
                    + " incident.resolved, and sends change events for deployments.");
    /** The PagerDuty dedup key. */
    public static final BotOption<String> PAGERDUTY_DEDUP_KEY = BotOption.optional("pagerdutyDedupKey",
            OptionType.STRING, null, "PagerDuty dedup_key; default: derived from the run and the alert or"
                    + " incident, so that a resolve closes the incident its trigger opened.");
    /** The PagerDuty source. */
    public static final BotOption<String> PAGERDUTY_SOURCE = BotOption.optional("pagerdutySource",
            OptionType.STRING, null, "PagerDuty payload source, the affected system; default: the message's"
                    + " environment or service, else lotabots.");
    /** The SMTP host. */
    public static final BotOption<String> SMTP_HOST = BotOption.optional("smtpHost", OptionType.STRING, null,
            "SMTP server for e-mail, for example smtp.example.com.");
    /** The SMTP port. */
    public static final BotOption<Integer> SMTP_PORT = BotOption.optional("smtpPort", OptionType.INTEGER,
            DEFAULT_SMTP_PORT, "SMTP port, for example 587 or 25.");
    /** The SMTP user. */
    public static final BotOption<String> SMTP_USER = BotOption.optional("smtpUser", OptionType.STRING, null,
            "SMTP user; its password comes from the secret SMTP_PASSWORD. Empty: no authentication.");
    /** The SMTP TLS mode. */
    public static final BotOption<String> SMTP_TLS = BotOption.optional("smtpTls",
            OptionType.choice("starttls", "required", "none"), "starttls",
            "STARTTLS use: starttls when the server offers it, required to refuse plain connections, or none.");
    /** The sender of e-mails. */
    public static final BotOption<String> EMAIL_FROM = BotOption.optional("emailFrom", OptionType.STRING, null,
            "Sender address of e-mails, for example lotabots@example.com.");
    /** The recipients of e-mails. */
    public static final BotOption<List<String>> EMAIL_TO = BotOption.optional("emailTo", OptionType.STRING_LIST,
            List.of(), "Recipients of e-mails, for example team@example.com,oncall@example.com.");
    /** The Twilio URL. */
    public static final BotOption<String> TWILIO_URL = BotOption.optional("twilioUrl", OptionType.STRING,
            DEFAULT_TWILIO_URL, "Base URL of the Twilio-compatible SMS API; account SID and auth token come from"
                    + " the secrets TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.");
    /** The SMS sender. */
    public static final BotOption<String> SMS_FROM = BotOption.optional("smsFrom", OptionType.STRING, null,
            "Sender number of SMS in E.164 form, for example +15005550006.");
    /** The SMS recipients. */
    public static final BotOption<List<String>> SMS_TO = BotOption.optional("smsTo", OptionType.STRING_LIST,
            List.of(), "Recipients of SMS in E.164 form, for example +41790000000.");
    /** The file of the file channel. */
    public static final BotOption<String> FILE = BotOption.outputFile("file", DEFAULT_FILE,
            "File the file channel appends to, inside the workspace.");

    private static final BotDescriptor<NotifyRequest> DESCRIPTOR = BotDescriptor.of(ID, NAME,
            "Tells people about each stage of a run on Slack, PagerDuty, e-mail, webhooks, SMS, the console or a"
                    + " file, records every delivery as notification.sent or notification.failed, and lets the"
                    + " pipeline go on when a channel is down.",
            List.of(CHANNEL, MESSAGE_TYPE, STAGE, RESULT, SUMMARY, RUN, ROUTE, ROUTES_FILE, FAIL_ON_ERROR, TIMEOUT, RETRIES,
                    RETRY_TIME, LINK,
                    SLACK_CHANNEL, SLACK_API_URL, SLACK_MENTION, PAGERDUTY_URL, PAGERDUTY_ACTION,
                    PAGERDUTY_DEDUP_KEY, PAGERDUTY_SOURCE, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_TLS, EMAIL_FROM,
                    EMAIL_TO, TWILIO_URL, SMS_FROM, SMS_TO, FILE),
            NotificationBotDescriptor::toRequest).withSecrets(
            BotSecret.of(WEBHOOK_URL, "the webhook URL (where the webhook channel posts CloudEvents)", "url",
                    "webhookUrl", "webhook", "notifyWebhookUrl"),
            BotSecret.of(SLACK_WEBHOOK_URL, "the Slack incoming webhook URL", "slackWebhookUrl", "slackWebhook",
                    "slackUrl"),
            BotSecret.of(SLACK_BOT_TOKEN, "the Slack bot token (xoxb-..., for slackChannel)", "slackToken",
                    "slackBotToken", "token"),
            BotSecret.of(PAGERDUTY_ROUTING_KEY, "the PagerDuty routing (integration) key", "pagerdutyRoutingKey",
                    "pagerdutyKey", "routingKey", "integrationKey"),
            BotSecret.of(SMTP_PASSWORD, "the SMTP password (of smtpUser)", "smtpPassword", "password"),
            BotSecret.of(TWILIO_ACCOUNT_SID, "the Twilio account SID", "twilioAccountSid", "accountSid",
                    "twilioSid"),
            BotSecret.of(TWILIO_AUTH_TOKEN, "the Twilio auth token", "twilioAuthToken", "authToken",
                    "twilioToken"));

    private NotificationBotDescriptor() {
    }

    /**
     * Returns the descriptor.
     *
     * @return the descriptor
     */
    public static BotDescriptor<NotifyRequest> get() {
        return DESCRIPTOR;
    }

    private static NotifyRequest toRequest(final BotOptions options) {
        NotifyRequest.Builder builder = NotifyRequest.builder()
                .channels(options.require(CHANNEL))
                .messageType(options.get(MESSAGE_TYPE))
                .stage(options.get(STAGE))
                .result(options.get(RESULT))
                .summary(options.get(SUMMARY))
                .run(options.get(RUN))
                .routes(options.require(ROUTE))
                .routesFile(options.get(ROUTES_FILE))
                .failOnError(options.require(FAIL_ON_ERROR))
                .timeout(options.require(TIMEOUT))
                .retryTime(options.require(RETRY_TIME))
                .link(options.get(LINK))
                .slackChannel(options.get(SLACK_CHANNEL))
                .slackApiUrl(options.require(SLACK_API_URL))
                .pagerDutyUrl(options.require(PAGERDUTY_URL))
                .pagerDutyAction(options.require(PAGERDUTY_ACTION))
                .pagerDutyDedupKey(options.get(PAGERDUTY_DEDUP_KEY))
                .pagerDutySource(options.get(PAGERDUTY_SOURCE))
                .smtpHost(options.get(SMTP_HOST))
                .smtpPort(options.require(SMTP_PORT))
                .smtpUser(options.get(SMTP_USER))
                .smtpTls(options.require(SMTP_TLS))
                .emailFrom(options.get(EMAIL_FROM))
                .emailTo(options.require(EMAIL_TO))
                .twilioUrl(options.require(TWILIO_URL))
                .smsFrom(options.get(SMS_FROM))
                .smsTo(options.require(SMS_TO))
                .file(options.require(FILE));
        NotifyOptionChecks.Invalid invalid = NotifyOptionChecks.asOption(options.getNaming(), NAME);
        builder.retries(NotifyOptionChecks.retries(options.require(RETRIES), invalid));
        NotifyOptionChecks.timeout(options.require(TIMEOUT), invalid);
        for (String severity : options.require(SLACK_MENTION)) {
            try {
                builder.slackMention(Severity.parse(severity));
            }
            catch (IllegalArgumentException e) {
                throw invalid.of(SLACK_MENTION, e.getMessage());
            }
        }
        NotifyOptionChecks.smtpPort(options.require(SMTP_PORT), invalid);
        return builder.build();
    }
}
