package io.lotabots.benchmarks;

import com.sun.net.httpserver.HttpServer;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentAction;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentRequest;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.incident.IncidentResult;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures opening an incident and sending its page, apart from the vendor's answer: IncidentBot's {@code open} with
 * the file store (one JSON document written durably, the counter, the folder's OS lock), the {@code incident.created}
 * message appended to a journal, and responders that POST a PagerDuty Events v2 trigger to a local HTTP endpoint
 * that answers 202 at once, after which the page event is added to the incident (a second durable write).
 *
 * <ul>
 *     <li>{@code openAndPage}: a new incident each call (a new dedup key);</li>
 *     <li>{@code repeatAndPage}: the same alert again, which adds the repeat to the open incident.</li>
 * </ul>
 *
 * <p>{@code pageOnly} sends the same trigger without IncidentBot: the endpoint's and the HTTP client's share. The
 * endpoint runs with {@code sun.net.httpserver.nodelay=true}: without it, the JDK's HTTP server answers a small
 * request only after the 40 ms of delayed acknowledgement, which is not the vendor's time nor IncidentBot's.</p>
 *
 * <p>The store and the journal start empty at each iteration, so that the store holds at most the incidents of one
 * iteration (the file store reads every incident to find an open one with the dedup key).</p>
 *
 * <p>The aim (issue 16): under 50 ms.</p>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
        justification = "JMH calls the @Setup methods, which set the fields, before any benchmark method")
public class IncidentOpenBenchmark {
    private HttpServer server;
    private URI endpoint;
    private Path folder;
    private Journal journal;
    private BotContext context;
    private IncidentBot bot;
    private long alerts;

    /**
     * Starts the endpoint that answers every page at once.
     *
     * @throws IOException if it cannot listen
     */
    @Setup(Level.Trial)
    public void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/enqueue", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            byte[] answer = "{\"status\":\"success\",\"message\":\"Event processed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
        bot = new IncidentBot(new PagingFactory());
    }

    /**
     * Starts an empty store and journal.
     *
     * @throws IOException if the folder cannot be made
     */
    @Setup(Level.Iteration)
    public void emptyStore() throws IOException {
        folder = Files.createTempDirectory("lotabots-incidents-");
        journal = Journal.at(folder.resolve(Journal.DEFAULT_PATH));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        context = BotContext.builder(folder).http(http).bus(MessageBus.builder().journal(journal)
                .correlationId("bench#1").build()).build();
        alerts = 0;
    }

    /**
     * Deletes the store and journal of the iteration.
     *
     * @throws IOException if they cannot be deleted
     */
    @TearDown(Level.Iteration)
    public void deleteStore() throws IOException {
        journal.close();
        ScratchFolders.delete(folder);
    }

    /**
     * Stops the endpoint.
     */
    @TearDown(Level.Trial)
    public void stopEndpoint() {
        server.stop(0);
    }

    /**
     * Opens a new incident and pages.
     *
     * @return the result
     */
    @Benchmark
    public IncidentResult openAndPage() {
        alerts++;
        return open("HighErrorRate" + alerts);
    }

    /**
     * Adds a repeat of the same alert to the open incident and pages.
     *
     * @return the result
     */
    @Benchmark
    public IncidentResult repeatAndPage() {
        return open("HighErrorRate");
    }

    /**
     * Sends one trigger to the endpoint, without IncidentBot.
     *
     * @return the status code
     * @throws IOException if the endpoint does not answer
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public int pageOnly() throws IOException, InterruptedException {
        return context.getHttp().send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"routing_key\":\"R0123456789\",\"event_action\":\"trigger\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private IncidentResult open(final String alert) {
        IncidentRequest request = IncidentRequest.builder(IncidentAction.OPEN).set("service", "web")
                .set("environment", "production").set("alertName", alert).set("alertSeverity", "critical")
                .set("by", "MonitorBot").build();
        IncidentResult result = bot.run(request, context);
        if (result.getIncident().orElseThrow().events().stream().noneMatch(event -> "paged".equals(event.kind()))) {
            throw new IllegalStateException("The page was not recorded: " + result.getIncident());
        }
        return result;
    }

    /**
     * Responders that send a PagerDuty Events v2 trigger to the local endpoint and record the page.
     */
    private final class PagingFactory implements IncidentResponders.Factory {
        @Override
        public List<BotOption<?>> options() {
            return List.of();
        }

        @Override
        public IncidentResponders create(final Map<String, ?> options, final BotContext runContext) {
            return new IncidentResponders() {
                private Response page(final Incident incident, final String action) {
                    String body = "{\"routing_key\":\"R0123456789\",\"event_action\":\"" + action + "\",\"dedup_key\":\""
                            + incident.id() + "\",\"payload\":{\"summary\":\"" + incident.title() + "\",\"source\":\""
                            + incident.service() + "\",\"severity\":\"critical\"}}";
                    try {
                        HttpResponse<String> answer = runContext.getHttp().send(HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return new Response(List.of(new IncidentEvent(Instant.now(), "paged", "PagerDuty",
                                action + " " + answer.statusCode())), List.of("pagerduty:" + incident.id()));
                    }
                    catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public Response opened(final Incident incident) {
                    return page(incident, "trigger");
                }

                @Override
                public Response updated(final Incident incident, final IncidentEvent change) {
                    return page(incident, "trigger");
                }

                @Override
                public Response acknowledged(final Incident incident) {
                    return page(incident, "acknowledge");
                }

                @Override
                public Response resolved(final Incident incident) {
                    return page(incident, "resolve");
                }

                @Override
                public Response escalate(final Incident incident, final Instant now) {
                    return Response.NOTHING;
                }
            };
        }
    }
}
