package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link IncidentStore} does; each store's test extends this class and says how to make a store.
 */
abstract class IncidentStoreContract {
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** Returns a new, empty store; called once per test. */
    abstract IncidentStore store();

    /** Returns another store on the same data, as a second process would see it. */
    abstract IncidentStore sameDataElsewhere();

    static NewIncident alert(final String name, final Instant time) {
        return new NewIncident("High error rate on shop: " + name, IncidentSeverity.P2, "shop", "production",
                "shop/" + name, "MonitorBot", time, List.of("cli/run-" + name));
    }

    @Test
    void shouldOpenIncidentsWithSequentialIdsAndTheirFirstEvent() {
        IncidentStore store = store();

        IncidentStore.Opened first = store.open(alert("error-rate", T0));
        IncidentStore.Opened second = store.open(alert("latency", T0.plusSeconds(5)));

        assertThat(first.created()).isTrue();
        assertThat(first.incident().id()).isEqualTo("INC-1");
        assertThat(second.incident().id()).isEqualTo("INC-2");
        Incident incident = store.find("INC-1").orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.P2);
        assertThat(incident.links()).containsExactly("cli/run-error-rate");
        assertThat(incident.events()).extracting(IncidentEvent::kind, IncidentEvent::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("opened", "MonitorBot"));
        assertThat(store.list()).extracting(Incident::id).containsExactly("INC-1", "INC-2");
    }

    @Test
    void shouldUpdateTheOpenIncidentOfTheSameDedupKeyInsteadOfOpeningAnother() {
        IncidentStore store = store();
        store.open(alert("error-rate", T0));

        IncidentStore.Opened again = store.open(new NewIncident("High error rate on shop: error-rate",
                IncidentSeverity.P2, "shop", "production", "shop/error-rate", "MonitorBot", T0.plusSeconds(60),
                List.of("cli/run-later")));

        assertThat(again.created()).isFalse();
        assertThat(again.incident().id()).isEqualTo("INC-1");
        assertThat(again.incident().links()).containsExactly("cli/run-error-rate", "cli/run-later");
        assertThat(again.incident().events()).extracting(IncidentEvent::kind).containsExactly("opened", "repeated");
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void shouldOpenANewIncidentOnceTheOneWithTheDedupKeyIsResolvedAndNeverReuseANumber() {
        IncidentStore store = store();
        store.open(alert("error-rate", T0));
        store.update("INC-1", incident -> incident.withStatus(IncidentStatus.RESOLVED)
                .with(new IncidentEvent(T0.plusSeconds(600), "resolved", "alice", "rolled back")));

        IncidentStore.Opened next = store.open(alert("error-rate", T0.plusSeconds(900)));

        assertThat(next.created()).isTrue();
        assertThat(next.incident().id()).isEqualTo("INC-2");
        assertThat(store.find("INC-1").orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(store.find("INC-1").orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void shouldKeepEveryChangeAcrossStoresOnTheSameData() {
        IncidentStore store = store();
        store.open(alert("error-rate", T0));

        sameDataElsewhere().update("INC-1", incident -> incident.withCommander("alice")
                .withStatus(IncidentStatus.ACKNOWLEDGED)
                .with(new IncidentEvent(T0.plusSeconds(30), "acknowledged", "alice", "on it")));

        Incident seen = store.find("INC-1").orElseThrow();
        assertThat(seen.commander()).isEqualTo("alice");
        assertThat(seen.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(sameDataElsewhere().open(alert("latency", T0)).incident().id()).isEqualTo("INC-2");
    }

    @Test
    void shouldRefuseIdsThatAreNotIncidentIdsAndSayWhatOneLooksLike() {
        IncidentStore store = store();

        for (String id : List.of("INC-0", "inc-1", "INC-1/../../x", "../INC-1", "INC-", "INC-1x", "12")) {
            assertThatThrownBy(() -> store.find(id)).as(id).isInstanceOfSatisfying(LotaBotsException.class,
                    e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.INVALID_INPUT))
                    .hasMessageContaining("for example INC-12");
        }
        assertThat(store.find("INC-99")).isEmpty();
        assertThatThrownBy(() -> store.update("INC-99", incident -> incident))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.NOT_FOUND))
                .hasMessageContaining("There is no incident INC-99");
    }

    @Test
    void shouldGiveEveryConcurrentOpenItsOwnNumberAndLoseNoUpdate() throws Exception {
        IncidentStore store = store();
        int threads = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ids.add(store.open(alert("t" + thread + "-" + i, T0)).incident().id());
                        // every thread also notes on the first incident: no note may be lost
                        store.update("INC-1", incident -> incident.with(new IncidentEvent(T0, "note", "t" + thread,
                                "note")));
                    }
                    return ids;
                }));
            }
            Set<String> ids = new TreeSet<>();
            for (Future<List<String>> future : futures) {
                ids.addAll(future.get(2, TimeUnit.MINUTES));
            }
            assertThat(ids).hasSize(threads * each);
            assertThat(store.list()).extracting(Incident::number)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * each).boxed()
                            .toList());
            assertThat(store.find("INC-1").orElseThrow().events()).filteredOn(e -> e.kind().equals("note"))
                    .hasSize(threads * each);
        }
        finally {
            pool.shutdownNow();
        }
    }
}
