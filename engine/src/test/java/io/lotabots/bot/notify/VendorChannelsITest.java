package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.bot.BotStatus;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VendorChannelsITest {
    private FakeVendorServer vendors;
    private NotifyHarness harness;

    @BeforeEach
    void startVendors(@TempDir final Path workspace) {
        vendors = FakeVendorServer.start();
        harness = new NotifyHarness(workspace).withVendorSecrets(vendors);
    }

    @AfterEach
    void stopVendors() {
        vendors.close();
    }

    private NotifyResult notify(final NotifyRequest request, final io.lotabots.message.BusMessage payload) {
        Message message = harness.publish(payload);
        return harness.bot.notify(request, message, harness.context());
    }

    @Test
    void triggersAndResolvesAPagerDutyIncidentWithOneDedupKey() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.PAGERDUTY).build();
        notify(request, TestMessages.alertTriggered());
        notify(request, TestMessages.alertResolved());

        assertThat(vendors.problems()).isEmpty();
        List<FakeVendorServer.Request> events = vendors.requests(Vendor.PAGERDUTY);
        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.status()).isEqualTo(202));
        JsonNode trigger = events.get(0).json();
        JsonNode resolve = events.get(1).json();
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("source").asText()).isEqualTo("production");
        assertThat(trigger.path("payload").path("summary").asText())
                .isEqualTo("Alerts: alert HighErrorRate (critical): error_rate 7.5 crossed 5.0");
        assertThat(trigger.path("payload").path("custom_details").path("payload").path("alert_name").asText())
                .isEqualTo("HighErrorRate");
        assertThat(trigger.path("links").get(0).path("href").asText()).isEqualTo(NotifyHarness.LINK);
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText())
                .isEqualTo("lotabots/" + NotifyHarness.RUN + "/alert/HighErrorRate");
        assertThat(harness.published(NotificationSent.TYPE)).extracting(m -> m.payloadAs(NotificationSent.class)
                .notificationId()).containsOnly("lotabots/" + NotifyHarness.RUN + "/alert/HighErrorRate");
    }

    @Test
    void shouldUseTheIncidentIdAsDedupKeyAsIncidentPagingDoes() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.PAGERDUTY).build();
        notify(request, TestMessages.incidentCreated());
        notify(request, TestMessages.incidentUpdated());
        notify(request, TestMessages.incidentResolved());

        assertThat(vendors.problems()).isEmpty();
        assertThat(vendors.requests(Vendor.PAGERDUTY)).extracting(event -> event.json().path("event_action").asText()
                + " " + event.json().path("dedup_key").asText()).containsExactly("trigger INC-2041",
                        "acknowledge INC-2041", "resolve INC-2041");
    }

    @Test
    void sendsAPagerDutyChangeEventForADeployAndPagesNoOneForABuild() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.PAGERDUTY).build();
        notify(request, TestMessages.deployCompleted());
        NotifyResult build = notify(request, TestMessages.buildCompleted());

        assertThat(vendors.problems()).isEmpty();
        assertThat(vendors.requests(Vendor.PAGERDUTY)).singleElement().satisfies(event -> {
            assertThat(event.path()).isEqualTo("/v2/change/enqueue");
            assertThat(event.json().path("payload").path("summary").asText())
                    .isEqualTo("Deploy: deployed 1.4.2 to production in 42.5s");
        });
        assertThat(build.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(build.getSent()).isZero();
        assertThat(harness.allLogLines()).anyMatch(line -> line.contains("build.completed is not worth a page"));
    }

    @Test
    void cutsAPagerDutySummaryTo1024CharactersAndSaysSo() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.PAGERDUTY).build();
        NotifyResult result = notify(request, new AlertTriggered("A".repeat(3000), "high", "error_rate", 9.0, 5.0,
                null));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(vendors.problems()).isEmpty();
        assertThat(vendors.requests(Vendor.PAGERDUTY).get(0).json().path("payload").path("summary").asText())
                .hasSize(PagerDutyChannel.MAX_SUMMARY).endsWith("[truncated]");
        assertThat(harness.allLogLines()).anyMatch(line -> line.contains("PagerDuty summary has"));
    }

    @Test
    void reportsAnEventPagerDutyRejectsWithItsErrorsAndDoesNotRetry() {
        vendors.script(Vendor.PAGERDUTY, 400, Map.of(), "{\"status\":\"invalid event\",\"message\":\"Event object"
                + " is invalid\",\"errors\":[\"'payload.severity' is invalid\"]}");
        NotifyResult result = notify(NotifyHarness.request(vendors).channels(ChannelKind.PAGERDUTY).build(),
                TestMessages.deployFailed());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getFailures()).singleElement().asString().contains("HTTP 400", "payload.severity");
        assertThat(harness.slept).isEmpty();
    }

    @Test
    void postsOneMessageAsAStructuredCloudEvent() {
        NotifyResult result = notify(NotifyHarness.request(vendors).channels(ChannelKind.WEBHOOK).build(),
                TestMessages.deployCompleted());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(vendors.problems()).isEmpty();
        FakeVendorServer.Request post = vendors.requests(Vendor.WEBHOOK).get(0);
        assertThat(post.headers().get("content-type")).startsWith("application/cloudevents+json");
        assertThat(post.json().path("type").asText()).isEqualTo("dev.cdevents.service.deployed.0.2.0");
        assertThat(post.json().path("correlationid").asText()).isEqualTo(NotifyHarness.RUN);
        assertThat(post.json().path("data").path("customData").path("version").asText()).isEqualTo("1.4.2");
        assertThat(post.answer()).isEqualTo("ok");
    }

    @Test
    void postsASummaryOfTheJournalAsACloudEventsBatch() {
        harness.publish(TestMessages.buildCompleted());
        harness.publish(TestMessages.testCompleted());
        harness.publish(TestMessages.deployCompleted());
        NotifyResult result = harness.bot.run(NotifyHarness.request(vendors).channels(ChannelKind.WEBHOOK).build(),
                harness.context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(vendors.problems()).isEmpty();
        FakeVendorServer.Request post = vendors.requests(Vendor.WEBHOOK).get(0);
        assertThat(post.headers().get("content-type")).startsWith("application/cloudevents-batch+json");
        assertThat(post.json()).hasSize(3);
        assertThat(post.json().get(2).path("lotabotstype").asText()).isEqualTo("deploy.completed");
    }

    @Test
    void sendsOneSmsPerRecipientThroughTheTwilioApi() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.SMS).smsFrom("+15005550006")
                .smsTo(List.of("+41790000001", "+41790000002")).build();
        NotifyResult result = notify(request, TestMessages.deployFailed());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(vendors.problems()).isEmpty();
        List<FakeVendorServer.Request> posts = vendors.requests(Vendor.TWILIO);
        assertThat(posts).hasSize(2).allSatisfy(post -> {
            assertThat(post.status()).isEqualTo(201);
            assertThat(post.form()).containsEntry("From", "+15005550006");
            assertThat(post.form().get("Body")).startsWith("[LotaBots] Deploy: deploying 1.4.2 to production"
                    + " failed").endsWith(NotifyHarness.LINK);
        });
        assertThat(posts).extracting(post -> post.form().get("To")).containsExactly("+41790000001", "+41790000002");
        assertThat(harness.published(NotificationSent.TYPE)).extracting(m -> m.payloadAs(NotificationSent.class)
                .notificationId()).allMatch(sid -> sid.startsWith("SM"));
    }

    @Test
    void cutsAnSmsTo1600Characters() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.SMS).smsFrom("+15005550006")
                .smsTo(List.of("+41790000001")).build();
        notify(request, new io.lotabots.message.DeployFailed("production", "1.4.2", "y".repeat(4000), false));

        assertThat(vendors.problems()).isEmpty();
        assertThat(vendors.requests(Vendor.TWILIO).get(0).form().get("Body")).hasSize(SmsChannel.MAX_BODY);
    }

    @Test
    void routesEachMessageToTheChannelsItsRulesChoose() {
        NotifyRequest request = NotifyHarness.request(vendors)
                .channels(ChannelKind.SLACK, ChannelKind.PAGERDUTY, ChannelKind.SMS).smsFrom("+15005550006")
                .smsTo(List.of("+41790000001")).routes(List.of("pagerduty:alert.*|deploy.failed@error",
                        "sms@critical")).pagerDutyAction("trigger").build();
        NotifyResult build = notify(request, TestMessages.buildCompleted());
        NotifyResult failed = notify(request, TestMessages.deployFailed());
        NotifyResult alert = notify(request, TestMessages.alertTriggered());

        assertThat(build.getChannels()).containsExactly("slack");
        assertThat(failed.getChannels()).containsExactly("slack", "pagerduty");
        assertThat(alert.getChannels()).containsExactly("slack", "pagerduty", "sms");
        assertThat(vendors.requests(Vendor.SLACK_WEBHOOK)).hasSize(3);
        assertThat(vendors.requests(Vendor.PAGERDUTY)).hasSize(2);
        assertThat(vendors.requests(Vendor.TWILIO)).hasSize(1);
        assertThat(vendors.problems()).isEmpty();
    }

    @Test
    void notifiesEveryChannelWhoseSecretsAndSettingsAreGivenForConfigured() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.CONSOLE).configuredChannels(true)
                .smsFrom("+15005550006").smsTo(List.of("+41790000001")).pagerDutyAction("trigger").build();

        NotifyResult result = notify(request, TestMessages.deployFailed());

        assertThat(result.getChannels()).containsExactly("console", "slack", "pagerduty", "webhook", "sms");
        assertThat(harness.console.getInfoLines()).contains("Channel 'configured': slack, pagerduty, webhook, sms");
        assertThat(vendors.requests(Vendor.SLACK_WEBHOOK)).hasSize(1);
        assertThat(vendors.problems()).isEmpty();
    }
}
