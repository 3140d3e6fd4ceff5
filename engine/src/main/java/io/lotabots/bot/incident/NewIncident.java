package io.lotabots.bot.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known when an incident is opened, or when an alert with the same dedup key arrives again.
 *
 * @param title what is wrong
 * @param severity P1 to P4
 * @param service the service affected
 * @param environment the environment affected
 * @param dedupKey the key that finds an open incident to update instead
 * @param actor who opens it, for example {@code MonitorBot} or a user name
 * @param time when
 * @param links the runs and messages involved
 */
public record NewIncident(String title, IncidentSeverity severity, String service, String environment,
        String dedupKey, String actor, Instant time, List<String> links) {
    /**
     * Checks the fields and copies the links.
     */
    public NewIncident {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        links = List.copyOf(links);
    }
}
