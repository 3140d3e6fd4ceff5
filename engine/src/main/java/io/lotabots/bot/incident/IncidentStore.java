package io.lotabots.bot.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
     * Returns every incident, oldest first. This holds every incident in memory at once: to list a store of any
     * size, use {@link #forEach}.
     *
     * @return the incidents
     */
    List<Incident> list();

    /**
     * Hands the incidents a query keeps to an action, one at a time, in the query's order, without holding them all
     * in memory: memory does not grow with the number of incidents in the store. The incidents are read as the
     * action goes; an incident changed meanwhile may be seen before or after the change. The action may use the
     * store.
     *
     * <p>The stores of the engine override this method; the default, for stores made for tests, filters
     * {@link #list()} and so holds every incident in memory.</p>
     *
     * @param query which incidents, in which order, how many
     * @param action what to do with each
     */
    default void forEach(final IncidentQuery query, final Consumer<? super Incident> action) {
        List<Incident> kept = new ArrayList<>(list().stream().filter(query::matches).toList());
        kept.sort(query.descending() ? Comparator.comparingLong(Incident::number).reversed()
                : Comparator.comparingLong(Incident::number));
        kept.stream().limit(query.limit() == 0 ? Long.MAX_VALUE : query.limit()).forEach(action);
    }

    /**
     * Returns the incidents a query keeps, in its order. Give the query a {@linkplain IncidentQuery#limit limit}:
     * the list holds them all.
     *
     * @param query which incidents, in which order, how many
     * @return the incidents
     */
    default List<Incident> list(final IncidentQuery query) {
        List<Incident> incidents = new ArrayList<>();
        forEach(query, incidents::add);
        return incidents;
    }

    /**
     * Returns where the store keeps its incidents, for logs and errors: a folder, or a database URL without its
     * password.
     *
     * @return for example {@code the incident folder '/work/.lotabots/incidents'}
     */
    default String location() {
        return getClass().getSimpleName();
    }

    /**
     * The outcome of {@link #open}.
     *
     * @param incident the incident
     * @param created {@code true} if it was opened now, {@code false} if an open one with its dedup key was updated
     */
    record Opened(Incident incident, boolean created) {
    }
}
