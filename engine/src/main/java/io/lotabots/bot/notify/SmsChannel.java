package io.lotabots.bot.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.BotContext;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SMS through a Twilio-compatible API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded
 * {@code To}, {@code From} and {@code Body}, with HTTP basic authentication by account SID and auth token. One
 * message per recipient; bodies longer than {@value #MAX_BODY} characters are cut.
 */
final class SmsChannel implements Channel {
    /** The most characters of a message body Twilio accepts. */
    static final int MAX_BODY = 1600;
    /** A phone number in E.164 form. */
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final HttpCalls calls;
    private final String baseUrl;
    private final String accountSid;
    private final String authToken;
    private final String from;
    private final List<String> to;

    private SmsChannel(final HttpCalls calls, final String baseUrl, final String accountSid, final String authToken,
            final String from, final List<String> to) {
        this.calls = calls;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.from = from;
        this.to = to;
    }

    static SmsChannel create(final NotifyRequest request, final BotContext context, final HttpCalls calls) {
        String sid = Channel.secret(request, context, NotificationBotDescriptor.TWILIO_ACCOUNT_SID)
                .orElseThrow(() -> Channel.missing(ChannelKind.SMS, "the secret "
                        + NotificationBotDescriptor.TWILIO_ACCOUNT_SID));
        String token = Channel.secret(request, context, NotificationBotDescriptor.TWILIO_AUTH_TOKEN)
                .orElseThrow(() -> Channel.missing(ChannelKind.SMS, "the secret "
                        + NotificationBotDescriptor.TWILIO_AUTH_TOKEN));
        if (!SID.matcher(sid).matches()) {
            throw Channel.missing(ChannelKind.SMS, "an account SID of letters and digits in the secret "
                    + NotificationBotDescriptor.TWILIO_ACCOUNT_SID);
        }
        String from = request.getSmsFrom().orElseThrow(() -> Channel.missing(ChannelKind.SMS,
                "the option smsFrom (the sender number in E.164 form, for example +15005550006)"));
        if (request.getSmsTo().isEmpty()) {
            throw Channel.missing(ChannelKind.SMS, "the option smsTo (recipients in E.164 form, for example"
                    + " +41790000000)");
        }
        for (String number : request.getSmsTo()) {
            if (!E164.matcher(number).matches()) {
                throw Channel.missing(ChannelKind.SMS, "phone numbers in E.164 form in the option smsTo, like"
                        + " +41790000000; '" + number + "' is not one");
            }
        }
        if (!E164.matcher(from).matches()) {
            throw Channel.missing(ChannelKind.SMS, "a phone number in E.164 form in the option smsFrom, like"
                    + " +15005550006; '" + from + "' is not one");
        }
        return new SmsChannel(calls, request.getTwilioUrl(), sid, token, from, request.getSmsTo());
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public void send(final Notification notification, final Deliveries deliveries) {
        String text = "[LotaBots] " + notification.title()
                + (notification.link() == null ? "" : " " + notification.link());
        String body = Channel.fit(text, MAX_BODY, "SMS body", deliveries.getOut());
        for (String number : to) {
            String form = "To=" + encode(number) + "&From=" + encode(from) + "&Body=" + encode(body);
            deliveries.deliver(new Deliveries.Target(ChannelKind.SMS, "SMS", notification, null),
                    () -> post(number, form));
        }
    }

    private Attempt post(final String number, final String form) {
        URI uri = URI.create(baseUrl + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        String auth = Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        return calls.post(uri, "application/x-www-form-urlencoded", Map.of("Authorization", "Basic " + auth),
                form.getBytes(StandardCharsets.UTF_8), answer -> {
                    if (answer.isSuccess()) {
                        String sid = null;
                        try {
                            JsonNode json = JSON.readTree(answer.body());
                            sid = json.path("sid").asText(null);
                        }
                        catch (JsonProcessingException e) {
                            // delivered without an id
                        }
                        return Attempt.delivered(sid, number);
                    }
                    String reason = answer.snippet();
                    try {
                        JsonNode json = JSON.readTree(answer.body());
                        if (json.has("message")) {
                            reason = json.path("code").asText("?") + " " + json.path("message").asText();
                        }
                    }
                    catch (JsonProcessingException e) {
                        // keep the snippet
                    }
                    return Attempt.refused("the SMS API refused the message to " + number + ": HTTP "
                            + answer.status() + " " + reason);
                });
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
