package io.lotabots.bot.incident;

import io.lotabots.util.ManualClock;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.ApprovalGranted;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.IncidentCreated;
import io.lotabots.message.IncidentPostmortemWritten;
import io.lotabots.message.IncidentResolved;
import io.lotabots.message.IncidentUpdated;
import io.lotabots.message.Message;
import io.lotabots.message.ScalingUp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentBotTest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final String RUN = "cli/incident#1";

    @TempDir
    private Path workspace;

    private final ManualClock clock = new ManualClock(START);
    private final RecordingResponders responders = new RecordingResponders();
    private Journal journal;

    @BeforeEach
    void openJournal() {
        journal = Journal.at(workspace.resolve(Journal.DEFAULT_PATH));
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    private MessageBus bus(final String run) {
        return MessageBus.builder().clock(clock).journal(journal).correlationId(run).build();
    }

    private BotContext context() {
        return BotContext.builder(workspace).clock(clock).bus(bus(RUN)).environment(Map.of("USER", "alice")).build();
    }

    private IncidentResult run(final Object... options) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            values.put((String) options[i], options[i + 1]);
        }
        return new IncidentBot(responders).run(values, context());
    }

    private IncidentResult open() {
        return run("action", "open", "service", "web", "environment", "production", "alertName", "HighErrorRate",
                "alertSeverity", "critical");
    }

    private IncidentStore store() {
        return FileIncidentStore.in(workspace.resolve(".lotabots/incidents"));
    }

    private List<Message> journaled(final String type) {
        return journal.read(MessageFilter.ofTypes(type));
    }

    @Test
    void shouldOpenAnIncidentWithTheMappedSeverityAndAnnounceItCausedByTheAlert() {
        Message alert = bus("job/app/main#7").publish("MonitorBot", new AlertTriggered("HighErrorRate", "critical",
                "error_rate", 7.5, 5.0, "production"));

        IncidentResult result = run("action", "open", "service", "web", "cause", alert.getId());

        Incident incident = result.getIncident().orElseThrow();
        assertThat(result.isCreated()).isTrue();
        assertThat(incident.id()).isEqualTo("INC-1");
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.P1);
        assertThat(incident.environment()).isEqualTo("production");
        assertThat(incident.dedupKey()).isEqualTo("web/HighErrorRate");
        assertThat(incident.title()).isEqualTo("HighErrorRate on web (production)");
        assertThat(incident.links()).contains(RUN, alert.getId(), "job/app/main#7");
        Message created = journaled(IncidentCreated.TYPE).get(0);
        assertThat(created.getCausationId()).contains(alert.getId());
        assertThat(created.getCorrelationId()).contains(RUN);
        assertThat(created.payloadAs(IncidentCreated.class)).satisfies(payload -> {
            assertThat(payload.incidentId()).isEqualTo("INC-1");
            assertThat(payload.severity()).isEqualTo("critical");
            assertThat(payload.priority()).isEqualTo("P1");
            assertThat(payload.dedupKey()).isEqualTo("web/HighErrorRate");
        });
        assertThat(result.getOutputs()).containsEntry("id", "INC-1").containsEntry("created", true)
                .containsEntry("severity", "P1").containsEntry("status", "triggered");
    }

    @Test
    void shouldAddTheRepeatToTheOpenIncidentWithTheSameDedupKey() {
        open();
        clock.advance(Duration.ofMinutes(1));

        IncidentResult repeat = open();

        assertThat(repeat.isCreated()).isFalse();
        assertThat(repeat.getIncident().orElseThrow().id()).isEqualTo("INC-1");
        assertThat(store().list()).hasSize(1);
        assertThat(store().find("INC-1").orElseThrow().events()).extracting(IncidentEvent::kind)
                .containsSubsequence("opened", "repeated");
        assertThat(journaled(IncidentUpdated.TYPE)).singleElement()
                .satisfies(message -> assertThat(message.payloadAs(IncidentUpdated.class).change())
                        .isEqualTo("repeated"));
    }

    @Test
    void shouldOpenANewIncidentOnceTheOneWithTheDedupKeyIsResolved() {
        open();
        run("action", "resolve", "id", "INC-1");

        assertThat(open().getIncident().orElseThrow().id()).isEqualTo("INC-2");
    }

    @Test
    void shouldMapAlertSeveritiesThroughTheConfiguredMapping() {
        IncidentResult result = run("action", "open", "service", "web", "alertName", "Paged", "alertSeverity", "page",
                "severityMap", "page=P1,critical=P1,warning=P3");

        assertThat(result.getIncident().orElseThrow().severity()).isEqualTo(IncidentSeverity.P1);
        assertThatThrownBy(() -> run("action", "open", "service", "web", "alertName", "Disk", "alertSeverity",
                "error", "severityMap", "page=P1"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("'error' has no incident severity in severityMap");
        assertThatThrownBy(() -> run("action", "open", "service", "web", "alertName", "Disk", "severityMap",
                "page=P9"))
                .hasMessageContaining("Option 'severityMap' of IncidentBot has 'page=P9'");
    }

    @Test
    void shouldRefuseAnInvalidSeverityNamingTheOption() {
        assertThatThrownBy(() -> run("action", "open", "service", "web", "alertName", "X", "severity", "P7"))
                .isInstanceOf(LotaBotsException.class)
                .satisfies(e -> assertThat(((LotaBotsException) e).getCode()).isEqualTo(BotErrorCode.INVALID_OPTION))
                .hasMessageContaining("Option 'severity' of IncidentBot").hasMessageContaining("P7");
        assertThat(store().list()).isEmpty();
    }

    @Test
    void shouldAcknowledgeWithTheActorAsCommanderAndAnnounceIt() {
        open();
        clock.advance(Duration.ofMinutes(2));

        IncidentResult result = run("action", "acknowledge", "id", "INC-1", "by", "bob", "note", "looking");

        Incident incident = result.getIncident().orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(incident.commander()).isEqualTo("bob");
        IncidentUpdated update = journaled(IncidentUpdated.TYPE).get(0).payloadAs(IncidentUpdated.class);
        assertThat(update.status()).isEqualTo("acknowledged");
        assertThat(update.by()).isEqualTo("bob");
        assertThat(update.note()).isEqualTo("looking");
    }

    @Test
    void shouldRefuseToResolveAResolvedIncidentAndChangeNothing() {
        open();
        run("action", "resolve", "id", "INC-1", "summary", "bad config");
        Incident resolved = store().find("INC-1").orElseThrow();

        assertThatThrownBy(() -> run("action", "resolve", "id", "INC-1"))
                .isInstanceOf(LotaBotsException.class)
                .satisfies(e -> assertThat(((LotaBotsException) e).getCode())
                        .isEqualTo(IncidentErrorCode.INVALID_TRANSITION))
                .hasMessageContaining("Cannot resolve INC-1: it was resolved at 2026-11-24T10:00:00Z by alice");
        assertThat(store().find("INC-1")).contains(resolved);
        assertThat(journaled(IncidentResolved.TYPE)).hasSize(1);
    }

    @Test
    void shouldNameTheIdOfAnUnknownIncident() {
        open();

        assertThatThrownBy(() -> run("action", "note", "id", "INC-9", "note", "hello"))
                .isInstanceOf(LotaBotsException.class)
                .satisfies(e -> assertThat(((LotaBotsException) e).getCode()).isEqualTo(IncidentErrorCode.NOT_FOUND))
                .hasMessageContaining("There is no incident INC-9");
        assertThatThrownBy(() -> run("action", "show", "id", "12"))
                .hasMessageContaining("'12' is not an incident id");
    }

    @Test
    void shouldNameTheCorruptFileAndKeepTheOtherIncidents() throws IOException {
        open();
        run("action", "open", "service", "db", "alertName", "Slow", "severity", "P3");
        Files.writeString(workspace.resolve(".lotabots/incidents/INC-2.json"), "{\"id\": \"INC-2\", \"tit");

        assertThatThrownBy(() -> run("action", "show", "id", "INC-2"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("INC-2.json").hasMessageContaining("cannot be read");
        assertThat(run("action", "show", "id", "INC-1").getIncident().orElseThrow().title())
                .isEqualTo("HighErrorRate on web (production)");
    }

    @Test
    void shouldUpdateSeverityStatusAndSummaryAndRecordTheMitigation() {
        open();
        clock.advance(Duration.ofMinutes(3));

        Incident incident = run("action", "update", "id", "INC-1", "severity", "P2", "status", "mitigated",
                "summary", "A bad flag").getIncident().orElseThrow();

        assertThat(incident.severity()).isEqualTo(IncidentSeverity.P2);
        assertThat(incident.status()).isEqualTo(IncidentStatus.MITIGATED);
        assertThat(incident.summary()).contains("A bad flag");
        assertThat(incident.firstEvent(IncidentEvent.MITIGATED).orElseThrow().text())
                .isEqualTo("severity P1 -> P2, status triggered -> mitigated");
        IncidentUpdated update = journaled(IncidentUpdated.TYPE).get(0).payloadAs(IncidentUpdated.class);
        assertThat(update.status()).isEqualTo("mitigated");
        assertThat(update.priority()).isEqualTo("P2");
        assertThatThrownBy(() -> run("action", "update", "id", "INC-1"))
                .hasMessageContaining("Nothing to update on INC-1");
        assertThatThrownBy(() -> run("action", "update", "id", "INC-1", "status", "resolved"))
                .hasMessageContaining("resolved with the action resolve");
    }

    @Test
    void shouldTellTheRespondersAfterEachChangeAndKeepWhatTheyDid() {
        open();
        clock.advance(Duration.ofMinutes(1));
        run("action", "note", "id", "INC-1", "note", "rolling back");
        run("action", "acknowledge", "id", "INC-1");
        clock.advance(Duration.ofMinutes(5));
        run("action", "escalate", "id", "INC-1", "onCall", "bob");
        run("action", "resolve", "id", "INC-1");

        assertThat(responders.calls).containsExactly("opened INC-1 TRIGGERED", "updated:note INC-1 TRIGGERED",
                "acknowledged INC-1 ACKNOWLEDGED", "escalate INC-1 at 2026-11-24T10:06:00Z",
                "resolved INC-1 RESOLVED");
        assertThat(responders.options).allSatisfy(values -> assertThat(values).containsKey("onCall"));
        assertThat(responders.options.get(3).get("onCall")).isEqualTo("bob");
        Incident incident = store().find("INC-1").orElseThrow();
        assertThat(incident.links()).contains("slack:C01");
        assertThat(incident.events()).extracting(IncidentEvent::kind).containsSubsequence("opened", "paged", "note",
                "paged", "acknowledged", "paged", "escalated", "resolved", "paged");
        assertThat(journaled(IncidentUpdated.TYPE)).extracting(message -> message.payloadAs(IncidentUpdated.class)
                .change()).containsExactly("note", "acknowledged", "escalated");
    }

    @Test
    void shouldKeepTheIncidentAndRecordAWarningWhenTheRespondersFail() {
        responders.failing = true;

        IncidentResult result = open();

        Incident incident = store().find("INC-1").orElseThrow();
        assertThat(incident.events()).extracting(IncidentEvent::kind).containsExactly("opened", "warning");
        assertThat(incident.events().get(1).text()).contains("PagerDuty answered 503");
        assertThat(result.getLog().getInfoLines()).anyMatch(line -> line.contains("Opened INC-1"));
    }

    @Test
    void shouldBuildTheTimelineFromTheBus() {
        MessageBus deployRun = bus("job/app/main#41");
        deployRun.publish("DeployBot", new ApprovalGranted("deploy.production", "carol", "looks good"));
        clock.advance(Duration.ofMinutes(1));
        deployRun.publish("DeployBot", new DeployCompleted("production", "1.5.0", 30.0, "rolling", null, null,
                null));
        bus("job/app/main#40").publish("DeployBot", new ApprovalGranted("deploy.staging", "dave", null));
        bus("job/app/main#40").publish("DeployBot", new DeployCompleted("staging", "1.6.0", 30.0, null, null, null,
                null));
        clock.advance(Duration.ofMinutes(4));
        Message alert = bus("monitor#1").publish("MonitorBot", new AlertTriggered("HighErrorRate", "critical",
                "error_rate", 7.5, 5.0, "production"));
        bus("scaling#1").publish("ScalingBot", new ScalingUp("db", 2, 4, "cpu"));
        clock.advance(Duration.ofSeconds(30));
        run("action", "open", "service", "web", "cause", alert.getId());
        clock.advance(Duration.ofMinutes(2));
        run("action", "note", "id", "INC-1", "note", "rolling back", "by", "bob");

        IncidentTimeline timeline = run("action", "show", "id", "INC-1").getTimeline().orElseThrow();

        assertThat(timeline.entries()).extracting(entry -> timeline.offset(entry.time()) + " " + entry.what())
                .containsExactly("T-5 min approval.granted", "T-4 min deploy.completed", "T+0 alert.triggered",
                        "T+30s opened", "T+30s paged", "T+2 min note", "T+2 min paged");
        assertThat(timeline.renderText().get(1)).startsWith("T-5 min      2026-11-24 10:00:00  DeployBot")
                .contains("approver=carol");
        assertThat(timeline.renderMarkdown()).contains("| T+2 min | 2026-11-24 10:07:30 | bob | note | rolling back |");
    }

    @Test
    void shouldOffsetLikeTheSeedsTimeline() {
        assertThat(IncidentTimeline.offsetOf(Duration.ZERO)).isEqualTo("T+0");
        assertThat(IncidentTimeline.offsetOf(Duration.ofSeconds(45))).isEqualTo("T+45s");
        assertThat(IncidentTimeline.offsetOf(Duration.ofSeconds(61))).isEqualTo("T+1 min");
        assertThat(IncidentTimeline.offsetOf(Duration.ofMinutes(65))).isEqualTo("T+1 h 5 min");
        assertThat(IncidentTimeline.offsetOf(Duration.ofMinutes(-3))).isEqualTo("T-3 min");
    }

    @Test
    void shouldDraftThePostmortemWithTheMeasuredTimesAndSayWhereItIs() throws IOException {
        MessageBus deployRun = bus("job/app/main#41");
        deployRun.publish("DeployBot", new ApprovalGranted("deploy.production", "carol", null));
        deployRun.publish("DeployBot", new DeployCompleted("production", "1.5.0", 30.0, null, null, null, null));
        clock.advance(Duration.ofMinutes(2));
        Message alert = bus("monitor#1").publish("MonitorBot", new AlertTriggered("HighErrorRate", "critical",
                "error_rate", 7.5, 5.0, "production"));
        run("action", "open", "service", "web", "cause", alert.getId());
        clock.advance(Duration.ofMinutes(6));
        bus("rollback#1").publish("DeployBot", new DeployRolledBack("production", "1.5.0", "1.4.1", "errors"));
        clock.advance(Duration.ofMinutes(4));
        run("action", "resolve", "id", "INC-1", "summary", "1.5.0 broke the checkout");

        IncidentResult result = run("action", "postmortem", "id", "INC-1");

        Path file = workspace.resolve(".lotabots/postmortems/INC-1.md");
        assertThat(result.getPostmortem()).contains(".lotabots/postmortems/INC-1.md");
        String draft = Files.readString(file);
        assertThat(draft).contains("# Post-mortem: INC-1 HighErrorRate on web (production)",
                "| Time to detect | 2m |", "| Time to mitigate | 6m |", "| Total downtime | 8m |",
                "## Summary\n\n1.5.0 broke the checkout", "## Impact", "## Timeline", "## Contributors",
                "## Mitigators", "## Learnings", "## Follow-ups",
                "T-2 min (2026-11-24 10:00:00 UTC, DeployBot): deployed 1.5.0 to production",
                "carol approved deploy.production",
                "T+6 min (2026-11-24 10:08:00 UTC, DeployBot): rolled back production from 1.5.0 to 1.4.1: errors")
                .doesNotContain("{{");
        IncidentPostmortemWritten written = journaled(IncidentPostmortemWritten.TYPE).get(0)
                .payloadAs(IncidentPostmortemWritten.class);
        assertThat(written.path()).isEqualTo(".lotabots/postmortems/INC-1.md");
        assertThat(written.totalDowntime()).isEqualTo(480.0);
        assertThat(written.timeToDetect()).isEqualTo(120.0);
        assertThat(written.timeToMitigate()).isEqualTo(360.0);
    }

    @Test
    void shouldFillTheUsersTemplate() throws IOException {
        open();
        Files.writeString(workspace.resolve("pm.md"), "# {{ id }} ({{severity}})\nDowntime: {{total_downtime}}\n");

        run("action", "postmortem", "id", "INC-1", "template", "pm.md", "postmortemFile", "docs/pm-1.md");

        assertThat(Files.readString(workspace.resolve("docs/pm-1.md"), StandardCharsets.UTF_8))
                .isEqualTo("# INC-1 (P1)\nDowntime: not yet\n");
    }

    @Test
    void shouldRefuseAnUnknownPlaceholderNamingTheFileAndLineAndWriteNothing() throws IOException {
        open();
        Files.writeString(workspace.resolve("pm.md"), "# {{id}}\n\nDowntime: {{downtime}}\n");

        assertThatThrownBy(() -> run("action", "postmortem", "id", "INC-1", "template", "pm.md"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("pm.md:3: the placeholder {{downtime}} is unknown")
                .hasMessageContaining("total_downtime");
        assertThat(workspace.resolve(".lotabots/postmortems")).doesNotExist();
    }

    @Test
    void shouldListIncidentsByStatusServiceAndEnvironment() {
        open();
        run("action", "open", "service", "db", "environment", "staging", "alertName", "Slow", "severity", "P3");
        run("action", "open", "service", "db", "environment", "production", "alertName", "Down", "severity", "P1");
        run("action", "resolve", "id", "INC-3");

        assertThat(run("action", "list").getIncidents()).extracting(Incident::id).containsExactly("INC-1", "INC-2");
        assertThat(run("action", "list", "status", "all", "service", "db").getIncidents()).extracting(Incident::id)
                .containsExactly("INC-2", "INC-3");
        assertThat(run("action", "list", "status", "resolved").getIncidents()).extracting(Incident::id)
                .containsExactly("INC-3");
        assertThat(run("action", "list", "environment", "staging").getOutputs()).containsEntry("ids",
                List.of("INC-2"));
    }

    @Test
    void shouldRefuseACauseThatIsNotInTheJournal() {
        assertThatThrownBy(() -> run("action", "open", "service", "web", "alertName", "X", "severity", "P2",
                "cause", "nope"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("There is no message with the id 'nope' given with cause");
        assertThat(store().list()).isEmpty();
    }

    @Test
    void shouldKeepIncidentsInTheStoreTheFrontEndGives(@TempDir final Path home) {
        IncidentStore elsewhere = FileIncidentStore.in(home.resolve("incidents"));
        IncidentBot bot = new IncidentBot(responders, (request, context) -> elsewhere);

        bot.run(Map.of("action", "open", "service", "web", "alertName", "Down", "severity", "P1"), context());

        assertThat(elsewhere.find("INC-1")).isPresent();
        assertThat(workspace.resolve(".lotabots/incidents")).doesNotExist();
    }

    @Test
    void shouldRefuseAStoreThatIsNeitherTheFileStoreNorPostgresql() {
        assertThatThrownBy(() -> run("action", "list", "store", "jdbc:mysql://db/ops?password=hunter2"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("Option 'store' of IncidentBot is 'jdbc:mysql://db/ops?password=****'")
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void shouldFindTheRegisteredRespondersAndOfferTheirOptions() {
        IncidentBot bot = new IncidentBot();

        assertThat(bot.getDescriptor().findOption("smsTo")).as("IncidentPaging's options, found through"
                + " ServiceLoader").isPresent();
        assertThat(bot.getDescriptor().getOptions().get(0)).isSameAs(IncidentBotDescriptor.ACTION);
        assertThat(new IncidentBot(IncidentResponders.Factory.none()).getDescriptor().findOption("smsTo")).isEmpty();
    }
}
