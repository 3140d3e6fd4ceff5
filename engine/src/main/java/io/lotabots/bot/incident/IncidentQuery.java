package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which incidents {@link IncidentStore#forEach} delivers, and in which order: any of some statuses, of one service,
 * of one environment, at most so many. Build one from {@link #all()} or {@link #open()}:
 * {@code IncidentQuery.open().service("shop").limit(20).newestFirst()}.
 *
 * @param statuses the statuses to keep; empty keeps every status
 * @param service the service to keep, or {@code null} for every service
 * @param environment the environment to keep, or {@code null} for every environment
 * @param limit the most incidents to deliver; 0 for no limit
 * @param descending {@code true} for the newest (highest number) first, {@code false} for the oldest first
 */
public record IncidentQuery(Set<IncidentStatus> statuses, @CheckForNull String service,
        @CheckForNull String environment, int limit, boolean descending) {
    /**
     * Checks the limit and copies the statuses.
     */
    public IncidentQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (limit < 0) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The limit of incidents to list is " + limit
                    + "; give a positive number, or 0 for no limit.");
        }
    }

    /**
     * Returns the query of every incident, oldest first.
     *
     * @return the query
     */
    public static IncidentQuery all() {
        return new IncidentQuery(Set.of(), null, null, 0, false);
    }

    /**
     * Returns the query of the open incidents (every status but {@link IncidentStatus#RESOLVED}), oldest first.
     *
     * @return the query
     */
    public static IncidentQuery open() {
        return all().statuses(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED, IncidentStatus.MITIGATED);
    }

    /**
     * Returns this query keeping only the given statuses.
     *
     * @param kept the statuses; none keeps every status
     * @return the changed query
     */
    public IncidentQuery statuses(final IncidentStatus... kept) {
        return new IncidentQuery(Set.copyOf(Arrays.asList(kept)), service, environment, limit, descending);
    }

    /**
     * Returns this query keeping only the given statuses.
     *
     * @param kept the statuses; empty keeps every status
     * @return the changed query
     */
    public IncidentQuery statuses(final Set<IncidentStatus> kept) {
        return new IncidentQuery(kept, service, environment, limit, descending);
    }

    /**
     * Returns this query keeping only one service.
     *
     * @param name the service, or {@code null} for every service
     * @return the changed query
     */
    public IncidentQuery service(@CheckForNull final String name) {
        return new IncidentQuery(statuses, name, environment, limit, descending);
    }

    /**
     * Returns this query keeping only one environment.
     *
     * @param name the environment, or {@code null} for every environment
     * @return the changed query
     */
    public IncidentQuery environment(@CheckForNull final String name) {
        return new IncidentQuery(statuses, service, name, limit, descending);
    }

    /**
     * Returns this query delivering at most some incidents.
     *
     * @param most how many; 0 for no limit
     * @return the changed query
     */
    public IncidentQuery limit(final int most) {
        return new IncidentQuery(statuses, service, environment, most, descending);
    }

    /**
     * Returns this query delivering the newest (highest number) first.
     *
     * @return the changed query
     */
    public IncidentQuery newestFirst() {
        return new IncidentQuery(statuses, service, environment, limit, true);
    }

    /**
     * Returns whether the query keeps only open incidents, so that a store may read only those.
     *
     * @return {@code true} if no status it keeps is {@link IncidentStatus#RESOLVED}
     */
    public boolean onlyOpen() {
        return !statuses.isEmpty() && !statuses.contains(IncidentStatus.RESOLVED);
    }

    /**
     * Returns whether an incident is one this query keeps (the limit aside).
     *
     * @param incident the incident
     * @return {@code true} if its status, service and environment match
     */
    public boolean matches(final Incident incident) {
        return (statuses.isEmpty() || statuses.contains(incident.status()))
                && (service == null || Objects.equals(service, incident.service()))
                && (environment == null || Objects.equals(environment, incident.environment()));
    }
}
