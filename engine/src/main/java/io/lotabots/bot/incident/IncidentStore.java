package io.lotabots.bot.incident;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where incidents live, shared by every process that acts on them. Implementations give every new incident the
 * next number, never reused, also when several processes open incidents at the same moment, and apply each change
 * as one step, so that two updates of one incident never lose each other's events.
 */
public interface IncidentStore {
    /**
     * Opens an incident, or, when an open incident has the same dedup key, adds the repeat to it.
     *
     * @param request what is known
     * @return the incident and whether it was opened now
     */
    Opened open(NewIncident request);

    /**
     * Returns an incident.
     *
     * @param id its id, {@code INC-<number>}
     * @return the incident, or empty if there is none with this id
     */
    Optional<Incident> find(String id);

    /**
     * Changes an incident as one step: no other change of it runs in between.
     *
     * @param id its id
     * @param change what to change
     * @return the changed incident
     * @throws io.lotabots.error.LotaBotsException with {@link IncidentErrorCode#NOT_FOUND} if there is none
     */
    Incident update(String id, UnaryOperator<Incident> change);

    /**
     * Returns every incident, oldest first.
     *
     * @return the incidents
     */
    List<Incident> list();

    /**
     * The outcome of {@link #open}.
     *
     * @param incident the incident
     * @param created {@code true} if it was opened now, {@code false} if an open one with its dedup key was updated
     */
    record Opened(Incident incident, boolean created) {
    }
}
