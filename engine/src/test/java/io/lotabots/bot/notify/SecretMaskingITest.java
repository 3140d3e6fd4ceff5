package io.lotabots.bot.notify;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scans every log line, every published message and every error for the secret values, with vendors that answer
 * both normally and with errors that echo the secrets back.
 */
class SecretMaskingITest {
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

    private List<String> secrets() {
        List<String> values = new ArrayList<>(List.of(vendors.slackWebhookUrl(), FakeVendorServer.SLACK_WEBHOOK_PATH,
                FakeVendorServer.SLACK_TOKEN, FakeVendorServer.PAGERDUTY_ROUTING_KEY, vendors.webhookUrl(),
                FakeVendorServer.WEBHOOK_PATH, FakeVendorServer.TWILIO_TOKEN, "smtp-password-9f8e7d"));
        values.add(URLEncoder.encode(vendors.slackWebhookUrl(), StandardCharsets.UTF_8));
        return values;
    }

    private void assertNoSecretIn(final List<String> texts) {
        for (String text : texts) {
            for (String secret : secrets()) {
                assertThat(text).as("a log line, message or error").doesNotContain(secret);
            }
        }
    }

    private List<String> everything() {
        List<String> texts = new ArrayList<>(harness.allLogLines());
        for (Message message : harness.bus.getPublished()) {
            texts.add(new String(MessageCodec.get().write(message), StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void neverShowsASecretInLogsMessagesOrResultsEvenWhenVendorsEchoThem() {
        String echo = "bad request for " + vendors.slackWebhookUrl() + " key " + FakeVendorServer.PAGERDUTY_ROUTING_KEY
                + " token " + FakeVendorServer.SLACK_TOKEN;
        vendors.script(Vendor.SLACK_WEBHOOK, 400, Map.of(), echo);
        vendors.script(Vendor.PAGERDUTY, 400, Map.of(), "{\"status\":\"invalid event\",\"errors\":[\"" + echo + "\"]}");
        vendors.script(Vendor.WEBHOOK, 500, Map.of(), echo + " " + vendors.webhookUrl());
        vendors.script(Vendor.TWILIO, 400, Map.of(), "{\"code\":1,\"message\":\"" + FakeVendorServer.TWILIO_TOKEN
                + "\"}");
        NotifyRequest request = NotifyHarness.request(vendors).channels(ChannelKind.values()).retries(1)
                .smsFrom("+15005550006").smsTo(List.of("+41790000001")).smtpHost("127.0.0.1").smtpPort(1)
                .smtpUser("bot").emailFrom("bot@example.com").emailTo(List.of("team@example.com"))
                .secret(NotificationBotDescriptor.SMTP_PASSWORD, "smtp-password-9f8e7d")
                .timeout(java.time.Duration.ofSeconds(2)).build();
        Message failed = harness.publish(TestMessages.deployFailed());

        NotifyResult first = harness.bot.notify(request, failed, harness.context());
        NotifyResult second = harness.bot.notify(request, failed, harness.context());

        assertThat(first.getFailures()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(second.getSent()).isPositive();
        List<String> texts = everything();
        texts.addAll(first.getFailures());
        texts.add(first.getSummary());
        texts.addAll(first.getLog().getInfoLines());
        texts.addAll(first.getLog().getErrorLines());
        texts.add(first.getOutputs().toString());
        texts.add(java.nio.file.Files.exists(harness.context().getWorkspace().resolve(NotificationBotDescriptor
                .DEFAULT_FILE)) ? readFile() : "");
        assertNoSecretIn(texts);
        assertThat(String.join("\n", texts)).contains("****");
    }

    private String readFile() {
        try {
            return java.nio.file.Files.readString(harness.context().getWorkspace()
                    .resolve(NotificationBotDescriptor.DEFAULT_FILE));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void neverShowsAMalformedSecretUrlInTheError() {
        harness.environment.put(NotificationBotDescriptor.SLACK_WEBHOOK_URL, "not a url but a secret 8c7b6a");
        BotContext context = harness.context();

        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> harness.bot.run(NotifyRequest.builder()
                .channels(ChannelKind.SLACK).build(), context))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("8c7b6a").contains(
                        "SLACK_WEBHOOK_URL"));
    }
}
