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
