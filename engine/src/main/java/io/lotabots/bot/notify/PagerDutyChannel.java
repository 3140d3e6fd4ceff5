package io.lotabots.bot.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;
import io.lotabots.util.LogSink;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty Events API v2: alert events ({@code POST /v2/enqueue} with {@code trigger}, {@code acknowledge} or
 * {@code resolve}) and change events ({@code POST /v2/change/enqueue}) for deployments.
 *
 * <p>In the {@code auto} action, {@code alert.triggered} and {@code incident.created} trigger, messages of severity
 * error or critical trigger, {@code alert.resolved} and {@code incident.resolved} resolve, an
 * {@code incident.updated} to {@code acknowledged} acknowledges, and {@code deploy.completed},
 * {@code deploy.rolled_back}, {@code migration.completed} and scaling messages become change events; other
 * messages page no one and are skipped. The {@code dedup_key} is the incident id (as IncidentBot pages it), or
 * derived from the run and the alert, so that the resolve of an alert closes the incident its trigger opened.</p>
 */
final class PagerDutyChannel implements Channel {
    /** The most characters of {@code payload.summary}. */
    static final int MAX_SUMMARY = 1024;
    /** The most characters of a {@code dedup_key}. */
    static final int MAX_DEDUP_KEY = 255;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpCalls calls;
    private final String routingKey;
    private final String baseUrl;
    private final String action;
    @CheckForNull
    private final String dedupKey;
    @CheckForNull
    private final String source;

    private PagerDutyChannel(final HttpCalls calls, final String routingKey, final NotifyRequest request) {
        this.calls = calls;
        this.routingKey = routingKey;
        String url = request.getPagerDutyUrl();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.action = request.getPagerDutyAction();
        this.dedupKey = request.getPagerDutyDedupKey().orElse(null);
        this.source = request.getPagerDutySource().orElse(null);
    }

    static PagerDutyChannel create(final NotifyRequest request, final BotContext context, final HttpCalls calls) {
        String key = Channel.secret(request, context, NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY)
                .orElseThrow(() -> Channel.missing(ChannelKind.PAGERDUTY, "the secret "
                        + NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY + " (the integration key of an Events API"
                        + " v2 integration)"));
        return new PagerDutyChannel(calls, key, request);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.PAGERDUTY;
    }

