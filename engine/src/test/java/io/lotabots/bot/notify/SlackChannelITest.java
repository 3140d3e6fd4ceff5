package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.bot.BotStatus;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.SecurityScanCompleted;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class SlackChannelITest {
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

    private NotifyRequest webApi() {
        return NotifyHarness.request(vendors).channels(ChannelKind.SLACK).slackChannel("#deploys").build();
    }

    private NotifyResult notifyStage(final io.lotabots.message.BusMessage payload, final NotifyRequest request) {
        Message message = harness.publish(payload);
        return harness.bot.notify(request, message, harness.context());
    }

    private static String cardText(final JsonNode card) {
        return StreamSupport.stream(card.path("blocks").spliterator(), false)
                .map(block -> block.path("text").path("text").asText()).reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void updatesOneStatusCardPerRunInPlaceAndPutsDetailsInItsThread() {
        NotifyRequest request = webApi();
        notifyStage(TestMessages.buildCompleted(), request);
        notifyStage(TestMessages.testCompleted(), request);
        notifyStage(new SecurityScanCompleted(Map.of("critical", 0, "high", 0), 0, "pass", 0, 0, null), request);
        notifyStage(TestMessages.deployCompleted(), request);
        NotifyResult last = notifyStage(TestMessages.monitorVerdict(), request);

        assertThat(vendors.problems()).isEmpty();
        assertThat(last.getStatus()).isEqualTo(BotStatus.SUCCESS);
        List<JsonNode> cards = vendors.slackMessages().values().stream().filter(m -> !m.has("thread_ts")).toList();
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(cardText(card)).contains("*Build* build build-12345 of main", "*Tests* tests 370/370 passed",
                "*Security* security clean", "*Deploy* deployed 1.4.2 to production",
                "*Health checks* health checks passing in production");
        assertThat(card.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(card.path("blocks").get(0).path("text").path("text").asText()).contains(NotifyHarness.RUN);
        List<JsonNode> replies = vendors.slackMessages().values().stream().filter(m -> m.has("thread_ts")).toList();
        assertThat(replies).hasSize(5).allSatisfy(reply -> {
            assertThat(reply.path("thread_ts").asText()).isEqualTo(card.path("ts").asText());
            assertThat(reply.has("reply_broadcast")).isFalse();
            assertThat(reply.path("text").asText()).doesNotContain("<!here>");
        });
        assertThat(vendors.requests(Vendor.SLACK_API).stream().filter(r -> r.path().endsWith("chat.update")))
                .hasSize(4);
        List<Message> sent = harness.published(NotificationSent.TYPE);
        assertThat(sent).hasSize(10).allSatisfy(message -> {
            assertThat(message.getCorrelationId()).contains(NotifyHarness.RUN);
            assertThat(message.getCausationId()).isPresent();
        });
        assertThat(sent.stream().filter(m -> m.getExtension(Deliveries.SLACK_CARD).isPresent()))
                .hasSize(5).allSatisfy(m -> assertThat(m.payloadAs(NotificationSent.class).notificationId())
                        .isEqualTo(card.path("ts").asText()));
    }

    @Test
    void mentionsHereOnlyForTheChosenSeverities() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.SLACK).slackChannel("#deploys")
                .slackMention(Severity.ERROR, Severity.CRITICAL).build();
        notifyStage(TestMessages.deployCompleted(), request);
        notifyStage(TestMessages.deployFailed(), request);

        assertThat(vendors.problems()).isEmpty();
        List<JsonNode> replies = vendors.slackMessages().values().stream().filter(m -> m.has("thread_ts")).toList();
        assertThat(replies).hasSize(2);
        JsonNode success = replies.stream().filter(r -> r.path("text").asText().contains("deployed")).findFirst()
                .orElseThrow();
        JsonNode failure = replies.stream().filter(r -> r.path("text").asText().contains("failed")).findFirst()
                .orElseThrow();
        assertThat(success.path("text").asText()).doesNotContain("<!here>");
        assertThat(failure.path("text").asText()).startsWith("<!here> ");
        assertThat(failure.path("reply_broadcast").asBoolean()).isTrue();
    }

    @Test
    void postsANewCardWhenTheOldOneWasDeleted() {
        NotifyRequest request = webApi();
        notifyStage(TestMessages.buildCompleted(), request);
        vendors.script(Vendor.SLACK_API, 200, Map.of(), "{\"ok\":false,\"error\":\"message_not_found\"}");
        NotifyResult result = notifyStage(TestMessages.testCompleted(), request);

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(vendors.slackMessages().values().stream().filter(m -> !m.has("thread_ts"))).hasSize(2);
        assertThat(harness.allLogLines()).anyMatch(line -> line.contains("status card of " + NotifyHarness.RUN
                + " is gone"));
    }

    @Test
    void postsBlockKitMessagesToAnIncomingWebhook() {
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.SLACK).build();
        NotifyResult result = notifyStage(TestMessages.testCompleted(), request);

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(vendors.problems()).isEmpty();
        List<FakeVendorServer.Request> posts = vendors.requests(Vendor.SLACK_WEBHOOK);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).status()).isEqualTo(200);
        assertThat(posts.get(0).json().path("text").asText()).isEqualTo("Tests: tests 370/370 passed, coverage 87.5%");
        assertThat(posts.get(0).json().path("blocks").toString()).contains("total_tests: 370", NotifyHarness.LINK);
        assertThat(harness.published(NotificationSent.TYPE)).singleElement()
                .satisfies(m -> assertThat(m.payloadAs(NotificationSent.class).recipient())
                        .isEqualTo("Slack incoming webhook"));
    }

    @Test
    void cutsTextsToSlacksLimitsAndSaysSo() {
        String reason = "x".repeat(5000);
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.SLACK).build();
        NotifyResult result = notifyStage(new io.lotabots.message.DeployFailed("production", "1.4.2", reason, false),
                request);

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(vendors.problems()).isEmpty();
        assertThat(vendors.requests(Vendor.SLACK_WEBHOOK).get(0).json().path("text").asText())
                .hasSize(SlackChannel.MAX_TEXT).endsWith("[truncated]");
        assertThat(harness.allLogLines()).anyMatch(line -> line.contains("Slack text has")
                && line.contains("more than the limit of 3000"));
    }

    @Test
    void refusesAnUnknownBotTokenWithoutRetrying() {
        harness.environment.put(NotificationBotDescriptor.SLACK_BOT_TOKEN, "xoxb-wrong-token-000");
        NotifyResult result = notifyStage(TestMessages.buildCompleted(), webApi());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getFailures()).singleElement().asString().contains("invalid_auth");
        assertThat(harness.slept).isEmpty();
        assertThat(vendors.requests(Vendor.SLACK_API)).hasSize(1);
    }
}
