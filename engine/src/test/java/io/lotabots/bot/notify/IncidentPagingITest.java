package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.incident.IncidentResponders.Response;
import io.lotabots.bot.incident.IncidentSeverity;
import io.lotabots.bot.incident.IncidentStatus;
import io.lotabots.bot.notify.FakeVendorServer.Request;
import io.lotabots.bot.notify.FakeVendorServer.SlackConversation;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.NotificationFailed;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.TestMessages;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * IncidentPaging against the fake vendors (PagerDuty, Twilio, the Slack Web API, each checked against its documented
 * format) and GreenMail: what each change of an incident sends, the escalation policy, and vendors that are down.
 */
class IncidentPagingITest {
    private static final Instant OPENED = TestMessages.TIME;
    private static final String ON_CALL = "+41790000001";
    private static final String SECONDARY = "+41790000002";
    private static final String RUN_URL = "https://jenkins.example.com/job/app/job/main/42/";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private FakeVendorServer vendors;
    private NotifyHarness harness;

    @BeforeEach
    void startVendors(@TempDir final Path workspace) {
        vendors = FakeVendorServer.start();
        harness = new NotifyHarness(workspace).withVendorSecrets(vendors);
        harness.environment.remove(NotificationBotDescriptor.SLACK_WEBHOOK_URL);
    }

    @AfterEach
    void stopVendors() {
        vendors.close();
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new HashMap<>();
        options.put("pagerdutyUrl", vendors.pagerDutyUrl());
        options.put("slackApiUrl", vendors.slackApiUrl());
        options.put("twilioUrl", vendors.twilioUrl());
        options.put("smsFrom", "+15005550006");
        options.put("smsTo", ON_CALL);
        options.put("warRoomInvite", "U0ALICE01,U0BOB0002");
        options.put("timeout", "5s");
        return options;
    }

    private IncidentPaging paging(final Map<String, Object> options) {
        return paging(options, harness.context());
    }

    private IncidentPaging paging(final Map<String, Object> options, final BotContext context) {
        return new IncidentPaging.Factory(harness.slept::add).create(options, context);
    }

    private static Incident incident(final IncidentSeverity severity) {
        return new Incident("INC-12", "High error rate on checkout", severity, IncidentStatus.TRIGGERED,
                "checkout", "production", "checkout/HighErrorRate", null, OPENED, OPENED,
                List.of(TestMessages.CORRELATION_ID, RUN_URL),
                List.of(new IncidentEvent(OPENED, "opened", "MonitorBot", "alert HighErrorRate (critical)")));
    }

    /**
     * Adds what the responders did to the incident, as IncidentBot stores it.
     */
    private static Incident apply(final Incident incident, final Response response) {
        List<String> links = new ArrayList<>(incident.links());
        response.links().stream().filter(link -> !links.contains(link)).forEach(links::add);
        List<IncidentEvent> events = new ArrayList<>(incident.events());
        events.addAll(response.events());
        return new Incident(incident.id(), incident.title(), incident.severity(), incident.status(),
                incident.service(), incident.environment(), incident.dedupKey(), incident.commander(),
                incident.openedAt(), incident.updatedAt(), links, events);
    }

    private static Incident with(final Incident incident, final IncidentStatus status, final String commander) {
        return incident.withStatus(status).withCommander(commander);
    }

    private List<JsonNode> pagerDutyEvents() {
        return vendors.requests(Vendor.PAGERDUTY).stream().map(Request::json).toList();
    }

    private List<Request> slackCalls(final String method) {
        return vendors.requests(Vendor.SLACK_API).stream().filter(request -> request.path().equals("/api/" + method))
                .toList();
    }

    private List<String> smsRecipients() {
        return vendors.requests(Vendor.TWILIO).stream().map(request -> request.form().get("To")).toList();
    }

    private static List<String> kinds(final Response response) {
        return response.events().stream().map(IncidentEvent::kind).toList();
    }