    @Override
    public void send(final Notification notification, final Deliveries deliveries) {
        LogSink out = deliveries.getOut();
        String chosen = "auto".equals(action) ? autoAction(notification) : action;
        if (chosen == null) {
            out.info("pagerduty: %s is not worth a page (severity %s); nothing sent",
                    notification.messageType() == null ? "the run" : notification.messageType(),
                    notification.severity().wireName());
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        String summary = Channel.fit(notification.title(), MAX_SUMMARY, "PagerDuty summary", out);
        if ("change".equals(chosen)) {
            ObjectNode payload = event.putObject("payload");
            payload.put("summary", summary);
            payload.put("source", source(notification));
            payload.put("timestamp", time(notification));
            payload.set("custom_details", details(notification));
            addLinks(event, notification);
            deliveries.deliver(new Deliveries.Target(ChannelKind.PAGERDUTY, "change event", notification, null),
                    () -> post("/v2/change/enqueue", event, null));
            return;
        }
        String key = dedupKey(notification);
        event.put("event_action", chosen);
        event.put("dedup_key", key);
        if ("trigger".equals(chosen)) {
            ObjectNode payload = event.putObject("payload");
            payload.put("summary", summary);
            payload.put("source", source(notification));
            payload.put("severity", notification.severity().wireName());
            payload.put("timestamp", time(notification));
            Message subject = notification.cause();
            if (subject != null) {
                payload.put("component", subject.getSource());
                payload.put("class", subject.getType());
                StageLine.optionalText(subject, "environment").ifPresent(env -> payload.put("group", env));
            }
            payload.set("custom_details", details(notification));
            addLinks(event, notification);
            event.put("client", "LotaBots");
            if (notification.link() != null) {
                event.put("client_url", notification.link());
            }
        }
        deliveries.deliver(new Deliveries.Target(ChannelKind.PAGERDUTY, chosen + " event", notification, null),
                () -> post("/v2/enqueue", event, key));
    }

    /**
     * Delivers an alert event someone else built, for example the page of an incident: adds the routing key and
     * posts it to {@code /v2/enqueue} with retries.
     *
     * @param event the event without {@code routing_key}: {@code event_action}, {@code dedup_key}, {@code payload}
     *        for a trigger, {@code links}
     * @param what what is delivered, for the log, for example {@code trigger event}
     * @param notification what the delivery is recorded against
     * @param deliveries makes and records the delivery
     * @return the outcome of the last try
     */
    Attempt deliver(final ObjectNode event, final String what, final Notification notification,
            final Deliveries deliveries) {
        ObjectNode keyed = JSON.createObjectNode();
        keyed.put("routing_key", routingKey);
        keyed.setAll(event);
        String key = event.path("dedup_key").asText(null);
        return deliveries.deliver(new Deliveries.Target(ChannelKind.PAGERDUTY, what, notification, null),
                () -> post("/v2/enqueue", keyed, key));
    }

    @CheckForNull
    private static String autoAction(final Notification notification) {
        String type = String.valueOf(notification.messageType());
        if (notification.isSummary()) {
            return notification.severity().compareTo(Severity.ERROR) >= 0 ? "trigger" : "change";
        }
        switch (type) {
            case "alert.triggered", "incident.created" -> {
                return "trigger";
            }
            case "alert.resolved", "incident.resolved" -> {
                return "resolve";
            }
            case "incident.updated" -> {
                Message subject = notification.subject();
                return subject != null && "acknowledged".equalsIgnoreCase(StageLine.text(subject, "status"))
                        ? "acknowledge" : null;
            }
            case "deploy.completed", "deploy.rolled_back", "migration.completed", "scaling.up", "scaling.down" -> {
                return notification.severity().compareTo(Severity.ERROR) >= 0 ? "trigger" : "change";
            }
            default -> {
                return notification.severity().compareTo(Severity.ERROR) >= 0 ? "trigger" : null;
            }
        }
    }

    private String dedupKey(final Notification notification) {
        String key = dedupKey;
        if (key == null) {
            Message subject = notification.subject();
            String run = notification.correlationId() == null ? "run" : notification.correlationId();
            Optional<String> incident = subject == null ? Optional.empty()
                    : StageLine.optionalText(subject, "incident_id");
            Optional<String> alert = subject == null ? Optional.empty()
                    : StageLine.optionalText(subject, "alert_name");
            if (incident.isPresent()) {
                key = incident.get();
            }
            else if (alert.isPresent()) {
                key = "lotabots/" + run + "/alert/" + alert.get();
            }
            else {
                key = "lotabots/" + run;
            }
        }
        return key.length() <= MAX_DEDUP_KEY ? key : key.substring(0, MAX_DEDUP_KEY);
    }

    private String source(final Notification notification) {
        if (source != null) {
            return source;
        }
        Message subject = notification.cause();
        if (subject != null) {
            for (String field : new String[] {"environment", "service", "database"}) {
                Optional<String> value = StageLine.optionalText(subject, field);
                if (value.isPresent()) {
                    return value.get();
                }
            }
        }
        return "lotabots";
    }

    private static String time(final Notification notification) {
        Message cause = notification.cause();
        return cause == null ? java.time.Instant.now().toString() : cause.getTime().toString();
    }

    private static ObjectNode details(final Notification notification) {
        ObjectNode details = JSON.createObjectNode();
        if (notification.correlationId() != null) {
            details.put("correlation_id", notification.correlationId());
        }
        Message subject = notification.subject();
        if (subject != null) {
            details.put("message_type", subject.getType());
            details.set("payload", subject.getPayload());
        }
        else {
            ArrayNode stages = details.putArray("stages");
            notification.stages().forEach(stage -> stages.add(stage.stage() + ": " + stage.state() + " - "
                    + stage.text()));
        }
        return details;
    }

    private static void addLinks(final ObjectNode event, final Notification notification) {
        if (notification.link() != null) {
            ObjectNode link = event.putArray("links").addObject();
            link.put("href", notification.link());
            link.put("text", "LotaBots run");
        }
    }

    private Attempt post(final String path, final ObjectNode event, @CheckForNull final String key) {
        byte[] body;
        try {
            body = JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("A PagerDuty event could not be written as JSON", e);
        }
        return calls.post(URI.create(baseUrl + path), "application/json", Map.of(), body, answer -> {
            if (answer.isSuccess()) {
                String id = key;
                try {
                    JsonNode json = JSON.readTree(answer.body());
                    id = json.path("dedup_key").asText(key);
                }
                catch (JsonProcessingException e) {
                    // the key we sent identifies the event
                }
                return Attempt.delivered(id, "PagerDuty Events API");
            }
            return Attempt.refused("PagerDuty refused the event: HTTP " + answer.status() + " " + answer.snippet());
        });
    }
}
