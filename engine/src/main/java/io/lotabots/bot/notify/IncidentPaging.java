package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotSecret;
import io.lotabots.bot.OptionType;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.incident.IncidentSeverity;
import io.lotabots.bot.incident.IncidentStatus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpChecker;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Pages, escalates and runs the war room of incidents, through NotificationBot's channels:
 *
 * <ul>
 *     <li>PagerDuty Events API v2 ({@code PAGERDUTY_ROUTING_KEY}): {@code trigger} when an incident opens (at once,
 *     and once more with the war room's link when that is open, so that Slack never delays the page), again with
 *     the same {@code dedup_key} when it changes (other than a note) while triggered or acknowledged;
 *     {@code acknowledge} and {@code resolve}. The {@code dedup_key} is the incident id; {@code custom_details} carry its severity,
 *     status, service, environment, commander and summary; {@code links} its runs and its war room.</li>
 *     <li>SMS to the on-call ({@code smsTo}) when it opens; e-mail to the leadership list
 *     ({@code leadershipEmailTo}) when a P1 opens.</li>
 *     <li>Escalation: while nobody has acknowledged it, {@code repageAfter} after it opened the on-call is paged
 *     again, {@code secondaryAfter} after it opened the secondary on-call is paged ({@code secondarySmsTo} and the
 *     secret {@code PAGERDUTY_SECONDARY_ROUTING_KEY}). What was done is read back from the incident's events
 *     ({@code repaged}, {@code paged-secondary}), so that each step happens once.</li>
 *     <li>War room ({@code SLACK_BOT_TOKEN}): a Slack channel per incident, its users invited, the summary posted
 *     and pinned, changes posted, archived at resolution; its id is kept as the link {@code slack:<id>}.</li>
 * </ul>
 *
 * <p>Each channel is used when its settings are given, and its settings and secrets are checked when the
 * responders are made, before anything changes. A vendor that is down, rate-limited or refusing is retried with
 * backoff (honouring {@code Retry-After}) as NotificationBot retries; what still fails becomes a {@code warning}
 * event on the incident's timeline, never an exception. Every delivery is recorded on the bus as
 * {@code notification.sent} or {@code notification.failed}; secrets are masked everywhere.</p>
 */
public final class IncidentPaging implements IncidentResponders {
    /** Who the events of paging are by. */
    public static final String ACTOR = NotificationBotDescriptor.NAME;
    /** The event of a page sent. */
    public static final String PAGED = "paged";
    /** The event of the on-call paged again by the escalation policy. */
    public static final String REPAGED = "repaged";
    /** The event of the secondary on-call paged by the escalation policy. */
    public static final String PAGED_SECONDARY = "paged-secondary";
    /** The event of the war room opened or archived. */
    public static final String WAR_ROOM = "war-room";
    /** The event of a delivery that failed. */
    public static final String WARNING = "warning";
    /** The event of PagerDuty told of an acknowledgement or resolution. */
    public static final String NOTIFIED = "notified";
    /** The kind of a change that is a note: posted to the war room, not paged. */
    public static final String NOTE = "note";
    /** The secret with the routing key of the secondary on-call's PagerDuty service. */
    public static final String PAGERDUTY_SECONDARY_ROUTING_KEY = "PAGERDUTY_SECONDARY_ROUTING_KEY";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The channels and timings, checked once by the factory. */
    private final Factory.Settings settings;
    @CheckForNull
    private final String buildUrl;

    private IncidentPaging(final Factory.Settings settings) {
        this.settings = settings;
        this.buildUrl = settings.context.getVariable(NotificationBotDescriptor.BUILD_URL).orElse(null);
    }

    /**
     * Returns which channels are used, for the log: for example {@code pagerduty, sms, slack war room}.
     *
     * @return the channels, comma-separated, or {@code none}
     */
    public String describe() {
        List<String> used = new ArrayList<>();
        if (settings.pagerDuty != null) {
            used.add("pagerduty");
        }
        if (settings.sms != null) {
            used.add("sms");
        }
        if (settings.leadership != null) {
            used.add("e-mail to leadership (P1)");
        }
        if (settings.secondaryPagerDuty != null || settings.secondarySms != null) {
            used.add("secondary on-call");
        }
        if (settings.warRoom != null) {
            used.add("slack war room");
        }
        return used.isEmpty() ? "none" : String.join(", ", used);
    }

    @Override
    public Response opened(final Incident incident) {
        Round round = new Round(incident, now(), "");
        boolean paged = settings.pagerDuty != null && round.page(settings.pagerDuty,
                trigger(incident, round.links), "trigger event", PAGED,
                "PagerDuty triggered (dedup_key " + incident.id() + ")");
        if (settings.sms != null) {
            round.sms(settings.sms, PAGED, "SMS sent to the on-call");
        }
        if (settings.leadership != null && incident.severity() == IncidentSeverity.P1) {
            round.step("e-mail to leadership", () -> {
                if (round.delivered(settings.leadership, "e-mail to leadership")) {
                    round.event(PAGED, "e-mail sent to leadership (P1)");
                }
            });
        }
        if (settings.warRoom != null && WarRoom.channelOf(incident) == null) {
            round.step("war room", () -> openWarRoom(incident, round));
            if (settings.pagerDuty != null && !round.links.isEmpty()) {
                round.page(settings.pagerDuty, trigger(incident, round.links), "trigger event with the war room link",
                        paged ? null : PAGED, "PagerDuty triggered (dedup_key " + incident.id() + ") with the war"
                                + " room link, after the first trigger failed");
            }
        }
        return round.response();
    }

    private void openWarRoom(final Incident incident, final Round round) {
        WarRoom room = Objects.requireNonNull(settings.warRoom);
        Attempt created = room.create(incident, round.notification, round.deliveries);
        if (!round.check(created, "war room (conversations.create)") || !WarRoom.isChannel(created)) {
            return;
        }
        String id = Objects.requireNonNull(created.notificationId());
        String name = String.valueOf(created.recipient());
        round.links.add(WarRoom.LINK_PREFIX + id);
        Attempt invited = room.invite(id, round.notification, round.deliveries);
        if (invited != null) {
            round.check(invited, "war room invitation (conversations.invite)");
        }
        Attempt posted = room.post(id, round.notification.title(), WarRoom.summaryBlocks(incident,
                round.deliveries.getOut()), "war room summary", round.notification, round.deliveries);
        boolean pinned = false;
        if (round.check(posted, "war room summary (chat.postMessage)") && posted.notificationId() != null) {
            pinned = round.check(room.pin(id, posted.notificationId(), round.notification, round.deliveries),
                    "war room summary pin (pins.add)");
        }
        round.event(WAR_ROOM, "Slack war room " + name + " (" + id + ") opened" + (invited != null
                && invited.isDelivered() ? ", " + invited.recipient() + " invited" : "")
                + (pinned ? ", summary pinned" : "") + ": " + WarRoom.url(id));
    }

    @Override
    public Response updated(final Incident incident, final IncidentEvent change) {
        Round round = new Round(incident, now(), "");
        boolean note = NOTE.equalsIgnoreCase(change.kind());
        boolean paging = incident.status() == IncidentStatus.TRIGGERED
                || incident.status() == IncidentStatus.ACKNOWLEDGED;
        if (!note && paging && settings.pagerDuty != null) {
            round.page(settings.pagerDuty, trigger(incident, round.links), "trigger event", PAGED,
                    "PagerDuty triggered again for the " + change.kind() + " (dedup_key " + incident.id() + ")");
        }
        round.toWarRoom(incident, change.kind() + " by " + change.actor() + ": " + change.text());
        return round.response();
    }

    @Override
    public Response acknowledged(final Incident incident) {
        Round round = new Round(incident, now(), "");
        if (settings.pagerDuty != null) {
            round.page(settings.pagerDuty, event("acknowledge", incident), "acknowledge event", NOTIFIED,
                    "PagerDuty acknowledged");
        }
        String commander = incident.commander();
        round.toWarRoom(incident, incident.id() + " acknowledged" + (commander == null ? "" : " by " + commander));
        return round.response();
    }

    @Override
    public Response resolved(final Incident incident) {
        Round round = new Round(incident, now(), "");
        if (settings.pagerDuty != null) {
            round.page(settings.pagerDuty, event("resolve", incident), "resolve event", NOTIFIED, "PagerDuty resolved");
        }
        if (settings.secondaryPagerDuty != null && hasEvent(incident, PAGED_SECONDARY)) {
            round.page(settings.secondaryPagerDuty, event("resolve", incident), "resolve event to the secondary",
                    NOTIFIED, "PagerDuty resolved for the secondary on-call");
        }
        String channel = WarRoom.channelOf(incident);
        if (settings.warRoom != null && channel != null) {
            round.step("war room", () -> {
                Attempt posted = settings.warRoom.post(channel, ":white_check_mark: " + incident.id() + " resolved: "
                        + incident.title(), null, "war room resolution", round.notification, round.deliveries);
                round.check(posted, "war room resolution (chat.postMessage)");
                if (round.check(settings.warRoom.archive(channel, round.notification, round.deliveries),
                        "war room archive (conversations.archive)")) {
                    round.event(WAR_ROOM, "Slack war room " + channel + " archived");
                }
            });
        }
        return round.response();
    }

    @Override
    public Response escalate(final Incident incident, final Instant now) {
        if (incident.status() != IncidentStatus.TRIGGERED) {
            return Response.NOTHING;
        }
        Duration open = Duration.between(incident.openedAt(), now);
        boolean repage = isDue(settings.repageAfter, open) && !hasEvent(incident, REPAGED)
                && (settings.pagerDuty != null || settings.sms != null);
        boolean secondary = isDue(settings.secondaryAfter, open) && !hasEvent(incident, PAGED_SECONDARY)
                && (settings.secondaryPagerDuty != null || settings.secondarySms != null);
        if (!repage && !secondary) {
            return Response.NOTHING;
        }
        Round round = new Round(incident, now, "ESCALATED, not acknowledged for " + HttpCalls.format(open) + ": ");
        if (repage) {
            List<String> done = new ArrayList<>();
            if (settings.pagerDuty != null) {
                round.step("PagerDuty re-page", () -> {
                    if (round.delivered(settings.pagerDuty, trigger(incident, round.links), "re-page trigger event")) {
                        done.add("PagerDuty triggered again");
                    }
                });
            }
            if (settings.sms != null) {
                round.step("SMS re-page", () -> {
                    if (round.delivered(settings.sms, "re-page SMS")) {
                        done.add("SMS sent to the on-call again");
                    }
                });
            }
            round.event(REPAGED, "nobody acknowledged within " + HttpCalls.format(settings.repageAfter) + "; "
                    + (done.isEmpty() ? "re-paging the on-call failed" : String.join(", ", done)));
        }
        if (secondary) {
            List<String> done = new ArrayList<>();
            if (settings.secondaryPagerDuty != null) {
                round.step("PagerDuty page of the secondary", () -> {
                    if (round.delivered(settings.secondaryPagerDuty, trigger(incident, round.links),
                            "trigger event to the secondary")) {
                        done.add("PagerDuty triggered for the secondary on-call");
                    }
                });
            }
            if (settings.secondarySms != null) {
                round.step("SMS to the secondary", () -> {
                    if (round.delivered(settings.secondarySms, "SMS to the secondary")) {
                        done.add("SMS sent to the secondary on-call");
                    }
                });
            }
            round.event(PAGED_SECONDARY, "nobody acknowledged within " + HttpCalls.format(settings.secondaryAfter)
                    + "; " + (done.isEmpty() ? "paging the secondary on-call failed" : String.join(", ", done)));
        }
        round.toWarRoom(incident, "Escalated: nobody acknowledged " + incident.id() + " for "
                + HttpCalls.format(open));
        return round.response();
    }

    private static boolean isDue(final Duration after, final Duration open) {
        return !after.isZero() && open.compareTo(after) >= 0;
    }

    private static boolean hasEvent(final Incident incident, final String kind) {
        return incident.events().stream().anyMatch(event -> kind.equals(event.kind()));
    }

    private Instant now() {
        return settings.context.getClock().instant();
    }

    /**
     * Builds the trigger event of an incident.
     */
    private ObjectNode trigger(final Incident incident, final List<String> newLinks) {
        ObjectNode event = event("trigger", incident);
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", Channel.fit(incident.id() + " " + incident.severity() + ": " + incident.title(),
                PagerDutyChannel.MAX_SUMMARY, "PagerDuty summary", settings.context.getLog()));
        payload.put("source", incident.service().isBlank() ? "lotabots" : incident.service());
        payload.put("severity", severity(incident.severity()).wireName());
        payload.put("timestamp", incident.openedAt().toString());
        payload.put("component", incident.service());
        payload.put("group", incident.environment());
        payload.put("class", "incident");
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident_id", incident.id());
        details.put("severity", incident.severity().name());
        details.put("status", incident.status().name().toLowerCase(Locale.ROOT));
        details.put("service", incident.service());
        details.put("environment", incident.environment());
        String commander = incident.commander();
        details.put("commander", commander == null ? "nobody yet" : commander);
        details.put("summary", incident.title());
        List<String> all = Stream.concat(incident.links().stream(), newLinks.stream()).distinct().toList();
        ArrayNode runs = details.putArray("runs");
        ArrayNode links = JSON.createArrayNode();
        for (String link : all) {
            if (link.startsWith(WarRoom.LINK_PREFIX)) {
                ObjectNode room = links.addObject();
                room.put("href", WarRoom.url(link.substring(WarRoom.LINK_PREFIX.length())));
                room.put("text", "War room");
            }
            else if (link.startsWith("https://") || link.startsWith("http://")) {
                ObjectNode run = links.addObject();
                run.put("href", link);
                run.put("text", "Run");
            }
            else {
                runs.add(link);
            }
        }
        if (buildUrl != null && all.stream().noneMatch(buildUrl::equals)) {
            ObjectNode run = links.addObject();
            run.put("href", buildUrl);
            run.put("text", "Run");
        }
        if (!links.isEmpty()) {
            event.set("links", links);
        }
        event.put("client", "LotaBots");
        if (buildUrl != null) {
            event.put("client_url", buildUrl);
        }
        return event;
    }

    private static ObjectNode event(final String action, final Incident incident) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_action", action);
        event.put("dedup_key", incident.id());
        return event;
    }

    /**
     * Returns the NotificationBot severity of an incident's: P1 critical, P2 error, P3 warning, P4 info, as PagerDuty
     * names them.
     *
     * @param severity the incident's severity
     * @return the severity
     */
    static Severity severity(final IncidentSeverity severity) {
        return switch (severity) {
            case P1 -> Severity.CRITICAL;
            case P2 -> Severity.ERROR;
            case P3 -> Severity.WARNING;
            case P4 -> Severity.INFO;
        };
    }

    /**
     * One call of the responders: its deliveries, the events and links it adds, and the failures as warnings.
     */
    private final class Round {
        private final Instant time;
        private final Deliveries deliveries;
        private final Notification notification;
        private final List<IncidentEvent> events = new ArrayList<>();
        private final List<String> links = new ArrayList<>();

        Round(final Incident incident, final Instant time, final String prefix) {
            this.time = time;
            EngineLog log = new EngineLog("Errors of incident paging:");
            LogSink out = settings.context.getLog().and(log.masked(settings.context.getMasker()));
            this.deliveries = new Deliveries(settings.context, out, settings.policy, settings.sleeper);
            List<String> details = new ArrayList<>();
            details.add("severity: " + incident.severity());
            details.add("status: " + incident.status().name().toLowerCase(Locale.ROOT));
            details.add("service: " + incident.service());
            details.add("environment: " + incident.environment());
            String commander = incident.commander();
            details.add("commander: " + (commander == null ? "nobody yet" : commander));
            incident.links().forEach(link -> details.add("link: " + link));
            String link = buildUrl != null ? buildUrl : incident.links().stream()
                    .filter(value -> value.startsWith("https://") || value.startsWith("http://")).findFirst()
                    .orElse(null);
            this.notification = new Notification(prefix + incident.id() + " " + incident.severity() + ": "
                    + incident.title() + " (" + incident.service() + ", " + incident.environment() + ")",
                    severity(incident.severity()), null, List.of(), List.of(), details, null, link);
        }

        void event(final String kind, final String text) {
            events.add(new IncidentEvent(time, kind, ACTOR, settings.context.getMasker().mask(text)));
        }

        /**
         * Runs one step; whatever it throws becomes a warning, so that the rest still runs.
         */
        void step(final String what, final Runnable action) {
            try {
                action.run();
            }
            catch (RuntimeException e) {
                event(WARNING, what + " failed: " + HttpCalls.describe(e));
                deliveries.getOut().warning(settings.context.getMasker().mask(what + " failed: "
                        + HttpCalls.describe(e)));
            }
        }

        /**
         * Turns a failed delivery into a warning event.
         *
         * @return whether it was delivered
         */
        boolean check(final Attempt attempt, final String what) {
            if (attempt.isDelivered()) {
                return true;
            }
            List<String> failures = deliveries.getFailures();
            String reason = failures.isEmpty() ? String.valueOf(attempt.reason()) : failures.get(failures.size() - 1);
            event(WARNING, what + " not delivered: " + reason);
            return false;
        }

        /**
         * Sends a PagerDuty event and records it as an event of the given kind, if any.
         *
         * @return whether it was delivered
         */
        boolean page(final PagerDutyChannel channel, final ObjectNode event, final String what,
                @CheckForNull final String kind, final String text) {
            boolean[] delivered = new boolean[1];
            step("PagerDuty " + what, () -> {
                delivered[0] = delivered(channel, event, what);
                if (delivered[0] && kind != null) {
                    event(kind, text);
                }
            });
            return delivered[0];
        }

        boolean delivered(final PagerDutyChannel channel, final ObjectNode event, final String what) {
            return check(channel.deliver(event, what, notification, deliveries), "PagerDuty " + what);
        }

        void sms(final SmsChannel channel, final String kind, final String text) {
            step("SMS", () -> {
                if (delivered(channel, "SMS")) {
                    event(kind, text);
                }
            });
        }

        /**
         * Sends through a channel that records its deliveries itself (SMS, e-mail): delivered when no failure was
         * added.
         */
        boolean delivered(final Channel channel, final String what) {
            int before = deliveries.getFailures().size();
            channel.send(notification, deliveries);
            List<String> failures = deliveries.getFailures();
            for (int i = before; i < failures.size(); i++) {
                event(WARNING, what + " not delivered: " + failures.get(i));
            }
            return failures.size() == before;
        }

        void toWarRoom(final Incident incident, final String text) {
            String channel = WarRoom.channelOf(incident);
            if (settings.warRoom != null && channel != null) {
                step("war room", () -> check(settings.warRoom.post(channel, text, null, "war room update", notification,
                        deliveries), "war room update (chat.postMessage)"));
            }
        }

        Response response() {
            return new Response(events, links);
        }
    }

    /**
     * Makes {@link IncidentPaging} from IncidentBot's options: the front-ends find it through
     * {@link java.util.ServiceLoader} ({@code META-INF/services/io.lotabots.bot.incident.IncidentResponders$Factory}).
     */
    public static final class Factory implements IncidentResponders.Factory {
        /** The bot whose options these are, as messages about them name it. */
        private static final String BOT = "IncidentBot";
        /** The default wait before the on-call is paged again. */
        public static final Duration DEFAULT_REPAGE_AFTER = Duration.ofMinutes(5);
        /** The default wait before the secondary on-call is paged. */
        public static final Duration DEFAULT_SECONDARY_AFTER = Duration.ofMinutes(15);

        /** The on-call's numbers. */
        public static final BotOption<List<String>> SMS_TO = BotOption.optional("smsTo", OptionType.STRING_LIST,
                List.of(), "Numbers of the on-call in E.164 form, for example +41790000000: an SMS when an"
                        + " incident opens and when it is re-paged; needs smsFrom and the secrets TWILIO_ACCOUNT_SID"
                        + " and TWILIO_AUTH_TOKEN.");
        /** The secondary on-call's numbers. */
        public static final BotOption<List<String>> SECONDARY_SMS_TO = BotOption.optional("secondarySmsTo",
                OptionType.STRING_LIST, List.of(), "Numbers of the secondary on-call in E.164 form, paged by SMS"
                        + " when nobody acknowledged within secondaryAfter.");
        /** The leadership list. */
        public static final BotOption<List<String>> LEADERSHIP_EMAIL_TO = BotOption.optional("leadershipEmailTo",
                OptionType.STRING_LIST, List.of(), "Leadership e-mailed when a P1 incident opens, for example"
                        + " cto@example.com; needs smtpHost and emailFrom.");
        /** Whether to open a war room. */
        public static final BotOption<String> WAR_ROOM = BotOption.optional("warRoom",
                OptionType.choice("auto", "on", "off"), "auto", "Slack war room per incident: auto opens one"
                        + " when the secret SLACK_BOT_TOKEN is given (scopes channels:manage, channels:write.invites,"
                        + " chat:write, pins:write), on requires it, off never opens one.");
        /** The war room's users. */
        public static final BotOption<List<String>> WAR_ROOM_INVITE = BotOption.optional("warRoomInvite",
                OptionType.STRING_LIST, List.of(), "Slack user ids invited to every war room, for example"
                        + " U0123ABCD,U0456EFGH.");
        /** The wait before re-paging. */
        public static final BotOption<Duration> REPAGE_AFTER = BotOption.optional("repageAfter",
                OptionType.DURATION, DEFAULT_REPAGE_AFTER, "Page the on-call again when nobody acknowledged an"
                        + " incident this long after it opened, for example 5m; 0 never re-pages.");
        /** The wait before paging the secondary. */
        public static final BotOption<Duration> SECONDARY_AFTER = BotOption.optional("secondaryAfter",
                OptionType.DURATION, DEFAULT_SECONDARY_AFTER, "Page the secondary on-call (secondarySmsTo, the"
                        + " secret PAGERDUTY_SECONDARY_ROUTING_KEY) when nobody acknowledged an incident this long"
                        + " after it opened, for example 15m; 0 never does.");

        private static final List<BotOption<?>> OPTIONS = List.of(SMS_TO, SECONDARY_SMS_TO,
                NotificationBotDescriptor.SMS_FROM, NotificationBotDescriptor.TWILIO_URL, LEADERSHIP_EMAIL_TO,
                NotificationBotDescriptor.EMAIL_FROM, NotificationBotDescriptor.SMTP_HOST,
                NotificationBotDescriptor.SMTP_PORT, NotificationBotDescriptor.SMTP_USER,
                NotificationBotDescriptor.SMTP_TLS, NotificationBotDescriptor.PAGERDUTY_URL, WAR_ROOM,
                WAR_ROOM_INVITE, NotificationBotDescriptor.SLACK_API_URL, REPAGE_AFTER, SECONDARY_AFTER,
                NotificationBotDescriptor.TIMEOUT, NotificationBotDescriptor.RETRIES,
                NotificationBotDescriptor.RETRY_TIME);

        private final HttpChecker.Sleeper sleeper;

        /**
         * Creates the factory; retries really wait.
         */
        public Factory() {
            this(HttpChecker.Sleeper.THREAD);
        }

        /**
         * Creates the factory with the given way of waiting between retries.
         *
         * @param sleeper waits between retries; tests give one that does not sleep
         */
        public Factory(final HttpChecker.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
        }

        @Override
        public List<BotOption<?>> options() {
            return OPTIONS;
        }

        /**
         * Returns the secrets the responders read, for a descriptor's {@code withSecrets}: NotificationBot's Slack
         * bot token, PagerDuty routing key, Twilio and SMTP secrets, and the secondary on-call's routing key.
         *
         * @return the secrets
         */
        @Override
        public List<BotSecret> secrets() {
            List<String> used = List.of(NotificationBotDescriptor.SLACK_BOT_TOKEN,
                    NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY, NotificationBotDescriptor.SMTP_PASSWORD,
                    NotificationBotDescriptor.TWILIO_ACCOUNT_SID, NotificationBotDescriptor.TWILIO_AUTH_TOKEN);
            List<BotSecret> secrets = new ArrayList<>(NotificationBotDescriptor.get().getSecrets().stream()
                    .filter(secret -> used.contains(secret.variable())).toList());
            secrets.add(BotSecret.of(PAGERDUTY_SECONDARY_ROUTING_KEY, "the PagerDuty routing key of the secondary"
                    + " on-call", "secondaryRoutingKey", "pagerdutySecondaryRoutingKey"));
            return secrets;
        }

        @Override
        public IncidentPaging create(final Map<String, ?> options, final BotContext context) {
            Map<BotOption<?>, Object> values = new LinkedHashMap<>();
            for (BotOption<?> option : OPTIONS) {
                Object given = options.get(option.getName());
                if (given == null) {
                    option.getDefaultValue().ifPresent(value -> values.put(option, value));
                    continue;
                }
                try {
                    values.put(option, option.getType().convert(given));
                }
                catch (IllegalArgumentException e) {
                    throw invalid(context, option, e.getMessage());
                }
            }
            Settings settings = new Settings(context, sleeper, values);
            return new IncidentPaging(settings);
        }

        static LotaBotsException invalid(final BotContext context, final BotOption<?> option, final String problem) {
            return NotifyOptionChecks.invalidOption(context.getOptionNaming(), BOT, option, problem);
        }

        /**
         * The checked settings: channels made (and their settings and secrets checked) by NotificationBot's code.
         */
        private static final class Settings {
            private final BotContext context;
            private final HttpChecker.Sleeper sleeper;
            private final Map<BotOption<?>, Object> values;
            private final RetryPolicy policy;
            @CheckForNull
            private final PagerDutyChannel pagerDuty;
            @CheckForNull
            private final PagerDutyChannel secondaryPagerDuty;
            @CheckForNull
            private final SmsChannel sms;
            @CheckForNull
            private final SmsChannel secondarySms;
            @CheckForNull
            private final EmailChannel leadership;
            @CheckForNull
            private final WarRoom warRoom;
            private final Duration repageAfter;
            private final Duration secondaryAfter;

            Settings(final BotContext context, final HttpChecker.Sleeper sleeper,
                    final Map<BotOption<?>, Object> values) {
                this.context = context;
                this.sleeper = sleeper;
                this.values = values;
                NotifyOptionChecks.Invalid invalid = NotifyOptionChecks.asOption(context.getOptionNaming(), BOT);
                NotifyOptionChecks.retries(value(NotificationBotDescriptor.RETRIES), invalid);
                NotifyOptionChecks.timeout(value(NotificationBotDescriptor.TIMEOUT), invalid);
                NotifyOptionChecks.smtpPort(value(NotificationBotDescriptor.SMTP_PORT), invalid);
                this.repageAfter = notNegative(REPAGE_AFTER);
                this.secondaryAfter = notNegative(SECONDARY_AFTER);
                this.policy = request(builder -> { }).getRetryPolicy();
                HttpCalls calls = new HttpCalls(context.getHttp(), policy.timeout(), context.getClock());
                NotifyRequest plain = request(builder -> { });
                this.pagerDuty = Channel.secret(plain, context, NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY)
                        .isPresent() ? PagerDutyChannel.create(plain, context, calls) : null;
                Optional<String> secondaryKey = context.getSecret(PAGERDUTY_SECONDARY_ROUTING_KEY)
                        .filter(key -> !key.isBlank());
                this.secondaryPagerDuty = secondaryKey.isPresent() ? PagerDutyChannel.create(request(builder ->
                        builder.secret(NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY, secondaryKey.get())), context,
                        calls) : null;
                List<String> onCall = value(SMS_TO);
                this.sms = onCall.isEmpty() ? null : SmsChannel.create(request(builder -> builder.smsTo(onCall)),
                        context, calls);
                List<String> secondary = value(SECONDARY_SMS_TO);
                this.secondarySms = secondary.isEmpty() ? null
                        : SmsChannel.create(request(builder -> builder.smsTo(secondary)), context, calls);
                List<String> leaders = value(LEADERSHIP_EMAIL_TO);
                this.leadership = leaders.isEmpty() ? null
                        : EmailChannel.create(request(builder -> builder.emailTo(leaders)), context);
                this.warRoom = warRoom(plain, calls);
            }

            @CheckForNull
            private WarRoom warRoom(final NotifyRequest plain, final HttpCalls calls) {
                String mode = value(WAR_ROOM);
                if ("off".equals(mode)) {
                    return null;
                }
                Optional<String> token = Channel.secret(plain, context, NotificationBotDescriptor.SLACK_BOT_TOKEN);
                if (token.isEmpty()) {
                    if ("on".equals(mode)) {
                        throw Channel.missing(ChannelKind.SLACK, "the secret "
                                + NotificationBotDescriptor.SLACK_BOT_TOKEN + " (a bot token with the scopes"
                                + " channels:manage, channels:write.invites, chat:write and pins:write) for the war"
                                + " room of IncidentBot, or the option warRoom set to auto or off");
                    }
                    return null;
                }
                List<String> invitees = value(WAR_ROOM_INVITE);
                for (String user : invitees) {
                    if (!WarRoom.USER_ID.matcher(user).matches()) {
                        throw invalid(context, WAR_ROOM_INVITE, "has '" + user + "', which is not a Slack user"
                                + " id; give ids like U0123ABCD (in Slack: a member's profile, More, Copy member ID)");
                    }
                }
                String url = SlackChannel.checkedUrl(value(NotificationBotDescriptor.SLACK_API_URL),
                        "option slackApiUrl");
                return new WarRoom(new SlackWebApi(calls, url, token.get()), invitees);
            }

            private Duration notNegative(final BotOption<Duration> option) {
                Duration duration = value(option);
                if (duration.isNegative()) {
                    throw invalid(context, option, "may not be negative, for example 5m, or 0 to turn it off");
                }
                return duration;
            }

            @SuppressWarnings("unchecked")
            private <T> T value(final BotOption<T> option) {
                return (T) Objects.requireNonNull(values.get(option), option::getName);
            }

            @CheckForNull
            @SuppressWarnings("unchecked")
            private <T> T optional(final BotOption<T> option) {
                return (T) values.get(option);
            }

            private NotifyRequest request(final Consumer<NotifyRequest.Builder> more) {
                NotifyRequest.Builder builder = NotifyRequest.builder()
                        .timeout(value(NotificationBotDescriptor.TIMEOUT))
                        .retries(value(NotificationBotDescriptor.RETRIES))
                        .retryTime(value(NotificationBotDescriptor.RETRY_TIME))
                        .pagerDutyUrl(value(NotificationBotDescriptor.PAGERDUTY_URL))
                        .slackApiUrl(value(NotificationBotDescriptor.SLACK_API_URL))
                        .twilioUrl(value(NotificationBotDescriptor.TWILIO_URL))
                        .smsFrom(optional(NotificationBotDescriptor.SMS_FROM))
                        .smtpHost(optional(NotificationBotDescriptor.SMTP_HOST))
                        .smtpPort(value(NotificationBotDescriptor.SMTP_PORT))
                        .smtpUser(optional(NotificationBotDescriptor.SMTP_USER))
                        .smtpTls(value(NotificationBotDescriptor.SMTP_TLS))
                        .emailFrom(optional(NotificationBotDescriptor.EMAIL_FROM));
                more.accept(builder);
                return builder.build();
            }
        }
    }
}
