package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.incident.Incident;
import io.lotabots.util.LogSink;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The Slack channel of one incident, through the Web API: {@code conversations.create} with a readable name
 * ({@code inc-12-high-error-rate}; a taken name gets {@code -2}, {@code -3}, ...), {@code conversations.invite} of
 * the configured users, the summary posted ({@code chat.postMessage}) and pinned ({@code pins.add}), updates posted,
 * and {@code conversations.archive} at resolution. Every call is one delivery, retried and recorded by
 * {@link Deliveries}.
 */
final class WarRoom {
    /** The most characters of a Slack channel name. */
    static final int MAX_NAME = 80;
    /** How many names are tried when Slack answers {@code name_taken}: the name and 19 suffixes. */
    static final int MAX_NAME_TRIES = 20;
    /** The prefix of the link that keeps a war room with its incident: {@code slack:C0123ABC}. */
    static final String LINK_PREFIX = "slack:";
    /** A Slack user id, as {@code conversations.invite} takes them. */
    static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_-]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final SlackWebApi api;
    private final List<String> invitees;

    WarRoom(final SlackWebApi api, final List<String> invitees) {
        this.api = api;
        this.invitees = List.copyOf(invitees);
    }

    /**
     * Returns the channel name of an incident: {@code inc-<number>-<title>} in lower case, accents dropped,
     * letters, digits, hyphens and underscores only, at most {@value #MAX_NAME} characters, as Slack requires.
     *
     * @param incident the incident
     * @return the name
     */
    static String channelName(final Incident incident) {
        String title = MARKS.matcher(Normalizer.normalize(incident.title(), Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT).replace("ß", "ss");
        String slug = NOT_ALLOWED.matcher(title).replaceAll("-").replaceAll("-{2,}", "-")
                .replaceAll("^[-_]+|[-_]+$", "");
        String base = "inc-" + incident.number();
        return cut(slug.isEmpty() ? base : base + "-" + slug, MAX_NAME);
    }

    /**
     * Returns a name with a numbered suffix, cut so that the whole stays within {@value #MAX_NAME} characters.
     *
     * @param name the name
     * @param number the suffix, 2 or more
     * @return for example {@code inc-12-high-error-rate-2}
     */
    static String withSuffix(final String name, final int number) {
        String suffix = "-" + number;
        return cut(name, MAX_NAME - suffix.length()) + suffix;
    }

    private static String cut(final String name, final int limit) {
        String cut = name.length() <= limit ? name : name.substring(0, limit);
        return cut.replaceAll("[-_]+$", "");
    }

    /**
     * Returns the channel id kept in an incident's links.
     *
     * @param incident the incident
     * @return the id, or {@code null} if it has no war room
     */
    @CheckForNull
    static String channelOf(final Incident incident) {
        for (String link : incident.links()) {
            if (link.startsWith(LINK_PREFIX) && link.length() > LINK_PREFIX.length()) {
                return link.substring(LINK_PREFIX.length());
            }
        }
        return null;
    }

    /**
     * Returns the address that opens a channel in Slack.
     *
     * @param channelId the channel id
     * @return Slack's redirect link to the channel
     */
    static String url(final String channelId) {
        return "https://slack.com/app_redirect?channel=" + channelId;
    }

    /**
     * Creates the channel, trying suffixes while the name is taken.
     *
     * @param incident the incident
     * @param notification what the delivery is recorded against
     * @param deliveries makes and records the delivery
     * @return delivered with the channel id as notification id and {@code #name} as recipient, or the failure
     */
    Attempt create(final Incident incident, final Notification notification, final Deliveries deliveries) {
        String base = channelName(incident);
        return deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "war room (conversations.create)",
                notification, null), () -> {
                    for (int number = 1; number <= MAX_NAME_TRIES; number++) {
                        String name = number == 1 ? base : withSuffix(base, number);
                        ObjectNode body = JSON.createObjectNode();
                        body.put("name", name);
                        body.put("is_private", false);
                        AtomicBoolean taken = new AtomicBoolean();
                        Attempt attempt = api.call("conversations.create", body, Set.of("name_taken"), json -> {
                            if (!SlackWebApi.error(json).isEmpty()) {
                                taken.set(true);
                                return Attempt.refused("Slack refused conversations.create: name_taken");
                            }
                            String id = json.path("channel").path("id").asText("");
                            return id.isEmpty() ? Attempt.refused("Slack conversations.create answered without"
                                    + " channel.id") : Attempt.delivered(id, "#" + name);
                        });
                        if (!taken.get()) {
                            return attempt;
                        }
                        deliveries.getOut().info("slack: the channel name #%s is taken", name);
                    }
                    return Attempt.refused("Slack refused conversations.create: name_taken for #" + base
                            + " and " + (MAX_NAME_TRIES - 1) + " suffixes; archive or rename old channels");
                });
    }

    /**
     * Invites the configured users; users already in the channel are fine.
     *
     * @param channelId the channel
     * @param notification what the delivery is recorded against
     * @param deliveries makes and records the delivery
     * @return the outcome, or {@code null} when no one is to be invited
     */
    @CheckForNull
    Attempt invite(final String channelId, final Notification notification, final Deliveries deliveries) {
        if (invitees.isEmpty()) {
            return null;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", channelId);
        body.put("users", String.join(",", invitees));
        return deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "war room invitation"
                + " (conversations.invite)", notification, null), () -> api.call("conversations.invite", body,
                        Set.of("already_in_channel"), json -> Attempt.delivered(null, String.join(",", invitees))));
    }

    /**
     * Posts a message to the channel.
     *
     * @param channelId the channel
     * @param text the text, plain; also the notification text of blocks
     * @param blocks Block Kit blocks, or {@code null} for the text alone
     * @param what what is posted, for the log
     * @param notification what the delivery is recorded against
     * @param deliveries makes and records the delivery
     * @return delivered with the message {@code ts} as notification id, or the failure
     */
    Attempt post(final String channelId, final String text, @CheckForNull final ArrayNode blocks, final String what,
            final Notification notification, final Deliveries deliveries) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", channelId);
        body.put("text", Channel.fit(text, SlackChannel.MAX_TEXT, "Slack text", deliveries.getOut()));
        if (blocks != null) {
            body.set("blocks", blocks);
        }
        return deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, what + " (chat.postMessage)",
                notification, null), () -> api.call("chat.postMessage", body, Set.of(),
                        json -> Attempt.delivered(json.path("ts").asText(null), json.path("channel").asText(null))));
    }

    /**
     * Pins a message.
     *
     * @param channelId the channel
     * @param ts the message
     * @param notification what the delivery is recorded against
     * @param deliveries makes and records the delivery
     * @return the outcome
     */
    Attempt pin(final String channelId, final String ts, final Notification notification,
            final Deliveries deliveries) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", channelId);
        body.put("timestamp", ts);
        return deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "war room summary pin (pins.add)",
                notification, null), () -> api.call("pins.add", body, Set.of("already_pinned"),
                        json -> Attempt.delivered(ts, channelId)));
    }

    /**
     * Archives the channel; one that is archived already is fine.
     *
     * @param channelId the channel
     * @param notification what the delivery is recorded against
     * @param deliveries makes and records the delivery
     * @return the outcome
     */
    Attempt archive(final String channelId, final Notification notification, final Deliveries deliveries) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", channelId);
        return deliveries.deliver(new Deliveries.Target(ChannelKind.SLACK, "war room archive"
                + " (conversations.archive)", notification, null), () -> api.call("conversations.archive", body,
                        Set.of("already_archived"), json -> Attempt.delivered(null, channelId)));
    }

    /**
     * Returns the blocks of an incident's summary: a header, its fields and its links.
     *
     * @param incident the incident
     * @param out the log, for texts that are cut
     * @return the blocks
     */
    static ArrayNode summaryBlocks(final Incident incident, final LogSink out) {
        ArrayNode blocks = JSON.createArrayNode();
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        ObjectNode headerText = header.putObject("text");
        headerText.put("type", "plain_text");
        headerText.put("text", Channel.fit(incident.id() + " " + incident.severity() + ": " + incident.title(),
                SlackChannel.MAX_HEADER, "Slack header", out));
        ObjectNode fields = blocks.addObject();
        fields.put("type", "section");
        ArrayNode list = fields.putArray("fields");
        field(list, "Severity", incident.severity().name());
        field(list, "Status", incident.status().name().toLowerCase(Locale.ROOT));
        field(list, "Service", incident.service());
        field(list, "Environment", incident.environment());
        String commander = incident.commander();
        field(list, "Commander", commander == null ? "nobody yet" : commander);
        field(list, "Opened", incident.openedAt().toString());
        ObjectNode title = blocks.addObject();
        title.put("type", "section");
        ObjectNode titleText = title.putObject("text");
        titleText.put("type", "mrkdwn");
        titleText.put("text", Channel.fit("*Summary:* " + SlackChannel.escape(incident.title()),
                SlackChannel.MAX_SECTION, "Slack summary", out));
        List<String> links = incident.links().stream().filter(link -> !link.startsWith(LINK_PREFIX)).toList();
        if (!links.isEmpty()) {
            StringBuilder text = new StringBuilder("*Links:*");
            links.forEach(link -> text.append("\n- ").append(SlackChannel.escape(link)));
            ObjectNode section = blocks.addObject();
            section.put("type", "section");
            ObjectNode sectionText = section.putObject("text");
            sectionText.put("type", "mrkdwn");
            sectionText.put("text", Channel.fit(text.toString(), SlackChannel.MAX_SECTION, "Slack links", out));
        }
        return blocks;
    }

    private static void field(final ArrayNode fields, final String name, final String value) {
        ObjectNode field = fields.addObject();
        field.put("type", "mrkdwn");
        String text = "*" + name + ":*\n" + SlackChannel.escape(value);
        field.put("text", text.length() <= 2000 ? text : text.substring(0, 1985) + " [truncated]");
    }

    /**
     * Returns whether an answer of {@link #create} is a usable channel.
     *
     * @param attempt the outcome
     * @return {@code true} when delivered with an id
     */
    static boolean isChannel(final Attempt attempt) {
        return attempt.isDelivered() && attempt.notificationId() != null;
    }
}
