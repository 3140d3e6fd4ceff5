package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an IncidentBot run did: the incident it acted on (or the incidents it listed), whether it opened a new one,
 * its timeline for show and postmortem, the post-mortem's file, and the messages it published.
 *
 * <p>{@link #getOutputs()} gives a Pipeline {@code action}, {@code id}, {@code created}, {@code status},
 * {@code severity}, {@code title}, {@code service}, {@code environment}, {@code commander}, {@code postmortem} (the
 * draft's path), {@code ids} (list) and {@code incidents} (list of maps, for list), and {@code timeline} (list of
 * maps with {@code offset}, {@code time}, {@code who}, {@code what}, {@code details}).</p>
 */
public final class IncidentResult extends AbstractBotResult {
    private final IncidentAction action;
    private final List<Incident> incidents;
    private final boolean created;
    @CheckForNull
    private final IncidentTimeline timeline;
    @CheckForNull
    private final String postmortem;
    private final boolean pass;

    IncidentResult(final String summary, final EngineLog log, final List<Message> messages,
            final IncidentAction action, final List<Incident> incidents, final boolean created,
            @CheckForNull final IncidentTimeline timeline, @CheckForNull final String postmortem) {
        this(summary, log, messages, action, incidents, created, timeline, postmortem, action == IncidentAction.LIST);
    }

    /**
     * Creates the result; {@code pass} marks a result of many incidents (list, or an escalation pass over every
     * due incident) rather than of one.
     */
    IncidentResult(final String summary, final EngineLog log, final List<Message> messages,
            final IncidentAction action, final List<Incident> incidents, final boolean created,
            @CheckForNull final IncidentTimeline timeline, @CheckForNull final String postmortem,
            final boolean pass) {
        super(BotStatus.SUCCESS, summary, log, messages);
        this.pass = pass;
        this.action = action;
        this.incidents = List.copyOf(incidents);
        this.created = created;
        this.timeline = timeline;
        this.postmortem = postmortem;
    }

    /**
     * Returns the action.
     *
     * @return the action
     */
    public IncidentAction getAction() {
        return action;
    }

    /**
     * Returns the incident acted on.
     *
     * @return the incident as stored after the run, or empty for list and for an escalation pass over every due
     *         incident
     */
    public Optional<Incident> getIncident() {
        return pass || incidents.isEmpty() ? Optional.empty() : Optional.of(incidents.get(0));
    }

    /**
     * Returns the incidents listed, the incidents an escalation pass escalated, or the one acted on.
     *
     * @return the incidents
     */
    public List<Incident> getIncidents() {
        return incidents;
    }

    /**
     * Returns whether open opened a new incident rather than adding a repeat to an open one.
     *
     * @return {@code true} if a new one was opened
     */
    public boolean isCreated() {
        return created;
    }

    /**
     * Returns the timeline, for show and postmortem.
     *
     * @return the timeline, or empty
     */
    public Optional<IncidentTimeline> getTimeline() {
        return Optional.ofNullable(timeline);
    }

    /**
     * Returns where the post-mortem draft was written.
     *
     * @return the path, or empty
     */
    public Optional<String> getPostmortem() {
        return Optional.ofNullable(postmortem);
    }

    /**
     * Returns what a console shows below the summary: the incident and its timeline, or the list of incidents.
     *
     * @return the lines
     */
    public List<String> getDetails() {
        List<String> lines = new ArrayList<>();
        if (pass) {
            if (!incidents.isEmpty()) {
                lines.add(String.format(Locale.ROOT, "%-10s  %-4s  %-12s  %-16s  %-12s  %s", "ID", "SEV", "STATUS",
                        "SERVICE", "ENVIRONMENT", "TITLE"));
            }
            for (Incident incident : incidents) {
                lines.add(String.format(Locale.ROOT, "%-10s  %-4s  %-12s  %-16s  %-12s  %s", incident.id(),
                        incident.severity(), lower(incident.status()), incident.service(), incident.environment(),
                        incident.title()));
            }
            return lines;
        }
        getIncident().ifPresent(incident -> {
            lines.add(incident.id() + " " + incident.title());
            lines.add("  severity " + incident.severity() + ", " + lower(incident.status()) + ", " + incident.service()
                    + " in " + incident.environment() + ", commander " + (incident.commander() == null ? "none"
                            : incident.commander()) + ", dedup key " + incident.dedupKey());
            incident.summary().ifPresent(summary -> lines.add("  summary: " + summary));
        });
        if (timeline != null && action == IncidentAction.SHOW) {
            lines.add("");
            lines.addAll(timeline.renderText());
        }
        return lines;
    }

    private static String lower(final IncidentStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("action", action.word());
        getIncident().ifPresent(incident -> {
            outputs.putAll(describe(incident));
            outputs.put("created", created);
        });
        outputs.put("ids", incidents.stream().map(Incident::id).toList());
        if (pass) {
            outputs.put("incidents", incidents.stream().map(IncidentResult::describe).toList());
        }
        if (postmortem != null) {
            outputs.put("postmortem", postmortem);
        }
        if (timeline != null) {
            IncidentTimeline shown = timeline;
            outputs.put("timeline", shown.entries().stream().map(entry -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("offset", shown.offset(entry.time()));
                row.put("time", entry.time().toString());
                row.put("who", entry.who());
                row.put("what", entry.what());
                row.put("details", entry.details());
                return Collections.unmodifiableMap(row);
            }).toList());
        }
        return Collections.unmodifiableMap(outputs);
    }

    private static Map<String, Object> describe(final Incident incident) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", incident.id());
        values.put("title", incident.title());
        values.put("severity", incident.severity().name());
        values.put("status", lower(incident.status()));
        values.put("service", incident.service());
        values.put("environment", incident.environment());
        values.put("dedupKey", incident.dedupKey());
        values.put("commander", incident.commander() == null ? "" : incident.commander());
        values.put("openedAt", incident.openedAt().toString());
        values.put("updatedAt", incident.updatedAt().toString());
        values.put("summary", incident.summary().orElse(""));
        values.put("links", incident.links());
        return Collections.unmodifiableMap(values);
    }
}