    @Test
    void shouldPageTheOnCallOpenTheWarRoomAndReturnItsLinkWhenAnIncidentOpens() {
        harness.environment.put(NotificationBotDescriptor.BUILD_URL, RUN_URL);
        Response response = paging(options()).opened(incident(IncidentSeverity.P1));

        assertThat(vendors.problems()).isEmpty();
        JsonNode trigger = pagerDutyEvents().get(0);
        assertThat(pagerDutyEvents()).hasSize(2);
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("dedup_key").asText()).isEqualTo("INC-12");
        JsonNode payload = trigger.path("payload");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("summary").asText()).isEqualTo("INC-12 P1: High error rate on checkout");
        assertThat(payload.path("source").asText()).isEqualTo("checkout");
        assertThat(payload.path("group").asText()).isEqualTo("production");
        JsonNode details = payload.path("custom_details");
        assertThat(details.path("severity").asText()).isEqualTo("P1");
        assertThat(details.path("status").asText()).isEqualTo("triggered");
        assertThat(details.path("service").asText()).isEqualTo("checkout");
        assertThat(details.path("environment").asText()).isEqualTo("production");
        assertThat(details.path("commander").asText()).isEqualTo("nobody yet");
        assertThat(details.path("summary").asText()).isEqualTo("High error rate on checkout");
        assertThat(details.path("runs").get(0).asText()).isEqualTo(TestMessages.CORRELATION_ID);

        assertThat(response.links()).singleElement().asString().startsWith("slack:C");
        String channel = response.links().get(0).substring("slack:".length());
        assertThat(trigger.path("links").findValuesAsText("href")).containsExactly(RUN_URL);
        JsonNode linked = pagerDutyEvents().get(1);
        assertThat(linked.path("event_action").asText()).isEqualTo("trigger");
        assertThat(linked.path("dedup_key").asText()).isEqualTo("INC-12");
        assertThat(linked.path("links").findValuesAsText("href")).containsExactly(RUN_URL,
                "https://slack.com/app_redirect?channel=" + channel);

        assertThat(smsRecipients()).containsExactly(ON_CALL);
        assertThat(vendors.requests(Vendor.TWILIO).get(0).form().get("Body"))
                .contains("INC-12 P1: High error rate on checkout (checkout, production)");

        SlackConversation room = vendors.slackConversations().get(channel);
        assertThat(room.name()).isEqualTo("inc-12-high-error-rate-on-checkout");
        assertThat(room.members()).containsExactly(FakeVendorServer.SLACK_BOT_USER, "U0ALICE01", "U0BOB0002");
        assertThat(room.pins()).singleElement().satisfies(ts -> {
            JsonNode summary = vendors.slackMessages().get(ts);
            assertThat(summary.path("channel").asText()).isEqualTo(channel);
            assertThat(summary.path("blocks").get(0).path("text").path("text").asText())
                    .isEqualTo("INC-12 P1: High error rate on checkout");
        });

        assertThat(kinds(response)).containsExactly("paged", "paged", "war-room");
        assertThat(response.events()).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo("NotificationBot");
            assertThat(event.time()).isEqualTo(OPENED.plusSeconds(60));
        });
        assertThat(response.events().get(2).text()).contains("#inc-12-high-error-rate-on-checkout", channel,
                "U0ALICE01,U0BOB0002 invited", "summary pinned");
        assertThat(harness.published(NotificationSent.TYPE)).hasSize(7);
    }

    @Test
    void shouldNeverShowTheSlackTokenOrRoutingKeyInEventsLogsOrMessages() {
        Response response = paging(options()).opened(incident(IncidentSeverity.P1));
        vendors.fail(Vendor.PAGERDUTY, 400);
        Response failed = paging(options()).opened(incident(IncidentSeverity.P2));

        List<String> everything = new ArrayList<>(harness.allLogLines());
        response.events().forEach(event -> everything.add(event.text()));
        failed.events().forEach(event -> everything.add(event.text()));
        harness.bus.getPublished().forEach(message -> everything.add(message.getPayload().toString()));
        assertThat(everything).isNotEmpty().noneMatch(line -> line.contains(FakeVendorServer.SLACK_TOKEN)
                || line.contains(FakeVendorServer.PAGERDUTY_ROUTING_KEY)
                || line.contains(FakeVendorServer.TWILIO_TOKEN));
    }

    @Test
    void shouldGiveATakenChannelNameASuffix() {
        vendors.slackChannelExists("inc-12-high-error-rate-on-checkout");
        vendors.slackChannelExists("inc-12-high-error-rate-on-checkout-2");

        Response response = paging(options()).opened(incident(IncidentSeverity.P2));

        String channel = response.links().get(0).substring("slack:".length());
        assertThat(vendors.slackConversations().get(channel).name()).isEqualTo("inc-12-high-error-rate-on-checkout-3");
        assertThat(slackCalls("conversations.create")).extracting(request -> request.json().path("name").asText())
                .containsExactly("inc-12-high-error-rate-on-checkout", "inc-12-high-error-rate-on-checkout-2",
                        "inc-12-high-error-rate-on-checkout-3");
        assertThat(vendors.problems()).isEmpty();
    }

    @Test
    void shouldEmailLeadershipWhenAP1OpensAndNotForAP2() throws Exception {
        Map<String, Object> options = options();
        options.put("smtpHost", "127.0.0.1");
        options.put("smtpPort", SMTP.getSmtp().getPort());
        options.put("smtpTls", "none");
        options.put("emailFrom", "LotaBots <lotabots@example.com>");
        options.put("leadershipEmailTo", List.of("cto@example.com", "vp-eng@example.com"));
        IncidentPaging paging = paging(options);

        paging.opened(incident(IncidentSeverity.P2));
        assertThat(SMTP.getReceivedMessages()).isEmpty();

        Response response = paging.opened(incident(IncidentSeverity.P1));
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("[LotaBots] INC-12 P1: High error rate on checkout (checkout,"
                + " production)");
        assertThat(List.of(received[0].getAllRecipients())).extracting(Object::toString)
                .containsExactly("cto@example.com", "vp-eng@example.com");
        assertThat(response.events()).anySatisfy(event -> assertThat(event.text())
                .isEqualTo("e-mail sent to leadership (P1)"));
    }

    @Test
    void shouldTriggerAgainWithTheSameDedupKeyWhenTheSeverityChangesAndOnlyPostANote() {
        IncidentPaging paging = paging(options());
        Incident open = apply(incident(IncidentSeverity.P2), paging.opened(incident(IncidentSeverity.P2)));
        String channel = WarRoom.channelOf(open);
        Incident raised = new Incident(open.id(), open.title(), IncidentSeverity.P1, open.status(), open.service(),
                open.environment(), open.dedupKey(), null, open.openedAt(), open.updatedAt(), open.links(),
                open.events());

        Response severity = paging.updated(raised, new IncidentEvent(OPENED.plusSeconds(90), "severity", "alice",
                "P2 -> P1"));
        Response note = paging.updated(raised, new IncidentEvent(OPENED.plusSeconds(95), "note", "alice",
                "Rolling back 1.4.2"));

        assertThat(pagerDutyEvents()).hasSize(3);
        JsonNode again = pagerDutyEvents().get(2);
        assertThat(again.path("event_action").asText()).isEqualTo("trigger");
        assertThat(again.path("dedup_key").asText()).isEqualTo("INC-12");
        assertThat(again.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(kinds(severity)).containsExactly("paged");
        assertThat(note.events()).isEmpty();
        Response mitigated = paging.updated(raised.withStatus(IncidentStatus.MITIGATED), new IncidentEvent(
                OPENED.plusSeconds(99), "status", "alice", "mitigated"));
        assertThat(mitigated.events()).isEmpty();
        assertThat(pagerDutyEvents()).hasSize(3);
        assertThat(slackCalls("chat.postMessage")).extracting(request -> request.json())
                .filteredOn(json -> !json.has("blocks"))
                .extracting(json -> json.path("channel").asText() + " " + json.path("text").asText())
                .containsExactly(channel + " severity by alice: P2 -> P1",
                        channel + " note by alice: Rolling back 1.4.2", channel + " status by alice: mitigated");
        assertThat(vendors.problems()).isEmpty();
    }

    @Test
    void shouldAcknowledgeAndResolveThePageAndArchiveTheWarRoom() {
        IncidentPaging paging = paging(options());
        Incident open = apply(incident(IncidentSeverity.P1), paging.opened(incident(IncidentSeverity.P1)));
        String channel = WarRoom.channelOf(open);

        Response acknowledged = paging.acknowledged(with(open, IncidentStatus.ACKNOWLEDGED, "alice"));
        Response resolved = paging.resolved(with(open, IncidentStatus.RESOLVED, "alice"));

        assertThat(pagerDutyEvents()).extracting(json -> json.path("event_action").asText() + " "
                + json.path("dedup_key").asText()).containsExactly("trigger INC-12", "trigger INC-12",
                        "acknowledge INC-12", "resolve INC-12");
        assertThat(kinds(acknowledged)).containsExactly("notified");
        assertThat(kinds(resolved)).containsExactly("notified", "war-room");
        assertThat(resolved.events().get(1).text()).isEqualTo("Slack war room " + channel + " archived");
        assertThat(vendors.slackConversations().get(channel).archived()).isTrue();
        assertThat(slackCalls("chat.postMessage")).extracting(request -> request.json().path("text").asText())
                .contains("INC-12 acknowledged by alice",
                        ":white_check_mark: INC-12 resolved: High error rate on checkout");
        assertThat(vendors.problems()).isEmpty();
    }

    @Test
    void shouldRepageThenPageTheSecondaryOnceEachWhileNobodyAcknowledges() {
        harness.environment.put(IncidentPaging.PAGERDUTY_SECONDARY_ROUTING_KEY,
                FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY);
        Map<String, Object> options = options();
        options.put("secondarySmsTo", SECONDARY);
        options.put("repageAfter", "5m");
        options.put("secondaryAfter", "15m");
        options.put("warRoom", "off");
        IncidentPaging paging = paging(options);
        Incident open = apply(incident(IncidentSeverity.P1), paging.opened(incident(IncidentSeverity.P1)));
        assertThat(smsRecipients()).containsExactly(ON_CALL);

        assertThat(paging.escalate(open, OPENED.plus(Duration.ofMinutes(4)))).isEqualTo(Response.NOTHING);

        Response repaged = paging.escalate(open, OPENED.plus(Duration.ofMinutes(5)));
        assertThat(kinds(repaged)).containsExactly("repaged");
        assertThat(repaged.events().get(0).time()).isEqualTo(OPENED.plus(Duration.ofMinutes(5)));
        assertThat(repaged.events().get(0).text()).isEqualTo("nobody acknowledged within 5m; PagerDuty triggered"
                + " again, SMS sent to the on-call again");
        assertThat(smsRecipients()).containsExactly(ON_CALL, ON_CALL);
        assertThat(vendors.requests(Vendor.TWILIO).get(1).form().get("Body")).contains("ESCALATED");
        open = apply(open, repaged);

        assertThat(paging.escalate(open, OPENED.plus(Duration.ofMinutes(5)))).isEqualTo(Response.NOTHING);
        assertThat(paging.escalate(open, OPENED.plus(Duration.ofMinutes(14)))).isEqualTo(Response.NOTHING);

        Response secondary = paging.escalate(open, OPENED.plus(Duration.ofMinutes(15)));
        assertThat(kinds(secondary)).containsExactly("paged-secondary");
        assertThat(smsRecipients()).containsExactly(ON_CALL, ON_CALL, SECONDARY);
        assertThat(vendors.requests(Vendor.PAGERDUTY)).extracting(request -> request.json().path("routing_key")
                .asText()).containsExactly(FakeVendorServer.PAGERDUTY_ROUTING_KEY,
                        FakeVendorServer.PAGERDUTY_ROUTING_KEY, FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY);
        open = apply(open, secondary);
        assertThat(paging.escalate(open, OPENED.plus(Duration.ofMinutes(60)))).isEqualTo(Response.NOTHING);

        Response resolved = paging.resolved(with(open, IncidentStatus.RESOLVED, "bob"));
        assertThat(vendors.requests(Vendor.PAGERDUTY).subList(3, 5)).extracting(request -> request.json()
                .path("event_action").asText() + " " + request.json().path("routing_key").asText())
                .containsExactly("resolve " + FakeVendorServer.PAGERDUTY_ROUTING_KEY,
                        "resolve " + FakeVendorServer.PAGERDUTY_SECONDARY_ROUTING_KEY);
        assertThat(kinds(resolved)).containsExactly("notified", "notified");
        assertThat(vendors.problems()).isEmpty();
    }

    @Test
    void shouldDoBothEscalationStepsWhenBothAreDueAndNothingOnceAcknowledged() {
        Map<String, Object> options = options();
        options.put("secondarySmsTo", SECONDARY);
        options.put("warRoom", "off");
        IncidentPaging paging = paging(options);
        Incident open = incident(IncidentSeverity.P2);

        assertThat(paging.escalate(with(open, IncidentStatus.ACKNOWLEDGED, "alice"), OPENED.plus(Duration.ofHours(1))))
                .isEqualTo(Response.NOTHING);
        assertThat(vendors.requests()).isEmpty();

        Response late = paging.escalate(open, OPENED.plus(Duration.ofHours(1)));
        assertThat(kinds(late)).containsExactly("repaged", "paged-secondary");
        assertThat(smsRecipients()).containsExactly(ON_CALL, SECONDARY);
    }

    @Test
    void shouldNotEscalateWhenTheTimesAreZero() {
        Map<String, Object> options = options();
        options.put("repageAfter", "0s");
        options.put("secondaryAfter", "0s");
        options.put("secondarySmsTo", SECONDARY);

        assertThat(paging(options).escalate(incident(IncidentSeverity.P1), OPENED.plus(Duration.ofDays(1))))
                .isEqualTo(Response.NOTHING);
    }

    @Test
    void shouldRetryVendorsThatAreDownAndRecordWhatStillFailsAsWarnings() {
        for (int i = 0; i < 4; i++) {
            vendors.fail(Vendor.PAGERDUTY, 503);
        }
        vendors.rateLimit(Vendor.SLACK_API, 7);

        Response response = paging(options()).opened(incident(IncidentSeverity.P1));

        assertThat(harness.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(7));
        assertThat(vendors.requests(Vendor.PAGERDUTY)).extracting(Request::status).containsExactly(503, 503, 503,
                503, 202);
        assertThat(kinds(response)).containsExactly("warning", "paged", "war-room", "paged");
        assertThat(response.events().get(0).text()).startsWith("PagerDuty trigger event not delivered: pagerduty:")
                .contains("HTTP 503");
        assertThat(response.events().get(3).text()).isEqualTo("PagerDuty triggered (dedup_key INC-12) with the war"
                + " room link, after the first trigger failed");
        assertThat(response.links()).singleElement().asString().startsWith("slack:C");
        assertThat(harness.published(NotificationFailed.TYPE)).singleElement()
                .satisfies(message -> assertThat(message.payloadAs(NotificationFailed.class).attempts()).isEqualTo(4));
    }

    @Test
    void shouldTurnVendorsThatCannotBeReachedIntoWarningsInsteadOfExceptions() {
        String closed = "http://127.0.0.1:1";
        Map<String, Object> options = options();
        options.put("pagerdutyUrl", closed);
        options.put("slackApiUrl", closed + "/api");
        options.put("twilioUrl", closed);
        options.put("retries", 1);
        IncidentPaging paging = paging(options);
        Incident incident = incident(IncidentSeverity.P1);

        Response opened = paging.opened(incident);
        Response escalated = paging.escalate(incident, OPENED.plus(Duration.ofMinutes(30)));
        Response resolved = paging.resolved(with(incident, IncidentStatus.RESOLVED, "alice"));

        assertThat(kinds(opened)).containsExactly("warning", "warning", "warning");
        assertThat(opened.events()).allSatisfy(event -> assertThat(event.text()).contains("cannot reach the server"));
        assertThat(opened.links()).isEmpty();
        assertThat(kinds(escalated)).containsExactly("warning", "warning", "repaged");
        assertThat(escalated.events().get(2).text()).endsWith("re-paging the on-call failed");
        assertThat(kinds(resolved)).containsExactly("warning");
    }

    @Test
    void shouldNameSlacksErrorWhenTheWebApiAnswersOkFalse() {
        harness.environment.put(NotificationBotDescriptor.SLACK_BOT_TOKEN, "xoxb-revoked-token-0000");
        Map<String, Object> options = options();
        options.put("smsTo", List.of());

        Response response = paging(options).opened(incident(IncidentSeverity.P3));

        assertThat(kinds(response)).containsExactly("paged", "warning");
        assertThat(response.events().get(1).text()).isEqualTo("war room (conversations.create) not delivered:"
                + " slack: Slack refused conversations.create: invalid_auth");
        assertThat(harness.slept).isEmpty();
    }

    @Test
    void shouldTolerateAWarRoomThatIsArchivedAlready() {
        IncidentPaging paging = paging(options());
        Incident open = apply(incident(IncidentSeverity.P1), paging.opened(incident(IncidentSeverity.P1)));
        paging.resolved(with(open, IncidentStatus.RESOLVED, "alice"));

        Response again = paging.resolved(with(open, IncidentStatus.RESOLVED, "alice"));

        assertThat(slackCalls("conversations.archive")).extracting(Request::answer)
                .containsExactly("{\"ok\":true}", "{\"ok\":false,\"error\":\"already_archived\"}");
        assertThat(kinds(again)).containsExactly("notified", "warning", "war-room");
        assertThat(again.events().get(1).text()).contains("Slack refused chat.postMessage: is_archived");
    }

    @Test
    void shouldCheckSettingsAndSecretsBeforeAnythingIsSent() {
        harness.environment.remove(NotificationBotDescriptor.TWILIO_AUTH_TOKEN);
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> paging(options()))
                .withMessageContaining("the secret TWILIO_AUTH_TOKEN");

        Map<String, Object> options = options();
        options.put("smsTo", List.of());
        options.put("warRoomInvite", "alice");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> paging(options))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION))
                .withMessageContaining("Option 'warRoomInvite' of IncidentBot has 'alice', which is not a Slack"
                        + " user id");

        options.put("warRoomInvite", List.of());
        options.put("repageAfter", Duration.ofMinutes(-5));
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> paging(options))
                .withMessageContaining("Option 'repageAfter' of IncidentBot may not be negative");

        options.put("repageAfter", "5m");
        options.put("secondaryAfter", "soon");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> paging(options))
                .withMessageStartingWith("Option 'secondaryAfter' of IncidentBot");

        options.remove("secondaryAfter");
        options.put("warRoom", "on");
        harness.environment.remove(NotificationBotDescriptor.SLACK_BOT_TOKEN);
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> paging(options))
                .withMessageContaining("the secret SLACK_BOT_TOKEN").withMessageContaining("war room");
        assertThat(vendors.requests()).isEmpty();
    }

    @Test
    void shouldUseOnlyTheChannelsWhoseSettingsAreGiven() {
        harness.environment.clear();
        Map<String, Object> options = options();
        options.put("smsTo", List.of());

        IncidentPaging paging = paging(options);

        assertThat(paging.describe()).isEqualTo("none");
        assertThat(paging.opened(incident(IncidentSeverity.P1))).isEqualTo(Response.NOTHING);
        assertThat(vendors.requests()).isEmpty();
        harness.environment.put(NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY,
                FakeVendorServer.PAGERDUTY_ROUTING_KEY);
        harness.environment.put(NotificationBotDescriptor.SLACK_BOT_TOKEN, FakeVendorServer.SLACK_TOKEN);
        assertThat(paging(options).describe()).isEqualTo("pagerduty, slack war room");
    }

    @Test
    void shouldBeFoundThroughTheServiceLoaderWithNotificationBotsOptionNames() {
        List<IncidentResponders.Factory> factories = ServiceLoader.load(IncidentResponders.Factory.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(factories).singleElement().isInstanceOf(IncidentPaging.Factory.class);
        IncidentPaging.Factory factory = (IncidentPaging.Factory) factories.get(0);
        assertThat(factory.options()).extracting(BotOption::getName).contains("smsTo", "smsFrom", "twilioUrl",
                "smtpHost", "emailFrom", "pagerdutyUrl", "slackApiUrl", "timeout", "retries", "retryTime",
                "leadershipEmailTo", "secondarySmsTo", "warRoom", "warRoomInvite", "repageAfter", "secondaryAfter");
        assertThat(factory.options()).contains(NotificationBotDescriptor.SMS_FROM,
                NotificationBotDescriptor.PAGERDUTY_URL, NotificationBotDescriptor.RETRIES);
        assertThat(factory.secrets()).extracting(secret -> secret.variable()).containsExactly("SLACK_BOT_TOKEN",
                "PAGERDUTY_ROUTING_KEY", "SMTP_PASSWORD", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                "PAGERDUTY_SECONDARY_ROUTING_KEY");
    }

    @Test
    void shouldRecordEveryDeliveryOnTheBus() {
        paging(options()).opened(incident(IncidentSeverity.P1));

        assertThat(harness.published(NotificationSent.TYPE)).extracting(message -> message
                .payloadAs(NotificationSent.class).channel()).containsExactly("pagerduty", "sms", "slack", "slack",
                        "slack", "slack", "pagerduty");
    }
}
