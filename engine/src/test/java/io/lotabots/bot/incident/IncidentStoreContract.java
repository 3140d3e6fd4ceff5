package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.ChildJvm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
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

    /** Returns the setting that {@link IncidentStores#open} reads to open the same data in another process. */
    abstract String setting();

    /** Returns the secrets that setting needs, passed to other processes as environment variables. */
    abstract Map<String, String> secrets();

    /**
     * Fills the empty store of this test quickly (see {@link IncidentFixtures}).
     *
     * @param count how many incidents
     * @param openEvery every how many one is open
     * @param events how many events each has
     */
    abstract void fill(int count, int openEvery, int events) throws Exception;

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

    @Test
    void shouldGiveEveryIncidentItsOwnNumberWhenSeveralProcessesOpenAtOnce() throws Exception {
        store();
        int processes = 3;
        int each = 15;
        List<ChildJvm.Result> results = inChildren(processes, p -> new String[] {"open", setting(), "p" + p,
            String.valueOf(each)});

        for (ChildJvm.Result result : results) {
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        List<Incident> incidents = sameDataElsewhere().list();
        assertThat(incidents).extracting(Incident::number)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, processes * each).boxed()
                        .toList());
        assertThat(incidents).extracting(Incident::dedupKey).doesNotHaveDuplicates();
    }

    @Test
    void shouldMakeOneIncidentWithEveryRepeatWhenSeveralProcessesOpenTheSameAlertAtOnce() throws Exception {
        store();
        int processes = 3;
        int each = 5;
        List<ChildJvm.Result> results = inChildren(processes, p -> new String[] {"same", setting(), "p" + p,
            String.valueOf(each)});

        for (ChildJvm.Result result : results) {
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        List<Incident> incidents = sameDataElsewhere().list();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).events()).extracting(IncidentEvent::kind).filteredOn("opened"::equals)
                .hasSize(1);
        assertThat(incidents.get(0).events()).hasSize(processes * each);
        assertThat(incidents.get(0).links()).hasSize(processes * each);
    }

    @Test
    void shouldListByStatusServiceAndEnvironmentInEitherOrderUpToALimit() {
        IncidentStore store = store();
        store.open(alert("a", T0));
        store.open(new NewIncident("Disk full", IncidentSeverity.P3, "search", "production", "search/disk", "bob",
                T0, List.of()));
        store.open(new NewIncident("Slow", IncidentSeverity.P4, "shop", "staging", "shop/slow", "bob", T0,
                List.of()));
        store.open(alert("b", T0));
        store.update("INC-4", incident -> incident.withStatus(IncidentStatus.ACKNOWLEDGED));
        store.update("INC-1", incident -> incident.withStatus(IncidentStatus.RESOLVED));

        assertThat(store.list(IncidentQuery.open())).extracting(Incident::id).containsExactly("INC-2", "INC-3",
                "INC-4");
        assertThat(store.list(IncidentQuery.open().newestFirst())).extracting(Incident::id)
                .containsExactly("INC-4", "INC-3", "INC-2");
        assertThat(store.list(IncidentQuery.open().service("shop"))).extracting(Incident::id)
                .containsExactly("INC-3", "INC-4");
        assertThat(store.list(IncidentQuery.open().service("shop").environment("production")))
                .extracting(Incident::id).containsExactly("INC-4");
        assertThat(store.list(IncidentQuery.all().statuses(IncidentStatus.ACKNOWLEDGED, IncidentStatus.RESOLVED)))
                .extracting(Incident::id).containsExactly("INC-1", "INC-4");
        assertThat(store.list(IncidentQuery.all().statuses(IncidentStatus.RESOLVED))).extracting(Incident::id)
                .containsExactly("INC-1");
        assertThat(store.list(IncidentQuery.all().newestFirst().limit(2))).extracting(Incident::id)
                .containsExactly("INC-4", "INC-3");
        assertThat(store.list(IncidentQuery.all().limit(1))).extracting(Incident::id).containsExactly("INC-1");
        assertThat(store.list(IncidentQuery.all().environment("nowhere"))).isEmpty();
        assertThat(store.list(IncidentQuery.all())).extracting(Incident::id)
                .containsExactlyElementsOf(store.list().stream().map(Incident::id).toList());
    }

    @Test
    void shouldLetTheActionOfAListingChangeTheStore() {
        IncidentStore store = store();
        store.open(alert("a", T0));
        store.open(alert("b", T0));

        store.forEach(IncidentQuery.open(), incident -> store.update(incident.id(),
                found -> found.withStatus(IncidentStatus.RESOLVED)));

        assertThat(store.list(IncidentQuery.open())).isEmpty();
        assertThat(store.list()).extracting(Incident::status).containsOnly(IncidentStatus.RESOLVED);
    }

    @Test
    void shouldRefuseToReopenAnIncidentWhileAnotherIsOpenWithItsDedupKey() {
        IncidentStore store = store();
        store.open(alert("error-rate", T0));
        store.update("INC-1", incident -> incident.withStatus(IncidentStatus.RESOLVED));
        store.open(alert("error-rate", T0.plusSeconds(60)));

        assertThatThrownBy(() -> store.update("INC-1", incident -> incident.withStatus(IncidentStatus.TRIGGERED)))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(IncidentErrorCode.INVALID_INPUT))
                .hasMessageContaining("INC-2 is open with it");
        assertThat(store.find("INC-1").orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        store.update("INC-2", incident -> incident.withStatus(IncidentStatus.RESOLVED));
        assertThat(store.update("INC-1", incident -> incident.withStatus(IncidentStatus.TRIGGERED)).status())
                .isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(store.open(alert("error-rate", T0.plusSeconds(120))).incident().id()).isEqualTo("INC-1");
    }

    @Test
    void shouldListALargeStoreInASmallHeapWhereHoldingItWouldNotFit() throws Exception {
        store();
        int count = 12_000;
        int openEvery = 75;
        fill(count, openEvery, 25);

        ChildJvm.Result streamed = ChildJvm.run(secrets(), "48m", StoreChild.class, "count", setting());
        ChildJvm.Result held = ChildJvm.run(secrets(), "48m", StoreChild.class, "hold", setting());

        assertThat(streamed.exitCode()).as(streamed.output()).isZero();
        assertThat(streamed.output()).contains("all=" + count + " open=" + IncidentFixtures.openOf(count, openEvery)
                + " open-shop=" + IncidentFixtures.openOf(count, openEvery) / 2 + " newest=INC-" + count);
        // the control: the same incidents held in a list do not fit into the heap
        assertThat(held.exitCode()).as(held.output()).isNotZero();
        assertThat(held.output()).contains("OutOfMemoryError");
    }

    private List<ChildJvm.Result> inChildren(final int processes,
            final java.util.function.IntFunction<String[]> arguments) throws Exception {
        List<CompletableFuture<ChildJvm.Result>> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            String[] args = arguments.apply(p);
            children.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ChildJvm.run(secrets(), "64m", StoreChild.class, args);
                }
                catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<ChildJvm.Result> results = new ArrayList<>();
        for (CompletableFuture<ChildJvm.Result> child : children) {
            results.add(child.get(4, TimeUnit.MINUTES));
        }
        return results;
    }

    /**
     * Acts on a store from a child JVM, opened through {@link IncidentStores#open} with the secrets of the
     * environment: {@code open SETTING NAME COUNT} opens COUNT incidents of their own, {@code same SETTING NAME COUNT}
     * opens the same alert COUNT times, {@code count SETTING} lists the store through
     * {@link IncidentStore#forEach} and prints what it counted, {@code hold SETTING} holds every incident in a list.
     */
    static final class StoreChild {
        private StoreChild() {
        }

        public static void main(final String[] args) {
            IncidentStore store = IncidentStores.open(args[1], Path.of("."), Path.of("."), System.getenv());
            switch (args[0]) {
                case "open" -> {
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        store.open(alert(args[2] + "-" + i, T0));
                    }
                }
                case "same" -> {
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        store.open(new NewIncident("High error rate", IncidentSeverity.P1, "shop", "production",
                                "shop/error-rate", args[2], T0.plusSeconds(i), List.of(args[2] + "-" + i)));
                    }
                }
                case "count" -> {
                    long[] all = new long[1];
                    store.forEach(IncidentQuery.all(), incident -> all[0]++);
                    long[] open = new long[1];
                    store.forEach(IncidentQuery.open(), incident -> open[0]++);
                    long[] shop = new long[1];
                    store.forEach(IncidentQuery.open().service(IncidentFixtures.EVEN_SERVICE), incident -> shop[0]++);
                    String newest = store.list(IncidentQuery.all().newestFirst().limit(1)).get(0).id();
                    System.out.println("all=" + all[0] + " open=" + open[0] + " open-shop=" + shop[0] + " newest="
                            + newest);
                }
                case "hold" -> System.out.println("held " + store.list().size());
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }
}
