package io.lotabots.bot.notify;

import io.lotabots.bot.BotStatus;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationFailed;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRetryITest {
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

    private NotifyResult notifyDeploy(final NotifyRequest request) {
        Message message = harness.publish(TestMessages.deployCompleted());
        return harness.bot.notify(request, message, harness.context());
    }

    @Test
    void waitsAsLongAsRetryAfterAsksWhenRateLimited() {
        vendors.rateLimit(Vendor.SLACK_API, 7);
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).channels(ChannelKind.SLACK)
                .slackChannel("#deploys").build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(harness.slept).containsExactly(Duration.ofSeconds(7));
        assertThat(vendors.requests(Vendor.SLACK_API)).extracting(FakeVendorServer.Request::status)
                .containsExactly(429, 200, 200);
        assertThat(harness.published(NotificationFailed.TYPE)).isEmpty();
        assertThat(harness.allLogLines()).anyMatch(line -> line.contains("rate-limited (HTTP 429)")
                && line.contains("trying again in 7s (try 2 of 4)"));
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffThenWarnsAndLetsThePipelineGoOn() {
        for (int i = 0; i < 4; i++) {
            vendors.fail(Vendor.PAGERDUTY, 503);
        }
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).channels(ChannelKind.PAGERDUTY).build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(harness.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(vendors.requests(Vendor.PAGERDUTY)).hasSize(4);
        assertThat(harness.published(NotificationFailed.TYPE)).singleElement().satisfies(message -> {
            NotificationFailed failed = message.payloadAs(NotificationFailed.class);
            assertThat(failed.channel()).isEqualTo("pagerduty");
            assertThat(failed.attempts()).isEqualTo(4);
            assertThat(failed.reason()).contains("HTTP 503");
            assertThat(failed.messageType()).isEqualTo("deploy.completed");
        });
        assertThat(result.getSummary()).contains("0 delivered, 1 failed (the pipeline goes on); UNSTABLE");
        assertThat(harness.console.getInfoLines()).anyMatch(line -> line.startsWith("Warning: pagerduty: could not"
                + " deliver change event after 4 tries"));
    }

    @Test
    void failsTheBotOnlyWhenFailOnErrorIsSet() {
        vendors.fail(Vendor.WEBHOOK, 500);
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).channels(ChannelKind.WEBHOOK).retries(0)
                .failOnError(true).build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(result.getOutputs()).containsEntry("failed", 1).containsEntry("sent", 0);
    }

    @Test
    void givesUpAtOnceWhenRetryAfterIsBeyondTheRetryTime() {
        vendors.rateLimit(Vendor.TWILIO, 3600);
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).channels(ChannelKind.SMS)
                .smsFrom("+15005550006").smsTo(java.util.List.of("+41790000001")).build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(harness.slept).isEmpty();
        assertThat(result.getFailures()).singleElement().asString()
                .contains("gave up: the next try would start after the retry time of 1m (Retry-After asked for"
                        + " 1h)");
    }

    @Test
    void boundsAllTriesByTheRetryTime() {
        for (int i = 0; i < 10; i++) {
            vendors.fail(Vendor.SLACK_WEBHOOK, 502);
        }
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).channels(ChannelKind.SLACK).retries(10)
                .retryTime(Duration.ofSeconds(10)).build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(harness.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(vendors.requests(Vendor.SLACK_WEBHOOK)).hasSize(4);
    }

    @Test
    void stopsWaitingForASlowChannelAtTheTimeout() {
        vendors.slow(Vendor.SLACK_WEBHOOK, Duration.ofSeconds(3));
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).channels(ChannelKind.SLACK)
                .timeout(Duration.ofMillis(200)).retries(0).build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getFailures()).singleElement().asString().contains("no answer within 200ms");
    }

    @Test
    void warnsWhenTheChannelCannotBeReachedAtAll() {
        int port = vendors.pagerDutyUrl().lastIndexOf(':');
        String closed = vendors.pagerDutyUrl().substring(0, port) + ":1";
        NotifyResult result = notifyDeploy(NotifyHarness.request(vendors).pagerDutyUrl(closed)
                .channels(ChannelKind.PAGERDUTY, ChannelKind.CONSOLE).retries(1).build());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getFailures()).singleElement().asString().contains("cannot reach the server");
        assertThat(harness.published(NotificationSent.TYPE)).singleElement()
                .satisfies(m -> assertThat(m.payloadAs(NotificationSent.class).channel()).isEqualTo("console"));
    }
}
