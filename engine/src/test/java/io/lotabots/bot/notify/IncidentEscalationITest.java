package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotSecret;
import io.lotabots.bot.incident.FileIncidentStore;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.incident.IncidentResult;
import io.lotabots.bot.incident.IncidentStatus;
import io.lotabots.bot.notify.FakeVendorServer.Request;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.IncidentUpdated;
import io.lotabots.message.Message;
import io.lotabots.util.ManualClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IncidentBot's escalation pass ({@code escalate} without an id) with IncidentPaging against the fake vendors: run
 * every 30 seconds it re-pages once and pages the secondary once, leaves acknowledged, mitigated and resolved
 * incidents alone, pages once when two passes run at once, and goes on past a vendor that fails.
 */
class IncidentEscalationITest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final String ON_CALL = "+41790000001";
    private static final String SECONDARY = "+41790000002";

    @TempDir
    private Path workspace;

    private final ManualClock clock = new ManualClock(START);
    private final List<Duration> slept = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private FakeVendorServer vendors;
    private Journal journal;

    @BeforeEach
    void start() {
        vendors = FakeVendorServer.start();
        journal = Journal.at(workspace.resolve(Journal.DEFAULT_PATH));
        environment.put(NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY, FakeVendorServer.PAGERDUTY_ROUTING_KEY);
        environment.put(IncidentPaging.PAGERDUTY_SECONDARY_ROUTING_KEY,
                FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY);
        environment.put(NotificationBotDescriptor.TWILIO_ACCOUNT_SID, FakeVendorServer.TWILIO_SID);
        environment.put(NotificationBotDescriptor.TWILIO_AUTH_TOKEN, FakeVendorServer.TWILIO_TOKEN);
        environment.put("USER", "monitor");
    }

    @AfterEach
    void stop() {
        journal.close();
        vendors.close();
    }

    private BotContext context() {
        MessageBus bus = MessageBus.builder().clock(clock).journal(journal).correlationId("cli/incident#1").build();
        return BotContext.builder(workspace).clock(clock).bus(bus).environment(environment).build();
    }

    private Map<String, Object> values(final Object... options) {
        Map<String, Object> values = new HashMap<>();
        values.put("pagerdutyUrl", vendors.pagerDutyUrl());
        values.put("twilioUrl", vendors.twilioUrl());
        values.put("smsFrom", "+15005550006");
        values.put("smsTo", ON_CALL);
        values.put("secondarySmsTo", SECONDARY);
        values.put("warRoom", "off");
        values.put("timeout", "5s");
        values.put("retries", 0);
        for (int i = 0; i < options.length; i += 2) {
            values.put((String) options[i], options[i + 1]);
        }
        return values;
    }

    private IncidentResult run(final Object... options) {
        return run(new IncidentPaging.Factory(slept::add), options);
    }

    private IncidentResult run(final IncidentResponders.Factory responders, final Object... options) {
        return new IncidentBot(responders).run(values(options), context());
    }

    private String open(final String service) {
        return run("action", "open", "service", service, "alertName", "HighErrorRate", "alertSeverity", "critical")
                .getIncident().orElseThrow().id();
    }

    private Incident stored(final String id) {
        return FileIncidentStore.in(workspace.resolve(".lotabots/incidents")).find(id).orElseThrow();
    }

    private List<JsonNode> triggers(final String routingKey, final String id) {
        return vendors.requests(Vendor.PAGERDUTY).stream().map(Request::json)
                .filter(event -> event.path("routing_key").asText().equals(routingKey))
                .filter(event -> event.path("dedup_key").asText().equals(id))
                .filter(event -> event.path("event_action").asText().equals("trigger")).toList();
    }

    private List<Request> sms(final String to) {
        return vendors.requests(Vendor.TWILIO).stream().filter(request -> to.equals(request.form().get("To")))
                .toList();
    }

    private static List<String> kinds(final Incident incident) {
        return incident.events().stream().map(IncidentEvent::kind).toList();
    }

    @Test
    void shouldRepageOnceAndPageTheSecondaryOnceWhenRunEveryThirtySecondsAndLeaveTheOthersAlone() {
        String triggered = open("checkout");
        String acknowledged = open("search");
        String mitigated = open("payments");
        String resolved = open("login");
        run("action", "acknowledge", "id", acknowledged);
        run("action", "update", "id", mitigated, "status", "mitigated");
        run("action", "resolve", "id", resolved);
        int pagerDutyBefore = vendors.requests(Vendor.PAGERDUTY).size();
        int smsBefore = vendors.requests(Vendor.TWILIO).size();

        List<String> summaries = new ArrayList<>();
        for (int pass = 1; pass <= 40; pass++) {
            clock.advance(Duration.ofSeconds(30));
            summaries.add(run("action", "escalate").getSummary());
        }

        assertThat(triggers(FakeVendorServer.PAGERDUTY_ROUTING_KEY, triggered)).hasSize(2);
        assertThat(triggers(FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY, triggered)).singleElement()
                .satisfies(event -> {
                    assertThat(event.path("payload").path("summary").asText()).startsWith(triggered + " P1");
                    assertThat(event.path("payload").path("severity").asText()).isEqualTo("critical");
                    assertThat(event.path("payload").path("source").asText()).isNotBlank();
                });
        assertThat(sms(ON_CALL)).hasSize(4 + 1);
        assertThat(sms(SECONDARY)).singleElement().satisfies(request -> assertThat(request.form().get("Body"))
                .contains("ESCALATED", triggered));
        assertThat(vendors.requests(Vendor.PAGERDUTY)).hasSize(pagerDutyBefore + 2);
        assertThat(vendors.requests(Vendor.TWILIO)).hasSize(smsBefore + 2);
        Incident escalated = stored(triggered);
        assertThat(escalated.firstEvent(IncidentPaging.REPAGED).orElseThrow().time())
                .isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(escalated.firstEvent(IncidentPaging.PAGED_SECONDARY).orElseThrow().time())
                .isEqualTo(START.plus(Duration.ofMinutes(15)));
        assertThat(kinds(escalated).stream().filter(kind -> kind.equals(IncidentPaging.REPAGED))).hasSize(1);
        assertThat(kinds(escalated).stream().filter(kind -> kind.equals(IncidentPaging.PAGED_SECONDARY))).hasSize(1);
        for (String left : List.of(acknowledged, mitigated, resolved)) {
            assertThat(kinds(stored(left))).doesNotContain(IncidentPaging.REPAGED, IncidentPaging.PAGED_SECONDARY);
            assertThat(triggers(FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY, left)).isEmpty();
        }
        // pass 10 runs 5 minutes after the incident opened, pass 30 after 15 minutes
        assertThat(summaries.get(8)).startsWith("Nothing to escalate now (1 triggered incident in ");
        assertThat(summaries.get(9)).isEqualTo("Escalated 1 of 1 triggered incident: 1 step(s)");
        assertThat(summaries.get(10)).startsWith("Nothing to escalate now");
        assertThat(summaries.get(29)).isEqualTo("Escalated 1 of 1 triggered incident: 1 step(s)");
        assertThat(journal.read(MessageFilter.ofTypes(IncidentUpdated.TYPE)).stream()
                .map(message -> message.payloadAs(IncidentUpdated.class))
                .filter(update -> "escalated".equals(update.change())).map(IncidentUpdated::incidentId))
                .containsExactly(triggered, triggered);
    }

    @Test
    void shouldPageOnceWhenTwoPassesRunAtOnce() throws Exception {
        String id = open("checkout");
        clock.advance(Duration.ofMinutes(6));
        CountDownLatch bothIn = new CountDownLatch(2);
        IncidentResponders.Factory gated = gated(new IncidentPaging.Factory(slept::add), bothIn);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<IncidentResult> first = pool.submit(() -> run(gated, "action", "escalate"));
            Future<IncidentResult> second = pool.submit(() -> run(gated, "action", "escalate"));
            List<String> summaries = List.of(first.get(30, TimeUnit.SECONDS).getSummary(),
                    second.get(30, TimeUnit.SECONDS).getSummary());

            assertThat(summaries).containsExactlyInAnyOrder("Escalated 1 of 1 triggered incident: 1 step(s)",
                    summaries.stream().filter(summary -> summary.startsWith("Nothing")).findFirst()
                            .orElse("Nothing to escalate now (missing)"));
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(triggers(FakeVendorServer.PAGERDUTY_ROUTING_KEY, id)).hasSize(2);
        assertThat(sms(ON_CALL)).hasSize(2);
        assertThat(kinds(stored(id)).stream().filter(kind -> kind.equals(IncidentPaging.REPAGED))).hasSize(1);
    }

    @Test
    void shouldRecordAVendorFailureOnItsIncidentAndEscalateTheOthers() {
        String first = open("checkout");
        String second = open("search");
        clock.advance(Duration.ofMinutes(5));
        vendors.fail(Vendor.PAGERDUTY, 503);

        IncidentResult result = run("action", "escalate", "smsTo", null, "secondarySmsTo", null);

        assertThat(result.getIncidents()).extracting(Incident::id).containsExactly(first, second);
        Incident failed = stored(first);
        assertThat(kinds(failed)).contains(IncidentEvent.WARNING, IncidentPaging.REPAGED);
        assertThat(failed.lastEvent(IncidentPaging.REPAGED).orElseThrow().text())
                .endsWith("re-paging the on-call failed");
        assertThat(stored(second).lastEvent(IncidentPaging.REPAGED).orElseThrow().text())
                .endsWith("PagerDuty triggered again");
        assertThat(triggers(FakeVendorServer.PAGERDUTY_ROUTING_KEY, second)).hasSize(2);
        assertThat(result.getLog().getInfoLines()).anySatisfy(line -> assertThat(line).contains(first, "503"));
    }

    @Test
    void shouldEscalateOnlyTheIncidentsOfTheGivenService() {
        String checkout = open("checkout");
        String search = open("search");
        clock.advance(Duration.ofMinutes(5));

        IncidentResult result = run("action", "escalate", "service", "search");

        assertThat(result.getIncidents()).extracting(Incident::id).containsExactly(search);
        assertThat(kinds(stored(checkout))).doesNotContain(IncidentPaging.REPAGED);
        assertThat(result.getOutputs()).containsEntry("ids", List.of(search));
    }

    /**
     * Wraps responders so that an escalation waits (at most a second) until a second one has started: with the
     * store's step around each escalation the second waits for the first, without it both page.
     */
    private static IncidentResponders.Factory gated(final IncidentResponders.Factory factory,
            final CountDownLatch bothIn) {
        return new IncidentResponders.Factory() {
            @Override
            public List<BotOption<?>> options() {
                return factory.options();
            }

            @Override
            public List<BotSecret> secrets() {
                return factory.secrets();
            }

            @Override
            public IncidentResponders create(final Map<String, ?> options, final BotContext context) {
                IncidentResponders real = factory.create(options, context);
                return new IncidentResponders() {
                    @Override
                    public Response opened(final Incident incident) {
                        return real.opened(incident);
                    }

                    @Override
                    public Response updated(final Incident incident, final IncidentEvent change) {
                        return real.updated(incident, change);
                    }

                    @Override
                    public Response acknowledged(final Incident incident) {
                        return real.acknowledged(incident);
                    }

                    @Override
                    public Response resolved(final Incident incident) {
                        return real.resolved(incident);
                    }

                    @Override
                    public Response escalate(final Incident incident, final Instant now) {
                        bothIn.countDown();
                        try {
                            bothIn.await(1, TimeUnit.SECONDS);
                        }
                        catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return real.escalate(incident, now);
                    }
                };
            }
        };
    }
}
