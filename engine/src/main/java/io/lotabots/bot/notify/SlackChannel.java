package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.util.LogSink;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack, in one of two ways.
 *
 * <ul>
 *     <li>Web API ({@code SLACK_BOT_TOKEN} and the option {@code slackChannel}): one status card per run, keyed by
 *     the correlation id. The first notification of a run posts it with {@code chat.postMessage}; later ones update
 *     it in place with {@code chat.update}, one line per stage; the details of each message go into the card's
 *     thread ({@code thread_ts}). The card's channel and {@code ts} are read back from the run's earlier
 *     {@code notification.sent} messages (marked with the extension {@code slack_card}), so that every stage of a
 *     Pipeline, on any agent, updates the same card.</li>
 *     <li>Incoming webhook ({@code SLACK_WEBHOOK_URL}, a secret URL): one message per notification.</li>
 * </ul>
 *
 * <p>Payloads follow Block Kit: at most {@value #MAX_BLOCKS} blocks, section texts up to {@value #MAX_SECTION}
 * characters, header texts up to {@value #MAX_HEADER}. Messages of the severities the user chose mention
 * {@code <!here>}; in the Web API their thread reply is also broadcast to the channel.</p>
 */
final class SlackChannel implements Channel {
    /** The most characters of a section's text. */
    static final int MAX_SECTION = 3000;
    /** The most characters of a header's text. */
    static final int MAX_HEADER = 150;
    /** The most blocks in one message. */
    static final int MAX_BLOCKS = 50;
    /** The most characters of the top-level fallback text that NotificationBot sends. */
    static final int MAX_TEXT = 3000;
    /** The most stage lines on a card; the rest are counted. */
    static final int MAX_STAGE_BLOCKS = 45;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotContext context;
    private final HttpCalls calls;
    @CheckForNull
    private final URI webhook;
    @CheckForNull
    private final String token;
    @CheckForNull
    private final String channel;
    private final String apiUrl;
    private final Set<Severity> mention;

    private SlackChannel(final BotContext context, final HttpCalls calls, @CheckForNull final URI webhook,
            @CheckForNull final String token, @CheckForNull final String channel, final String apiUrl,
            final Set<Severity> mention) {
        this.context = context;
        this.calls = calls;
        this.webhook = webhook;
        this.token = token;
        this.channel = channel;
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.mention = mention;
    }

    static SlackChannel create(final NotifyRequest request, final BotContext context, final HttpCalls calls) {
        Optional<String> token = Channel.secret(request, context, NotificationBotDescriptor.SLACK_BOT_TOKEN);
        Optional<String> webhook = Channel.secret(request, context, NotificationBotDescriptor.SLACK_WEBHOOK_URL);
        if (request.getSlackChannel().isPresent()) {
            if (token.isEmpty()) {
                throw Channel.missing(ChannelKind.SLACK, "the secret " + NotificationBotDescriptor.SLACK_BOT_TOKEN
                        + " (a bot token with the chat:write scope) for the option slackChannel; or leave"
                        + " slackChannel empty and give the secret " + NotificationBotDescriptor.SLACK_WEBHOOK_URL);
            }
            return new SlackChannel(context, calls, null, token.get(), request.getSlackChannel().get(),
                    checkedUrl(request.getSlackApiUrl(), "option slackApiUrl"), request.getSlackMention());
        }
        if (webhook.isEmpty()) {
            throw Channel.missing(ChannelKind.SLACK, "the secret " + NotificationBotDescriptor.SLACK_WEBHOOK_URL
                    + " (an incoming webhook URL), or the secret " + NotificationBotDescriptor.SLACK_BOT_TOKEN
                    + " with the option slackChannel");
        }
        return new SlackChannel(context, calls, URI.create(checkedUrl(webhook.get(), "secret "
                + NotificationBotDescriptor.SLACK_WEBHOOK_URL)), null, null, request.getSlackApiUrl(),
                request.getSlackMention());
    }

    /**
     * Checks that a URL is http or https, without ever repeating it (it may be a secret).
     */
    static String checkedUrl(final String url, final String where) {
        try {
            URI uri = URI.create(url.trim());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return url.trim();
            }
        }
        catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw Channel.missing(ChannelKind.SLACK, "an http or https URL in the " + where + "; the value given is"
                + " not one (it is not shown, as it may be secret)");
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SLACK;
    }

    @Override
    public void send(final Notification notification, final Deliveries deliveries) {
        LogSink out = deliveries.getOut();
        if (webhook != null) {
            ObjectNode body = JSON.createObjectNode();
            body.put("text", Channel.fit(mentionPrefix(notification) + notification.title(), MAX_TEXT,
                    "Slack text", out));
            body.set("blocks", standaloneBlocks(notification, out));
            deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "message", notification, null),
                    () -> postWebhook(body));
            return;
        }
        String correlationId = notification.correlationId();
        if (correlationId == null) {
            ObjectNode body = apiMessage(notification, out);
            body.set("blocks", standaloneBlocks(notification, out));
            deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "message", notification, null),
                    () -> callApi("chat.postMessage", body));
            return;
        }
        Attempt card = sendCard(notification, correlationId, deliveries);
        if (!notification.isSummary() && card.isDelivered() && card.notificationId() != null
                && card.recipient() != null) {
            ObjectNode reply = apiMessage(notification, out);
            reply.put("channel", card.recipient());
            reply.put("thread_ts", card.notificationId());
            if (mentions(notification)) {
                reply.put("reply_broadcast", true);
            }
            reply.set("blocks", detailBlocks(notification, out));
            deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "thread reply", notification, null),
                    () -> callApi("chat.postMessage", reply));
        }
    }

    private Attempt sendCard(final Notification notification, final String correlationId,
            final Deliveries deliveries) {
        LogSink out = deliveries.getOut();
        Notification run = Notification.summary(notification.run(), notification.link());
        ObjectNode body = JSON.createObjectNode();
        body.put("text", Channel.fit(run.title(), MAX_TEXT, "Slack card text", out));
        body.set("blocks", cardBlocks(correlationId, notification, out));
        Deliveries.Target target = new Deliveries.Target(ChannelKind.SLACK, "status card", notification, channel);
        Optional<Card> existing = findCard(correlationId);
        if (existing.isPresent()) {
            ObjectNode update = body.deepCopy();
            update.put("channel", existing.get().channel());
            update.put("ts", existing.get().ts());
            Attempt updated = deliveries.deliver(target, () -> {
                Attempt attempt = callApi("chat.update", update);
                return attempt.isDelivered() ? Attempt.delivered(existing.get().ts(), existing.get().channel())
                        : attempt;
            });
            String reason = updated.reason();
            if (updated.isDelivered() || reason == null
                    || !(reason.contains("message_not_found") || reason.contains("cant_update"))) {
                return updated;
            }
            out.info("slack: the status card of %s is gone; posting a new one", correlationId);
        }
        ObjectNode post = body.deepCopy();
        post.put("channel", channel);
        return deliveries.deliver(target, () -> callApi("chat.postMessage", post));
    }

    /**
     * Where a run's status card is.
     *
     * @param channel the channel id Slack returned
     * @param ts the message timestamp
     */
    private record Card(String channel, String ts) {
    }

    private Optional<Card> findCard(final String correlationId) {
        List<Message> sent = context.getBus().query(MessageFilter.ofTypes(NotificationSent.TYPE)
                .withCorrelationId(correlationId));
        for (int i = sent.size() - 1; i >= 0; i--) {
            Message message = sent.get(i);
            if (channel != null && channel.equals(message.getExtension(Deliveries.SLACK_CARD).orElse(null))) {
                Optional<String> ts = StageLine.optionalText(message, "notification_id");
                Optional<String> id = StageLine.optionalText(message, "recipient");
                if (ts.isPresent() && id.isPresent()) {
                    return Optional.of(new Card(id.get(), ts.get()));
                }
            }
        }
        return Optional.empty();
    }

    private ObjectNode apiMessage(final Notification notification, final LogSink out) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", channel);
        body.put("text", Channel.fit(mentionPrefix(notification) + notification.title(), MAX_TEXT, "Slack text",
                out));
        return body;
    }

    private boolean mentions(final Notification notification) {
        return mention.contains(notification.severity());
    }

    private String mentionPrefix(final Notification notification) {
        return mentions(notification) ? "<!here> " : "";
    }

    private ArrayNode cardBlocks(final String correlationId, final Notification notification, final LogSink out) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(header(Channel.fit("LotaBots: " + correlationId, MAX_HEADER, "Slack card header", out)));
        addStages(blocks, notification.stages(), out);
        blocks.add(footer(notification));
        return blocks;
    }

    private ArrayNode standaloneBlocks(final Notification notification, final LogSink out) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(section(Channel.fit(mentionPrefix(notification) + emoji(notification.severity()) + " *"
                + escape(notification.title()) + "*", MAX_SECTION, "Slack title", out)));
        if (notification.isSummary()) {
            addStages(blocks, notification.stages(), out);
        }
        else {
            blocks.add(section(detailText(notification, out)));
        }
        blocks.add(footer(notification));
        return blocks;
    }

    private ArrayNode detailBlocks(final Notification notification, final LogSink out) {
        ArrayNode blocks = JSON.createArrayNode();
        blocks.add(section(Channel.fit(mentionPrefix(notification) + emoji(notification.severity()) + " *"
                + escape(notification.title()) + "*", MAX_SECTION, "Slack title", out)));
        blocks.add(section(detailText(notification, out)));
        return blocks;
    }

    private String detailText(final Notification notification, final LogSink out) {
        String details = escape(String.join("\n", notification.details()));
        String fence = "```";
        return fence + Channel.fit(details, MAX_SECTION - 2 * fence.length(), "Slack details", out) + fence;
    }

    private void addStages(final ArrayNode blocks, final List<StageLine> stages, final LogSink out) {
        int shown = Math.min(stages.size(), MAX_STAGE_BLOCKS);
        for (int i = 0; i < shown; i++) {
            StageLine stage = stages.get(i);
            blocks.add(section(Channel.fit(emoji(stage.state()) + " *" + escape(stage.stage()) + "* "
                    + escape(stage.text()), MAX_SECTION, "Slack stage line", out)));
        }
        if (stages.size() > shown) {
            blocks.add(section("_and " + (stages.size() - shown) + " more stages_"));
        }
    }

    private ObjectNode footer(final Notification notification) {
        ObjectNode context = JSON.createObjectNode();
        context.put("type", "context");
        ArrayNode elements = context.putArray("elements");
        String updated = "Updated " + this.context.getClock().instant().toString();
        String link = notification.link();
        ObjectNode text = elements.addObject();
        text.put("type", "mrkdwn");
        text.put("text", link == null || link.length() > 1000 ? updated
                : updated + " | <" + escape(link) + "|Open the run>");
        return context;
    }

    private static ObjectNode header(final String text) {
        ObjectNode block = JSON.createObjectNode();
        block.put("type", "header");
        ObjectNode object = block.putObject("text");
        object.put("type", "plain_text");
        object.put("text", text);
        return block;
    }

    private static ObjectNode section(final String mrkdwn) {
        ObjectNode block = JSON.createObjectNode();
        block.put("type", "section");
        ObjectNode object = block.putObject("text");
        object.put("type", "mrkdwn");
        object.put("text", mrkdwn);
        return block;
    }

    static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String emoji(final Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":rotating_light:";
            case ERROR -> ":x:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
        };
    }

    private static String emoji(final StageLine.State state) {
        return switch (state) {
            case OK -> ":white_check_mark:";
            case RUNNING -> ":hourglass_flowing_sand:";
            case WARNING -> ":warning:";
            case FAILED -> ":x:";
            case OPEN -> ":rotating_light:";
        };
    }

    private Attempt postWebhook(final ObjectNode body) {
        URI target = java.util.Objects.requireNonNull(webhook);
        return calls.post(target, "application/json", Map.of(), bytes(body), answer -> {
            if (answer.status() == 200) {
                return Attempt.delivered(null, "Slack incoming webhook");
            }
            return Attempt.refused("Slack refused the message: HTTP " + answer.status() + " " + answer.snippet());
        });
    }

    private Attempt callApi(final String method, final ObjectNode body) {
        return new SlackWebApi(calls, apiUrl, java.util.Objects.requireNonNull(token)).call(method, body, Set.of(),
                json -> Attempt.delivered(json.path("ts").asText(null), json.path("channel").asText(null)));
    }

    private static byte[] bytes(final ObjectNode body) {
        return SlackWebApi.bytes(body);
    }
}
