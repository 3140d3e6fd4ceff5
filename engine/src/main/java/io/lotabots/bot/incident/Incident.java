package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as the store keeps it.
 *
 * @param id the stable id, {@code INC-<number>}
 * @param title what is wrong, in a line
 * @param severity P1 to P4
 * @param status where it is in its lifecycle
 * @param service the service affected
 * @param environment the environment affected
 * @param dedupKey the key that makes an alert update this incident instead of opening another while it is open;
 *        by default {@code <service>/<alert name>}, as PagerDuty's dedup_key
 * @param commander who leads it, or {@code null} until someone acknowledges it
 * @param openedAt when it was opened
 * @param updatedAt when it last changed
 * @param links the runs and messages involved (correlation ids, message ids, URLs)
 * @param events its own history, oldest first
 */
public record Incident(String id, String title, IncidentSeverity severity, IncidentStatus status, String service,
        String environment, String dedupKey, @CheckForNull String commander, Instant openedAt, Instant updatedAt,
        List<String> links, List<IncidentEvent> events) {
    /** The prefix of every id. */
    public static final String ID_PREFIX = "INC-";

    /**
     * Checks the fields and copies the lists.
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        links = List.copyOf(links);
        events = List.copyOf(events);
    }

    /**
     * Returns the number of the id.
     *
     * @return the number, for example 12 for {@code INC-12}
     */
    public long number() {
        return Long.parseLong(id.substring(ID_PREFIX.length()));
    }

    /**
     * Returns this incident with one more event, changed at the event's time.
     *
     * @param event the event
     * @return the changed incident
     */
    public Incident with(final IncidentEvent event) {
        List<IncidentEvent> more = new ArrayList<>(events);
        more.add(event);
        return new Incident(id, title, severity, status, service, environment, dedupKey, commander, openedAt,
                event.time(), links, more);
    }

    /**
     * Returns this incident in another status.
     *
     * @param next the status
     * @return the changed incident
     */
    public Incident withStatus(final IncidentStatus next) {
        return new Incident(id, title, severity, next, service, environment, dedupKey, commander, openedAt, updatedAt,
                links, events);
    }

    /**
     * Returns this incident with a commander.
     *
     * @param who who leads it
     * @return the changed incident
     */
    public Incident withCommander(final String who) {
        return new Incident(id, title, severity, status, service, environment, dedupKey, who, openedAt, updatedAt,
                links, events);
    }

    /**
     * Returns this incident with other values for what a person may change: title, severity, status and commander.
     *
     * @param newTitle the title
     * @param newSeverity the severity
     * @param newStatus the status
     * @param newCommander who leads it, or {@code null}
     * @return the changed incident
     */
    public Incident with(final String newTitle, final IncidentSeverity newSeverity, final IncidentStatus newStatus,
            @CheckForNull final String newCommander) {
        return new Incident(id, newTitle, newSeverity, newStatus, service, environment, dedupKey, newCommander,
                openedAt, updatedAt, links, events);
    }

    /**
     * Returns this incident with more links and events, those it already has left out.
     *
     * @param moreLinks links to add
     * @param moreEvents events to add, in order
     * @return the changed incident
     */
    public Incident withAdded(final List<String> moreLinks, final List<IncidentEvent> moreEvents) {
        List<String> allLinks = new ArrayList<>(links);
        moreLinks.stream().filter(link -> !allLinks.contains(link)).forEach(allLinks::add);
        List<IncidentEvent> allEvents = new ArrayList<>(events);
        allEvents.addAll(moreEvents);
        Instant changed = moreEvents.isEmpty() ? updatedAt : moreEvents.get(moreEvents.size() - 1).time();
        return new Incident(id, title, severity, status, service, environment, dedupKey, commander, openedAt,
                changed.isAfter(updatedAt) ? changed : updatedAt, allLinks, allEvents);
    }

    /**
     * Returns the first event of a kind.
     *
     * @param kind the kind, for example {@code acknowledged}
     * @return the event, or empty if there is none
     */
    public Optional<IncidentEvent> firstEvent(final String kind) {
        return events.stream().filter(event -> event.kind().equals(kind)).findFirst();
    }

    /**
     * Returns the last event of a kind.
     *
     * @param kind the kind, for example {@code summary}
     * @return the event, or empty if there is none
     */
    public Optional<IncidentEvent> lastEvent(final String kind) {
        IncidentEvent last = null;
        for (IncidentEvent event : events) {
            if (event.kind().equals(kind)) {
                last = event;
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Returns the summary: the text of the last {@code summary} event, what is known about the cause and impact.
     *
     * @return the summary, or empty if nobody wrote one
     */
    public Optional<String> summary() {
        return lastEvent(IncidentEvent.SUMMARY).map(IncidentEvent::text);
    }
}
