package io.lotabots.bot.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's own history: opened, acknowledged, a note, a change of severity or status, resolved.
 *
 * @param time when it happened
 * @param kind what happened, for example {@code opened}, {@code note}, {@code acknowledged}
 * @param actor who did it, for example a user name or a bot
 * @param text what was said or changed
 */
public record IncidentEvent(Instant time, String kind, String actor, String text) {
    /** The incident was opened. */
    public static final String OPENED = "opened";
    /** The alert of an open incident came again. */
    public static final String REPEATED = "repeated";
    /** Someone took the incident. */
    public static final String ACKNOWLEDGED = "acknowledged";
    /** A note. */
    public static final String NOTE = "note";
    /** The summary was written or changed; the last one counts. */
    public static final String SUMMARY = "summary";
    /** A change of title, severity, commander or status other than those with a kind of their own. */
    public static final String UPDATED = "updated";
    /** The impact ended. */
    public static final String MITIGATED = "mitigated";
    /** The incident was closed. */
    public static final String RESOLVED = "resolved";
    /** The post-mortem draft was written. */
    public static final String POSTMORTEM = "postmortem";
    /** Responders could not do something; the incident goes on. */
    public static final String WARNING = "warning";

    /**
     * Checks the fields.
     */
    public IncidentEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
    }
}
