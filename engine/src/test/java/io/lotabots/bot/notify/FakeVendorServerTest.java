package io.lotabots.bot.notify;

import io.lotabots.bot.notify.FakeVendorServer.Vendor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake vendors must refuse what the real ones refuse, or the channel tests that assert "no problems" could not
 * fail.
 */
class FakeVendorServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeVendorServer vendors;

    @BeforeEach
    void start() {
        vendors = FakeVendorServer.start();
    }

    @AfterEach
    void stop() {
        vendors.close();
    }

    private HttpResponse<String> post(final String url, final String contentType, final String body,
            final String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> slackApi(final String method, final String body) throws Exception {
        return post(vendors.slackApiUrl() + "/" + method, "application/json; charset=utf-8", body,
                "Authorization", "Bearer " + FakeVendorServer.SLACK_TOKEN);
    }

    @Test
    void answersSlackAsSlackDoes() throws Exception {
        HttpResponse<String> ok = slackApi("chat.postMessage", "{\"channel\":\"#deploys\",\"text\":\"hi\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("{\"ok\":true,\"channel\":\"C").contains("\"ts\":\"");

        String longHeader = "{\"channel\":\"C\",\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"" + "h".repeat(151) + "\"}}]}";
        assertThat(slackApi("chat.postMessage", longHeader).body()).isEqualTo("{\"ok\":false,\"error\":"
                + "\"invalid_blocks\"}");
        assertThat(slackApi("chat.postMessage", "{\"channel\":\"C\"}").body()).contains("no_text");
        assertThat(slackApi("chat.update", "{\"channel\":\"C\",\"ts\":\"1.2\",\"text\":\"x\"}").body())
                .contains("message_not_found");
        assertThat(post(vendors.slackApiUrl() + "/chat.postMessage", "application/json", "{}").body())
                .contains("not_authed");
        assertThat(post(vendors.slackWebhookUrl(), "application/json", "{\"blocks\":[{\"type\":\"section\"}]}")
                .body()).isEqualTo("invalid_blocks");
        assertThat(post(vendors.url() + "/services/T/B/guess", "application/json", "{\"text\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(vendors.problems()).hasSize(5);
    }

    @Test
    void answersPagerDutyAsPagerDutyDoes() throws Exception {
        String valid = "{\"routing_key\":\"" + FakeVendorServer.PAGERDUTY_ROUTING_KEY + "\",\"event_action\":"
                + "\"trigger\",\"payload\":{\"summary\":\"down\",\"source\":\"prod\",\"severity\":\"critical\"}}";
        HttpResponse<String> accepted = post(vendors.pagerDutyUrl() + "/v2/enqueue", "application/json", valid);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"status\":\"success\"", "\"dedup_key\":");

        HttpResponse<String> tooLong = post(vendors.pagerDutyUrl() + "/v2/enqueue", "application/json",
                valid.replace("\"down\"", "\"" + "d".repeat(1025) + "\"").replace("critical", "fatal"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"status\":\"invalid event\"", "payload.summary has 1025 characters",
                "payload.severity 'fatal'");
        assertThat(post(vendors.pagerDutyUrl() + "/v2/enqueue", "application/json", valid.replace("trigger",
                "resolve").replace(",\"payload\"", ",\"x\"")).body()).contains("dedup_key is required for resolve");
    }

    @Test
    void answersTwilioAndTheWebhookAsTheyDo() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((FakeVendorServer.TWILIO_SID + ":"
                + FakeVendorServer.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        String url = vendors.twilioUrl() + "/2010-04-01/Accounts/" + FakeVendorServer.TWILIO_SID + "/Messages.json";
        HttpResponse<String> created = post(url, "application/x-www-form-urlencoded",
                "To=%2B41790000001&From=%2B15005550006&Body=hi", "Authorization", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"sid\":\"SM", "\"status\":\"queued\"");
        assertThat(post(url, "application/x-www-form-urlencoded", "To=079&From=%2B15005550006&Body=hi",
                "Authorization", auth).body()).contains("\"code\":21211");
        assertThat(post(url, "application/x-www-form-urlencoded", "To=%2B41790000001", "Authorization",
                "Basic d3Jvbmc=").statusCode()).isEqualTo(401);

        assertThat(post(vendors.webhookUrl(), "application/cloudevents+json", "{\"specversion\":\"1.0\",\"id\":\"1\","
                + "\"source\":\"/x\",\"type\":\"t\"}").body()).isEqualTo("ok");
        assertThat(post(vendors.webhookUrl(), "application/cloudevents+json", "{\"id\":\"1\"}").body())
                .isEqualTo("invalid_payload");
        assertThat(post(vendors.webhookUrl(), "application/json", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void playsScriptedRateLimitsAndErrorsOnce() throws Exception {
        vendors.rateLimit(Vendor.SLACK_API, 12).fail(Vendor.SLACK_API, 503);
        HttpResponse<String> limited = slackApi("chat.postMessage", "{\"channel\":\"C\",\"text\":\"x\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("12");
        assertThat(slackApi("chat.postMessage", "{\"channel\":\"C\",\"text\":\"x\"}").statusCode()).isEqualTo(503);
        assertThat(slackApi("chat.postMessage", "{\"channel\":\"C\",\"text\":\"x\"}").statusCode()).isEqualTo(200);
        assertThat(vendors.slackMessages()).hasSize(1);
    }

    @Test
    void shouldAnswerSlacksConversationMethodsAsSlackDoes() throws Exception {
        HttpResponse<String> created = slackApi("conversations.create", "{\"name\":\"inc-12-high-error-rate\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).startsWith("{\"ok\":true,\"channel\":{\"id\":\"C")
                .contains("\"name\":\"inc-12-high-error-rate\"");
        String id = created.body().replaceAll(".*\"id\":\"(C[A-Z0-9]+)\".*", "$1");
        assertThat(slackApi("conversations.create", "{\"name\":\"inc-12-high-error-rate\"}").body())
                .isEqualTo("{\"ok\":false,\"error\":\"name_taken\"}");
        assertThat(vendors.problems()).isEmpty();

        assertThat(slackApi("conversations.create", "{\"name\":\"INC 12: Down!\"}").body())
                .contains("invalid_name_specials");
        assertThat(slackApi("conversations.create", "{\"name\":\"" + "a".repeat(81) + "\"}").body())
                .contains("invalid_name_maxlength");
        assertThat(slackApi("conversations.create", "{\"name\":\"--\"}").body()).contains("invalid_name_punctuation");
        assertThat(slackApi("conversations.create", "{}").body()).contains("invalid_name_required");
        assertThat(vendors.problems()).hasSize(4);

        String channel = "{\"channel\":\"" + id + "\"";
        assertThat(slackApi("conversations.invite", channel + ",\"users\":\"U0ALICE01,U0BOB0002\"}").body())
                .startsWith("{\"ok\":true");
        assertThat(slackApi("conversations.invite", channel + ",\"users\":\"U0ALICE01\"}").body())
                .contains("already_in_channel");
        assertThat(slackApi("conversations.invite", channel + ",\"users\":[\"U0CAROL03\"]}").body())
                .contains("no_user");
        assertThat(slackApi("conversations.invite", "{\"channel\":\"#inc-12\",\"users\":\"U0CAROL03\"}").body())
                .contains("channel_not_found");
        assertThat(vendors.slackConversations().get(id).members()).containsExactly(FakeVendorServer.SLACK_BOT_USER,
                "U0ALICE01", "U0BOB0002");

        String posted = slackApi("chat.postMessage", channel + ",\"text\":\"summary\"}").body();
        String ts = posted.replaceAll(".*\"ts\":\"([0-9.]+)\".*", "$1");
        assertThat(slackApi("pins.add", channel + ",\"timestamp\":\"" + ts + "\"}").body()).isEqualTo("{\"ok\":true}");
        assertThat(slackApi("pins.add", channel + ",\"timestamp\":\"" + ts + "\"}").body()).contains("already_pinned");
        assertThat(slackApi("pins.add", channel + ",\"timestamp\":\"1764000000.999999\"}").body())
                .contains("message_not_found");
        assertThat(slackApi("pins.add", channel + "}").body()).contains("no_item_specified");

        assertThat(slackApi("conversations.archive", channel + "}").body()).isEqualTo("{\"ok\":true}");
        assertThat(slackApi("conversations.archive", channel + "}").body()).contains("already_archived");
        assertThat(slackApi("chat.postMessage", channel + ",\"text\":\"late\"}").body()).contains("is_archived");
        assertThat(vendors.slackConversations().get(id)).satisfies(room -> {
            assertThat(room.archived()).isTrue();
            assertThat(room.pins()).containsExactly(ts);
        });
        assertThat(post(vendors.slackApiUrl() + "/conversations.create", "application/x-www-form-urlencoded",
                "name=x", "Authorization", "Bearer " + FakeVendorServer.SLACK_TOKEN).body()).contains("invalid_json");
        assertThat(vendors.problems()).hasSize(11).anyMatch(problem -> problem.contains("is not a channel id"))
                .anyMatch(problem -> problem.contains("users is missing or not a comma-separated string"));
    }
}
