package io.lotabots.bot.notify;

import io.lotabots.bot.BotContext;
import io.lotabots.message.CloudEventExport;
import io.lotabots.message.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A generic webhook that receives messages as CloudEvents 1.0 in the JSON format of the CloudEvents SDK: one event
 * in structured mode ({@code application/cloudevents+json}) for a notification about one message, and the run's
 * events in batched mode ({@code application/cloudevents-batch+json}) for a summary. The URL is a secret, as
 * webhook URLs often carry a token.
 */
final class WebhookChannel implements Channel {
    /** The content type of one event. */
    static final String STRUCTURED = "application/cloudevents+json; charset=UTF-8";
    /** The content type of a batch. */
    static final String BATCH = "application/cloudevents-batch+json; charset=UTF-8";
    /** The most events in one batch; a summary of a longer run sends its last ones. */
    static final int MAX_BATCH = 500;

    private final HttpCalls calls;
    private final URI url;

    private WebhookChannel(final HttpCalls calls, final URI url) {
        this.calls = calls;
        this.url = url;
    }

    static WebhookChannel create(final NotifyRequest request, final BotContext context, final HttpCalls calls) {
        String url = Channel.secret(request, context, NotificationBotDescriptor.WEBHOOK_URL)
                .orElseThrow(() -> Channel.missing(ChannelKind.WEBHOOK, "the secret "
                        + NotificationBotDescriptor.WEBHOOK_URL + " (the URL that receives CloudEvents)"));
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                return new WebhookChannel(calls, uri);
            }
        }
        catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw Channel.missing(ChannelKind.WEBHOOK, "an http or https URL in the secret "
                + NotificationBotDescriptor.WEBHOOK_URL + "; the value given is not one (it is not shown)");
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public void send(final Notification notification, final Deliveries deliveries) {
        Message subject = notification.subject();
        if (subject != null) {
            byte[] body = CloudEventExport.toJson(subject).getBytes(StandardCharsets.UTF_8);
            deliveries.deliver(new Deliveries.Target(ChannelKind.WEBHOOK, "CloudEvent", notification, null),
                    () -> post(STRUCTURED, body, subject.getId()));
            return;
        }
        List<Message> run = notification.run();
        if (run.size() > MAX_BATCH) {
            deliveries.getOut().info("webhook: the run has %d messages, more than a batch of %d; sending the last %d",
                    run.size(), MAX_BATCH, MAX_BATCH);
            run = run.subList(run.size() - MAX_BATCH, run.size());
        }
        byte[] body = run.stream().map(CloudEventExport::toJson).collect(Collectors.joining(",", "[", "]"))
                .getBytes(StandardCharsets.UTF_8);
        String last = run.isEmpty() ? null : run.get(run.size() - 1).getId();
        deliveries.deliver(new Deliveries.Target(ChannelKind.WEBHOOK, "CloudEvents batch of " + run.size(),
                notification, null), () -> post(BATCH, body, last));
    }

    private Attempt post(final String contentType, final byte[] body, final String id) {
        return calls.post(url, contentType, Map.of(), body, answer -> answer.isSuccess()
                ? Attempt.delivered(id, "webhook " + url.getHost())
                : Attempt.refused("the webhook refused the event: HTTP " + answer.status() + " " + answer.snippet()));
    }
}
