package io.lotabots.bot.notify;

import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageBus;
import io.lotabots.message.BusMessage;
import io.lotabots.message.Message;
import io.lotabots.message.TestMessages;
import io.lotabots.util.EngineLog;
import io.lotabots.util.SecretMasker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What NotificationBot tests share: a context over a workspace with a console that keeps every line, a bus with
 * one run's correlation id, secrets in its environment, and a bot whose retries record their waits instead of
 * sleeping.
 */
final class NotifyHarness {
    /** The run every message belongs to. */
    static final String RUN = TestMessages.CORRELATION_ID;
    /** The link of every notification. */
    static final String LINK = "https://jenkins.example.com/job/app/job/main/42/";

    final EngineLog console = new EngineLog("Errors:", 100_000, 10_000);
    final SecretMasker masker = new SecretMasker();
    final MessageBus bus;
    final Map<String, String> environment = new HashMap<>();
    final List<Duration> slept = new ArrayList<>();
    final NotificationBot bot = new NotificationBot(slept::add);
    private final Path workspace;

    NotifyHarness(final Path workspace) {
        this.workspace = workspace;
        this.bus = MessageBus.builder().clock(Clock.fixed(TestMessages.TIME, ZoneOffset.UTC)).correlationId(RUN)
                .build();
    }

    /**
     * Puts the fake vendors' secrets into the environment.
     *
     * @param vendors the fake vendors
     * @return this
     */
    NotifyHarness withVendorSecrets(final FakeVendorServer vendors) {
        environment.put(NotificationBotDescriptor.SLACK_WEBHOOK_URL, vendors.slackWebhookUrl());
        environment.put(NotificationBotDescriptor.SLACK_BOT_TOKEN, FakeVendorServer.SLACK_TOKEN);
        environment.put(NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY, FakeVendorServer.PAGERDUTY_ROUTING_KEY);
        environment.put(NotificationBotDescriptor.WEBHOOK_URL, vendors.webhookUrl());
        environment.put(NotificationBotDescriptor.TWILIO_ACCOUNT_SID, FakeVendorServer.TWILIO_SID);
        environment.put(NotificationBotDescriptor.TWILIO_AUTH_TOKEN, FakeVendorServer.TWILIO_TOKEN);
        return this;
    }

    BotContext context() {
        return BotContext.builder(workspace).log(console).masker(masker).bus(bus).environment(environment)
                .clock(Clock.fixed(TestMessages.TIME.plusSeconds(60), ZoneOffset.UTC)).build();
    }

    /**
     * Publishes a stage's message as its bot would.
     *
     * @param payload the payload
     * @return the message
     */
    Message publish(final BusMessage payload) {
        return bus.publish(TestMessages.sourceBot(io.lotabots.message.MessageCatalog.of(payload).getName()),
                payload);
    }

    /**
     * Returns a request builder aimed at the fake vendors with fast retries.
     *
     * @param vendors the fake vendors
     * @return the builder
     */
    static NotifyRequest.Builder request(final FakeVendorServer vendors) {
        return NotifyRequest.builder().slackApiUrl(vendors.slackApiUrl()).pagerDutyUrl(vendors.pagerDutyUrl())
                .twilioUrl(vendors.twilioUrl()).link(LINK).timeout(Duration.ofSeconds(5));
    }

    List<String> allLogLines() {
        List<String> lines = new ArrayList<>(console.getInfoLines());
        lines.addAll(console.getErrorLines());
        return lines;
    }

    List<Message> published(final String type) {
        return bus.getPublished().stream().filter(message -> message.getType().equals(type)).toList();
    }
}
