package io.lotabots.bot.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Calls methods of the Slack Web API with a bot token: {@code POST <api>/<method>}, a JSON body with
 * {@code Content-Type: application/json; charset=utf-8} and {@code Authorization: Bearer <token>}. Slack answers
 * HTTP 200 with an envelope, {@code {"ok": true, ...}} or {@code {"ok": false, "error": "name_taken"}}: an
 * {@code ok:false} answer is a failure that names Slack's error, except the errors a caller tolerates; HTTP 429 with
 * {@code Retry-After}, 5xx and no answer are worth retrying (see {@link HttpCalls}), and so is the error
 * {@code ratelimited}.
 */
final class SlackWebApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpCalls calls;
    private final String apiUrl;
    private final String token;

    /**
     * Creates the client.
     *
     * @param calls the HTTP calls, with their timeout
     * @param apiUrl the base URL, for example {@code https://slack.com/api}
     * @param token the bot token, a secret
     */
    SlackWebApi(final HttpCalls calls, final String apiUrl, final String token) {
        this.calls = calls;
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = token;
    }

    /**
     * Calls a method.
     *
     * @param method the method, for example {@code conversations.create}
     * @param body the arguments
     * @param tolerated errors that are not failures, for example {@code already_in_channel}; their answer goes to
     *        {@code onOk} too
     * @param onOk turns an {@code ok} answer (or a tolerated error) into the outcome
     * @return the outcome
     */
    Attempt call(final String method, final ObjectNode body, final Set<String> tolerated,
            final Function<JsonNode, Attempt> onOk) {
        URI uri = URI.create(apiUrl + "/" + method);
        return calls.post(uri, "application/json; charset=utf-8", Map.of("Authorization", "Bearer " + token),
                bytes(body), answer -> {
                    if (answer.status() != 200) {
                        return Attempt.refused("Slack " + method + " answered HTTP " + answer.status() + " "
                                + answer.snippet());
                    }
                    JsonNode json;
                    try {
                        json = JSON.readTree(answer.body());
                    }
                    catch (JsonProcessingException e) {
                        return Attempt.refused("Slack " + method + " answered with no JSON: " + answer.snippet());
                    }
                    if (json == null || !json.isObject()) {
                        return Attempt.refused("Slack " + method + " answered with no JSON object: "
                                + answer.snippet());
                    }
                    if (json.path("ok").asBoolean(false)) {
                        return onOk.apply(json);
                    }
                    String error = json.path("error").asText("unknown_error");
                    if (tolerated.contains(error)) {
                        return onOk.apply(json);
                    }
                    return "ratelimited".equals(error) ? Attempt.retry("Slack " + method + ": ratelimited", null)
                            : Attempt.refused("Slack refused " + method + ": " + error);
                });
    }

    /**
     * Returns Slack's error of an answer that {@link #call} passed on as tolerated.
     *
     * @param json the answer
     * @return the error, or an empty string for an {@code ok} answer
     */
    static String error(final JsonNode json) {
        return json.path("ok").asBoolean(false) ? "" : json.path("error").asText("unknown_error");
    }

    static byte[] bytes(final ObjectNode body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("A Slack payload could not be written as JSON", e);
        }
    }
}
