package io.lotabots.bot.incident;

import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.AlertTriggered;
import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An incident's timeline, built from the bus rather than typed by hand: every message of the runs the incident links
 * (its correlation ids), every message about its service and environment in its window (from {@code window} before
 * it was opened until it was resolved: deploys, alerts, rollbacks, scaling, verdicts), the approvals of the runs those
 * messages belong to, and the incident's own events (opened, repeats, acknowledgements, notes, pages, warnings).
 * The incident's own {@code incident.*} messages are left out: its events say the same.
 *
 * <p>T+0 is the detection: the first {@code alert.triggered} of the timeline, else the opening. Entries before it
 * (the deploy that started it) read {@code T-5 min}. Render it with {@link #renderText()} for a console,
 * {@link #renderMarkdown()} for a post-mortem, or read {@link #entries()} for a page.</p>
 */
public final class IncidentTimeline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String APPROVAL = "approval.";
    private static final String INCIDENT = "incident.";

    private final Incident incident;
    private final List<Entry> entries;
    private final Instant zero;

    private IncidentTimeline(final Incident incident, final List<Entry> entries, final Instant zero) {
        this.incident = incident;
        this.entries = List.copyOf(entries);
        this.zero = zero;
    }

    /**
     * Builds the timeline of an incident from messages.
     *
     * @param incident the incident
     * @param window how long before the opening messages about its service and environment count
     * @param messages calls its argument with each message of the journal, in journal order
     * @return the timeline
     */
    public static IncidentTimeline of(final Incident incident, final Duration window,
            final Consumer<Consumer<Message>> messages) {
        Collector collector = new Collector(incident, window);
        messages.accept(collector::offer);
        return collector.build();
    }

    /**
     * Builds the timeline of an incident from a list of messages.
     *
     * @param incident the incident
     * @param window how long before the opening messages about its service and environment count
     * @param messages the messages, in journal order
     * @return the timeline
     */
    public static IncidentTimeline of(final Incident incident, final Duration window, final List<Message> messages) {
        return of(incident, window, consumer -> messages.forEach(consumer));
    }

    /**
     * Returns the incident.
     *
     * @return the incident
     */
    public Incident getIncident() {
        return incident;
    }

    /**
     * Returns the entries, oldest first.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Returns T+0: the first alert, else the opening.
     *
     * @return the moment
     */
    public Instant zero() {
        return zero;
    }

    /**
     * Returns the offset of a moment from T+0 as the timeline shows it.
     *
     * @param time the moment
     * @return for example {@code T+0}, {@code T+45s}, {@code T+1 min}, {@code T+1 h 5 min}, {@code T-3 min}
     */
    public String offset(final Instant time) {
        return offsetOf(Duration.between(zero, time));
    }

    /**
     * Writes an offset as the timeline shows it, whole minutes once past the first.
     *
     * @param offset the offset from T+0
     * @return the text
     */
    static String offsetOf(final Duration offset) {
        Duration size = offset.abs();
        String sign = offset.isNegative() ? "T-" : "T+";
        long seconds = size.toSeconds();
        if (seconds == 0) {
            return "T+0";
        }
        if (seconds < 60) {
            return sign + seconds + "s";
        }
        long minutes = size.toMinutes();
        if (minutes < 60) {
            return sign + minutes + " min";
        }
        return sign + minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /**
     * Renders the timeline for a console: one line per entry, offset, time, who, what, details.
     *
     * @return the lines
     */
    public List<String> renderText() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-11s  %-19s  %-16s  %-22s  %s", "T", "TIME (UTC)", "WHO", "WHAT",
                "DETAILS"));
        for (Entry entry : entries) {
            lines.add(String.format(Locale.ROOT, "%-11s  %-19s  %-16s  %-22s  %s", offset(entry.time()),
                    TIME.format(entry.time()), entry.who(), entry.what(), entry.details()));
        }
        return lines;
    }

    /**
     * Renders the timeline as a Markdown table, for the post-mortem.
     *
     * @return the table, one line per row
     */
    public String renderMarkdown() {
        StringBuilder table = new StringBuilder("| T | Time (UTC) | Who | What | Details |\n|---|---|---|---|---|\n");
        for (Entry entry : entries) {
            table.append("| ").append(offset(entry.time())).append(" | ").append(TIME.format(entry.time()))
                    .append(" | ").append(cell(entry.who())).append(" | ").append(cell(entry.what())).append(" | ")
                    .append(cell(entry.details())).append(" |\n");
        }
        return table.toString();
    }

    private static String cell(final String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /**
     * Returns the messages of the timeline of a type, for example every {@code deploy.completed}.
     *
     * @param prefix a type or the start of types, for example {@code deploy.} or {@code approval.granted}
     * @return the messages, oldest first
     */
    public List<Message> messages(final String prefix) {
        return entries.stream().map(Entry::message).filter(Objects::nonNull).map(Objects::requireNonNull)
                .filter(message -> message.getType().startsWith(prefix)).toList();
    }

    /**
     * One line of the timeline.
     *
     * @param time when
     * @param who the bot that sent the message, or who acted on the incident
     * @param what the message type, or the incident event's kind
     * @param details the message's summary, or the event's text
     * @param message the message, or {@code null} for an incident event
     */
    public record Entry(Instant time, String who, String what, String details, @CheckForNull Message message) {
        /**
         * Checks the fields.
         */
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(details, "details");
        }
    }

    /**
     * A message and its place in the journal.
     */
    private record Indexed(Message message, long index) {
    }

    /**
     * Picks the messages of one incident while the journal streams by. Approvals are kept aside until the end, when
     * it is known which runs the timeline touches.
     */
    private static final class Collector {
        private final Incident incident;
        private final Instant from;
        @CheckForNull
        private final Instant until;
        private final Set<String> runs = new HashSet<>();
        private final Set<String> links;
        private final List<Indexed> kept = new ArrayList<>();
        private final List<Indexed> approvals = new ArrayList<>();
        private long index;

        Collector(final Incident incident, final Duration window) {
            this.incident = incident;
            this.from = incident.openedAt().minus(window);
            this.until = incident.firstEvent(IncidentEvent.RESOLVED).map(IncidentEvent::time).orElse(null);
            this.links = new HashSet<>(incident.links());
        }

        void offer(final Message message) {
            index++;
            if (message.getType().startsWith(INCIDENT) && isThisIncident(message)) {
                return;
            }
            String run = message.getCorrelationId().orElse(null);
            boolean linked = links.contains(message.getId()) || run != null && links.contains(run);
            boolean inWindow = !message.getTime().isBefore(from) && (until == null || !message.getTime()
                    .isAfter(until));
            if (linked || inWindow && isAbout(message)) {
                kept.add(new Indexed(message, index));
                if (run != null) {
                    runs.add(run);
                }
            }
            else if (inWindow && message.getType().startsWith(APPROVAL)) {
                approvals.add(new Indexed(message, index));
            }
        }

        private boolean isThisIncident(final Message message) {
            return message.getPayloadField("incident_id").map(JsonNode::asText).filter(incident.id()::equals)
                    .isPresent();
        }

        /**
         * A message is about the incident when it names its environment and no other service, or its service and no
         * other environment.
         */
        private boolean isAbout(final Message message) {
            Optional<String> environment = text(message, "environment");
            Optional<String> service = text(message, "service");
            boolean sameEnvironment = environment.filter(incident.environment()::equals).isPresent();
            boolean sameService = service.filter(incident.service()::equals).isPresent();
            return sameEnvironment && (service.isEmpty() || sameService)
                    || sameService && (environment.isEmpty() || sameEnvironment);
        }

        private static Optional<String> text(final Message message, final String field) {
            return message.getPayloadField(field).filter(JsonNode::isTextual).map(JsonNode::asText);
        }

        IncidentTimeline build() {
            for (Indexed approval : approvals) {
                if (approval.message().getCorrelationId().filter(runs::contains).isPresent()) {
                    kept.add(approval);
                }
            }
            // journal order within one moment; the incident's events after the messages of their moment
            kept.sort(Comparator.comparing((Indexed indexed) -> indexed.message().getTime())
                    .thenComparingLong(Indexed::index));
            List<Entry> entries = new ArrayList<>();
            for (Indexed indexed : kept) {
                Message message = indexed.message();
                entries.add(new Entry(message.getTime(), message.getSource(), message.getType(),
                        MessageSummary.of(message), message));
            }
            for (IncidentEvent event : incident.events()) {
                entries.add(new Entry(event.time(), event.actor(), event.kind(), event.text(), null));
            }
            entries.sort(Comparator.comparing(Entry::time));
            Instant zero = kept.stream().map(Indexed::message)
                    .filter(message -> AlertTriggered.TYPE.equals(message.getType()))
                    .map(Message::getTime).min(Comparator.naturalOrder()).orElse(incident.openedAt());
            return new IncidentTimeline(incident, entries, zero);
        }
    }
}
