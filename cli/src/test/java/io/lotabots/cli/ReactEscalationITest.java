package io.lotabots.cli;

import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.incident.FileIncidentStore;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.notify.FakeVendorServer;
import io.lotabots.bot.notify.FakeVendorServer.Request;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.bot.notify.IncidentPaging;
import io.lotabots.bot.notify.NotificationBotDescriptor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: {@code lotabots react --once} and {@code lotabots incident escalate} without an id, in a child JVM with
 * the PagerDuty routing keys in its environment, escalate every due incident once against the fake PagerDuty.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReactEscalationITest {
    /** A rule that no test message matches: react runs for its escalation pass alone. */
    static final String RULES = """
            rules:
              - name: list-on-cve
                on: security.cve_alert
                run: {bot: incident, options: {action: list}}
            """;

    @TempDir
    private Path workdir;
    @TempDir
    private Path logs;

    private FakeVendorServer vendors;

    @BeforeEach
    void startVendors() {
        vendors = FakeVendorServer.start();
    }

    @AfterEach
    void stopVendors() {
        vendors.close();
    }

    @Test
    void shouldRepageAndPageTheSecondaryOnceForTheIncidentsNobodyAcknowledged() throws Exception {
        String triggered = incident("open", null, "checkout");
        String acknowledged = incident("open", null, "search");
        incident("acknowledge", acknowledged, null);
        Path rules = logs.resolve("rules.yaml");
        Files.writeString(rules, RULES);

        Child react = child("react", "--rules", rules.toString(), "--workdir", workdir.toString(), "--once",
                "--pagerduty-url", vendors.pagerDutyUrl(), "--retries", "0", "--timeout", "5s");

        assertThat(react.exit()).as(react.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(react.err()).contains("escalation pass once")
                .contains("lotabots react: escalation pass: Escalated 1 of 1 triggered incident: 2 step(s)");
        assertThat(triggers(FakeVendorServer.PAGERDUTY_ROUTING_KEY, triggered)).singleElement()
                .satisfies(event -> assertThat(event.path("payload").path("summary").asText())
                        .startsWith(triggered + " P1"));
        assertThat(triggers(FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY, triggered)).hasSize(1);
        assertThat(vendors.requests(Vendor.PAGERDUTY)).hasSize(2);
        assertThat(store().find(acknowledged).orElseThrow().events()).extracting(IncidentEvent::kind)
                .doesNotContain(IncidentPaging.REPAGED, IncidentPaging.PAGED_SECONDARY);

        Child again = child("incident", "escalate", "--workdir", workdir.toString(), "--pagerduty-url",
                vendors.pagerDutyUrl());

        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(again.out()).startsWith("Nothing to escalate now (1 triggered incident in ");
        assertThat(vendors.requests(Vendor.PAGERDUTY)).hasSize(2);
    }

    @Test
    void shouldEscalateWhileFollowingEveryInterval() throws Exception {
        String triggered = incident("open", null, "checkout");
        Path rules = logs.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        Process react = start("react", "--rules", rules.toString(), "--workdir", workdir.toString(), "--poll",
                "100ms", "--escalate-every", "1s", "--pagerduty-url", vendors.pagerDutyUrl(), "--secondary-after", "0s");
        try {
            long deadline = System.currentTimeMillis() + 90_000;
            while (triggers(FakeVendorServer.PAGERDUTY_ROUTING_KEY, triggered).isEmpty() && react.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(triggers(FakeVendorServer.PAGERDUTY_ROUTING_KEY, triggered)).hasSize(1);
            // a few more passes: nothing more is due
            deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            react.destroy();
            assertThat(react.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            react.destroyForcibly();
        }

        assertThat(react.exitValue()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(vendors.requests(Vendor.PAGERDUTY)).hasSize(1);
        assertThat(Files.readString(logs.resolve("err.txt"))).contains("escalation every 1s")
                .contains("lotabots react: escalation pass: Escalated 1 of 1 triggered incident: 1 step(s)")
                .contains("stopped (interrupted by SIGTERM)");
    }

    @Test
    void shouldStopWithBadInputWhenTheFirstPassRefusesTheEscalationOptions() throws IOException {
        CliRun run = react("--repage-after", "soon");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Option '--repage-after' of IncidentBot 'soon' is not a duration")
                .contains("the escalation options are refused (above)");
    }

    @Test
    void shouldRefuseAnEscalationIntervalBelowOneSecond() throws IOException {
        CliRun run = react("--once", "--escalate-every", "500ms");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--escalate-every '500ms' must be 1s or more, or 0 or off");
    }

    /** Runs react in this process with the rules above on the working directory and the given options. */
    private CliRun react(final String... options) throws IOException {
        Path rules = logs.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        List<String> args = new ArrayList<>(List.of("react", "--rules", rules.toString(), "--workdir",
                workdir.toString()));
        args.addAll(List.of(options));
        return CliRun.of(BotRegistry.standard(), args.toArray(String[]::new));
    }

    @Test
    void shouldOfferTheStoreAndPagingOptionsOfIncidentEscalateOnReact() {
        CliRun help = CliRun.of(BotRegistry.standard(), "react", "--help");

        assertThat(help.out()).contains("--escalate-every=DURATION", "--repage-after", "--secondary-after",
                "--sms-to", "--store-folder", "--pagerduty-url").doesNotContain("--id=");
    }

    /**
     * Opens or changes an incident in the working directory's store, 20 minutes ago, telling no one.
     */
    private String incident(final String action, final String id, final String service) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("action", action));
        if (id != null) {
            values.put("id", id);
        }
        if (service != null) {
            values.putAll(Map.of("service", service, "alertName", "HighErrorRate", "alertSeverity", "critical"));
        }
        BotContext context = BotContext.builder(workdir).clock(Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)),
                ZoneOffset.UTC)).build();
        return new IncidentBot(IncidentResponders.Factory.none()).run(values, context).getIncident().orElseThrow()
                .id();
    }

    private FileIncidentStore store() {
        return FileIncidentStore.in(workdir.resolve(".lotabots/incidents"));
    }

    private List<JsonNode> triggers(final String routingKey, final String id) {
        return vendors.requests(Vendor.PAGERDUTY).stream().map(Request::json)
                .filter(event -> event.path("routing_key").asText().equals(routingKey))
                .filter(event -> event.path("dedup_key").asText().equals(id))
                .filter(event -> event.path("event_action").asText().equals("trigger")).toList();
    }

    private Child child(final String... args) throws IOException, InterruptedException {
        Process process = start(args);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Child(process.exitValue(), Files.readString(logs.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private Process start(final String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LotaBotsCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = logs.resolve("out.txt");
        Path err = logs.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put(NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY,
                FakeVendorServer.PAGERDUTY_ROUTING_KEY);
        builder.environment().put(IncidentPaging.PAGERDUTY_SECONDARY_ROUTING_KEY,
                FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY);
        return builder.start();
    }

    private record Child(int exit, String out, String err) {
    }
}
