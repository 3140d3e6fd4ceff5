package io.lotabots.bot.notify;

import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.BotStatus;
import io.lotabots.bus.Subscription;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationFailed;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NotificationBotTest {
    private Path workspace;
    private NotifyHarness harness;

    @BeforeEach
    void createWorkspace(@TempDir final Path folder) {
        workspace = folder;
        harness = new NotifyHarness(workspace);
    }

    private void publishARun() {
        harness.publish(TestMessages.buildCompleted());
        harness.publish(TestMessages.testCompleted());
        harness.publish(TestMessages.deployStarted());
        harness.publish(TestMessages.deployCompleted());
    }

    private NotifyResult run(final Map<String, ?> options) {
        return harness.bot.run(options, harness.context());
    }

    @Test
    void isRegisteredWithItsIdAndName() {
        assertThat(BotRegistry.standard().get("notify")).isInstanceOf(NotificationBot.class);
        assertThat(BotRegistry.standard().get("NotificationBot").getDescriptor().getFunctionName())
                .isEqualTo("notificationBot");
    }

    @Test
    void sumsUpTheLatestRunOnTheConsoleByDefault() {
        publishARun();
        NotifyResult result = run(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getChannels()).containsExactly("console");
        assertThat(harness.console.getInfoLines()).contains(
                "NOTIFY [info] Run " + NotifyHarness.RUN + " - all 3 stages passed",
                "  OK Build: build build-12345 of main at a1b2c3d4 succeeded in 1m 35s",
                "  OK Tests: tests 370/370 passed, coverage 87.5%",
                "  OK Deploy: deployed 1.4.2 to production in 42.5s");
        assertThat(harness.published(NotificationSent.TYPE)).singleElement().satisfies(message -> {
            assertThat(message.payloadAs(NotificationSent.class).channel()).isEqualTo("console");
            assertThat(message.payloadAs(NotificationSent.class).messageType()).isEqualTo("deploy.completed");
            assertThat(message.getSource()).isEqualTo("NotificationBot");
        });
        assertThat(result.getSummary()).isEqualTo("Notified console about the run " + NotifyHarness.RUN
                + ": 1 delivered, 0 failed; SUCCESS");
    }

    @Test
    void shouldShowAnOpenIncidentAsOpenNotAsAFailedStageAndAResolvedOneAsOk() {
        harness.publish(TestMessages.deployCompleted());
        harness.publish(TestMessages.alertTriggered());
        harness.publish(TestMessages.incidentCreated());
        run(Map.of("messageType", "incident.created"));

        assertThat(harness.console.getInfoLines()).contains(
                "  OK Deploy: deployed 1.4.2 to production in 42.5s",
                "  OPEN Alerts: alert HighErrorRate (critical): error_rate 7.5 crossed 5.0",
                "  OPEN Incident: incident INC-2041 (critical): High error rate on web")
                .noneMatch(line -> line.contains("FAILED"));

        harness.publish(TestMessages.incidentUpdated());
        run(Map.of("messageType", "incident.updated"));
        assertThat(harness.console.getInfoLines()).contains("  OPEN Incident: incident INC-2041 updated,"
                + " acknowledged: On-call engineer is looking at the web pods");

        harness.publish(TestMessages.incidentResolved());
        run(Map.of());
        assertThat(harness.console.getInfoLines()).contains(
                "  OK Incident: incident INC-2041 resolved: Rolled back to 1.4.1")
                .anyMatch(line -> line.startsWith("NOTIFY") && line.endsWith("- Alerts open: alert HighErrorRate"
                        + " (critical): error_rate 7.5 crossed 5.0"));
    }

    @Test
    void appendsEveryNotificationToALocalFile() throws IOException {
        publishARun();
        run(Map.of("channel", "file,console", "messageType", "test.completed"));
        run(Map.of("channel", "file", "messageType", "deploy.completed", "link", NotifyHarness.LINK));

        String file = Files.readString(workspace.resolve(NotificationBotDescriptor.DEFAULT_FILE),
                StandardCharsets.UTF_8);
        assertThat(file).contains("[info] Tests: tests 370/370 passed", "[info] Deploy: deployed 1.4.2",
                "total_tests: 370", NotifyHarness.LINK);
        assertThat(file.indexOf("Tests: tests")).isLessThan(file.indexOf("Deploy: deployed"));
        assertThat(harness.published(NotificationSent.TYPE)).extracting(m -> m.payloadAs(NotificationSent.class)
                .recipient()).containsExactly(".lotabots/notifications.log", "console", ".lotabots/notifications.log");
    }

    @Test
    void notifiesTheLatestMessageOfAType() {
        publishARun();
        Message second = harness.bus.publish(Message.builder(TestMessages.deployCompleted()).source("DeployBot")
                .correlationId("job/app/main#43"));
        NotifyResult result = run(Map.of("messageType", "deploy.completed"));

        assertThat(result.getMessages()).singleElement().satisfies(message -> {
            assertThat(message.getCausationId()).contains(second.getId());
            assertThat(message.getCorrelationId()).contains("job/app/main#43");
        });
    }

    @Test
    void notifiesAtEveryStageWhileWatchingTheBus() {
        NotifyRequest request = NotifyRequest.builder().channels(ChannelKind.CONSOLE).build();
        try (Subscription ignored = harness.bot.watch(request, harness.context())) {
            publishARun();
        }
        harness.publish(TestMessages.monitorVerdict());

        assertThat(harness.published(NotificationSent.TYPE)).hasSize(4)
                .extracting(m -> m.payloadAs(NotificationSent.class).messageType())
                .containsExactly("build.completed", "test.completed", "deploy.started", "deploy.completed");
        assertThat(harness.console.getInfoLines()).contains("NOTIFY [info] Deploy: deploying 1.4.2 to production"
                + " (rolling)", "  RUNNING Deploy: deploying 1.4.2 to production (rolling)");
    }

    @Test
    void reportsAStageThatFailedBeforeItsBotPublishedAnythingAsAnError() {
        publishARun();
        NotifyResult result = run(Map.of("stage", "Deploy to Staging", "result", "FAILURE",
                "summary", "Give the version being deployed"));

        assertThat(harness.console.getInfoLines()).contains(
                "NOTIFY [error] Deploy to Staging: FAILURE - Give the version being deployed",
                "  OK Tests: tests 370/370 passed, coverage 87.5%");
        assertThat(result.getSummary()).isEqualTo("Notified console about stage Deploy to Staging: 1 delivered,"
                + " 0 failed; SUCCESS");
        assertThat(harness.published(NotificationSent.TYPE)).singleElement().satisfies(message -> {
            assertThat(message.getExtension("stage")).contains("Deploy to Staging");
            assertThat(message.getCorrelationId()).contains(NotifyHarness.RUN);
        });
    }

    @Test
    void reportsAnUnstableStageAsAWarningAndRoutesItBySeverity() {
        publishARun();
        run(Map.of("stage", "Test", "result", "UNSTABLE", "summary", "coverage 71% below 80%",
                "channel", "console,file", "route", "file@warning"));
        run(Map.of("stage", "Build", "result", "SUCCESS", "channel", "console,file", "route", "file@warning"));

        assertThat(harness.console.getInfoLines()).contains("NOTIFY [warning] Test: UNSTABLE - coverage 71% below 80%",
                "NOTIFY [info] Build: SUCCESS");
        assertThat(harness.published(NotificationSent.TYPE)).extracting(m -> m.payloadAs(NotificationSent.class)
                .channel()).containsExactly("console", "file", "console");
    }

    @Test
    void reportsAStageOfARunWithoutAnyMessageYet() {
        NotifyResult result = run(Map.of("stage", "Build", "result", "FAILURE", "summary", "mvn exited with 1"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(harness.console.getInfoLines()).contains("NOTIFY [error] Build: FAILURE - mvn exited with 1");
    }

    @Test
    void refusesAStageResultThatIsNotAJenkinsResult() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("stage", "Build", "result", "GREEN")))
                .withMessageContaining("result").withMessageContaining("SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT");
    }

    @Test
    void addsEveryChannelWhoseSettingsAreGivenForTheChannelConfigured() {
        publishARun();
        NotifyRequest request = NotificationBotDescriptor.get().createRequest(Map.of(
                "channel", List.of("console", "configured"), "smtpHost", "smtp.example.com",
                "emailFrom", "bots@example.com"));

        assertThat(request.isConfiguredChannels()).isTrue();
        assertThat(request.getChannels()).containsExactly(ChannelKind.CONSOLE);
        NotifyResult result = harness.bot.run(request, harness.context());

        assertThat(result.getChannels()).containsExactly("console");
        assertThat(harness.console.getInfoLines()).contains("Channel 'configured': no channel has its settings");
    }

    @Test
    void refusesAnUnknownChannelNamingTheChoices() {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of("channel", "slack,teams")))
                .withMessage("Unknown notification channel 'teams' in option 'channel'; use one of slack, pagerduty,"
                        + " email, webhook, sms, console, file.")
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(NotifyErrorCode.UNKNOWN_CHANNEL));
    }

    @Test
    void namesTheMissingSecretBeforeSendingAnything() {
        publishARun();
        try (FakeVendorServer vendors = FakeVendorServer.start()) {
            harness.environment.put(NotificationBotDescriptor.SLACK_WEBHOOK_URL, vendors.slackWebhookUrl());
            assertThatExceptionOfType(LotaBotsException.class)
                    .isThrownBy(() -> run(Map.of("channel", "slack,pagerduty")))
                    .withMessage("The pagerduty channel of NotificationBot needs the secret PAGERDUTY_ROUTING_KEY (the"
                            + " integration key of an Events API v2 integration); nothing was sent.")
                    .satisfies(e -> assertThat(e.getCode()).isEqualTo(NotifyErrorCode.MISSING_SETTING));
            assertThat(vendors.requests()).isEmpty();
        }
        assertThat(harness.published(NotificationSent.TYPE)).isEmpty();
    }

    @Test
    void namesTheMissingOptionOfEachChannel() {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of("channel", "slack")))
                .withMessageContaining("needs the secret SLACK_WEBHOOK_URL (an incoming webhook URL), or the secret"
                        + " SLACK_BOT_TOKEN with the option slackChannel");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("channel", "slack", "slackChannel", "#deploys")))
                .withMessageContaining("the secret SLACK_BOT_TOKEN (a bot token with the chat:write scope)");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of("channel", "email")))
                .withMessageContaining("the option smtpHost");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of("channel", "webhook")))
                .withMessageContaining("the secret NOTIFY_WEBHOOK_URL");
        harness.environment.put(NotificationBotDescriptor.TWILIO_ACCOUNT_SID, "AC123");
        harness.environment.put(NotificationBotDescriptor.TWILIO_AUTH_TOKEN, "token-1234");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("channel", "sms", "smsFrom", "+15005550006", "smsTo", "0790000000")))
                .withMessageContaining("'0790000000' is not one");
    }

    @Test
    void refusesARoutingFileOutsideTheWorkspaceAndAMalformedOneBeforeSending() throws IOException {
        publishARun();
        Files.writeString(workspace.resolve("routes.yaml"), "routes:\n  - channel: console\n    minSeverity: loud\n");

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("routesFile", "../../etc/passwd")))
                .withMessageContaining("The routing file '../../etc/passwd' is outside the workspace");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of("routesFile", "routes.yaml")))
                .withMessageContaining("The routing file 'routes.yaml' is malformed in rule 1 starting at line 2")
                .withMessageContaining("unknown severity 'loud'");
        assertThat(harness.published(NotificationSent.TYPE)).isEmpty();
    }

    @Test
    void takesItsChannelsFromTheRoutingFile() throws IOException {
        publishARun();
        Files.writeString(workspace.resolve("routes.yaml"), "routes:\n  - channel: file\n    types: [deploy.*]\n");
        NotifyResult result = run(Map.of("routesFile", "routes.yaml", "messageType", "deploy.completed"));

        assertThat(result.getChannels()).containsExactly("file");
        NotifyResult tests = run(Map.of("routesFile", "routes.yaml", "messageType", "test.completed"));
        assertThat(tests.getChannels()).isEmpty();
        assertThat(tests.getSummary()).startsWith("Notified no channel about test.completed");
    }

    @Test
    void saysWhenThereIsNothingToNotifyAbout() {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> run(Map.of()))
                .withMessageContaining("There are no messages in the messages of this run to sum up");
        publishARun();
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("messageType", "incident.created")))
                .withMessageContaining("There is no incident.created message")
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(NotifyErrorCode.NOTHING_TO_NOTIFY));
    }

    @Test
    void refusesAFileChannelPathThatLeavesTheWorkspace() {
        publishARun();
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("channel", "file", "file", "../outside.log")))
                .withMessageContaining("Refusing to write the notification file (option 'file' of NotificationBot) to"
                        + " '../outside.log': it is outside the workspace");
    }

    @Test
    void shouldNotAppendToANotificationFileThatIsALinkOutOfTheWorkspace(@TempDir final Path elsewhere)
            throws IOException {
        publishARun();
        Path target = Files.writeString(elsewhere.resolve("victim.log"), "kept\n", StandardCharsets.UTF_8);
        Files.createDirectories(workspace.resolve(".lotabots"));
        Files.createSymbolicLink(workspace.resolve(".lotabots/notifications.log"), target);

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> run(Map.of("channel", "file")))
                .withMessageContaining("'.lotabots/notifications.log' is a symbolic link to '" + target + "'");
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("kept\n");
    }

    @Test
    void recordsAFileThatCannotBeWrittenAsAFailedNotification() throws IOException {
        publishARun();
        Files.createDirectories(workspace.resolve("taken.log"));
        NotifyResult result = run(Map.of("channel", "file", "file", "taken.log"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(harness.published(NotificationFailed.TYPE)).singleElement()
                .satisfies(m -> assertThat(m.payloadAs(NotificationFailed.class).reason())
                        .startsWith("cannot append to 'taken.log'"));
    }

    @Test
    void turnsOptionsIntoARequest() {
        NotifyRequest request = NotificationBotDescriptor.get().createRequest(Map.of("channel", List.of("slack",
                "email"), "retries", "5", "timeout", "3s", "retryTime", "2m", "slackMention", "critical,error",
                "smtpPort", 25, "smtpTls", "required", "pagerdutyAction", "change", "failOnError", "true"));

        assertThat(request.getChannels()).containsExactly(ChannelKind.SLACK, ChannelKind.EMAIL);
        assertThat(request.getRetryPolicy()).isEqualTo(new RetryPolicy(Duration.ofSeconds(3), 5,
                Duration.ofMinutes(2), Duration.ofSeconds(1)));
        assertThat(request.getSlackMention()).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.ERROR);
        assertThat(request.getSmtpPort()).isEqualTo(25);
        assertThat(request.getSmtpTls()).isEqualTo("required");
        assertThat(request.isFailOnError()).isTrue();
    }

    @Test
    void refusesBadOptionValuesNamingTheOption() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> NotificationBotDescriptor.get().createRequest(Map.of("retries", 99)))
                .withMessageContaining("Option 'retries' of NotificationBot must be between 0 and 20, was 99")
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION));
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> NotificationBotDescriptor.get().createRequest(Map.of("slackMention", "loud")))
                .withMessageContaining("Option 'slackMention' of NotificationBot unknown severity 'loud'");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> NotificationBotDescriptor.get().createRequest(Map.of("smtpPort", 70000)))
                .withMessageContaining("Option 'smtpPort'");
    }

    @Test
    void derivesTheSeverityOfEachMessage() {
        assertThat(Severity.of(TestMessages.message(TestMessages.buildCompleted()))).isEqualTo(Severity.INFO);
        assertThat(Severity.of(TestMessages.message(TestMessages.buildFailed()))).isEqualTo(Severity.ERROR);
        assertThat(Severity.of(TestMessages.message(TestMessages.alertTriggered()))).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.of(TestMessages.message(new io.lotabots.message.MonitorVerdict("warning", 70.0, null,
                List.of())))).isEqualTo(Severity.WARNING);
        assertThat(Severity.of(TestMessages.message(TestMessages.deployRolledBack()))).isEqualTo(Severity.ERROR);
    }

    @Test
    void retryPolicyDoublesItsBackoffUpToThirtySeconds() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 10, Duration.ofMinutes(5), Duration.ofSeconds(1));

        assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(6),
                policy.backoff(10))).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
