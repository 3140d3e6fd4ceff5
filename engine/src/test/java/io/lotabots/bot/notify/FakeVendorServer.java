package io.lotabots.bot.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A local HTTP server that plays Slack (incoming webhooks and the Web API's {@code chat.postMessage},
 * {@code chat.update}, {@code conversations.create}, {@code conversations.invite}, {@code conversations.archive} and
 * {@code pins.add}, with the channels it created kept as Slack keeps them), PagerDuty (Events API v2: {@code /v2/enqueue} and {@code /v2/change/enqueue}), a generic
 * CloudEvents webhook and Twilio ({@code /2010-04-01/Accounts/{sid}/Messages.json}). It checks every request
 * against the vendor's documented payload format (required fields, types, enums, lengths, content types, auth
 * headers), records what it found, and answers as the vendor does, success or error. Tests script rate limits
 * (429 with {@code Retry-After}), 5xx answers and slow answers per vendor.
 *
 * <p>Reusable by every bot that talks to these vendors (NotificationBot, IncidentBot):</p>
 * <pre>
 * try (FakeVendorServer vendors = FakeVendorServer.start()) {
 *     vendors.rateLimit(FakeVendorServer.Vendor.SLACK_API, 30);
 *     ... point the bot at vendors.slackApiUrl() with token FakeVendorServer.SLACK_TOKEN ...
 *     assertThat(vendors.problems()).isEmpty();
 * }
 * </pre>
 */
public final class FakeVendorServer implements AutoCloseable {
    /** The bot token the Slack Web API accepts. */
    public static final String SLACK_TOKEN = "xoxb-1111111111-2222222222-fakeSlackBotToken42";
    /** The secret part of the Slack incoming webhook URL. */
    public static final String SLACK_WEBHOOK_PATH = "/services/T0FAKE000/B0FAKE000/fakeWebhookSecret7Xy9Qz";
    /** The routing key PagerDuty accepts: 32 characters, as integration keys are. */
    public static final String PAGERDUTY_ROUTING_KEY = "R0FAKEROUTINGKEY0123456789ABCDEF";
    /** A second routing key PagerDuty accepts, of another service (the secondary on-call's). */
    public static final String PAGERDUTY_SECONDARY_ROUTING_KEY = "R0FAKESECONDARYKEY0123456789ABCD";
    /** The Twilio account SID. */
    public static final String TWILIO_SID = "AC00000000000000000000000000fake";
    /** The Twilio auth token. */
    public static final String TWILIO_TOKEN = "fakeTwilioAuthToken0123456789ab";
    /** The secret path of the CloudEvents webhook. */
    public static final String WEBHOOK_PATH = "/hooks/fakeWebhookToken-5f2c9a";

    /** Slack's documented limits. */
    static final int SLACK_MAX_TEXT = 40_000;
    static final int SLACK_MAX_BLOCKS = 50;
    static final int SLACK_MAX_SECTION = 3000;
    static final int SLACK_MAX_HEADER = 150;
    static final int PAGERDUTY_MAX_SUMMARY = 1024;
    static final int PAGERDUTY_MAX_DEDUP_KEY = 255;
    static final int TWILIO_MAX_BODY = 1600;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BLOCK_TYPES = Set.of("section", "header", "context", "divider", "actions",
            "image", "rich_text", "input", "file", "video");
    private static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Set<String> PD_ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern SLACK_TS = Pattern.compile("[0-9]{10}\\.[0-9]{6}");
    /** Slack's channel names: lower-case letters, digits, hyphens and underscores, at most 80 characters. */
    private static final Pattern SLACK_CHANNEL_NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Set<String> SLACK_METHODS = Set.of("chat.postMessage", "chat.update",
            "conversations.create", "conversations.invite", "conversations.archive", "pins.add");
    /** The most characters of a Slack channel name. */
    static final int SLACK_MAX_CHANNEL_NAME = 80;
    /** The user id of the bot that owns the token; it is a member of every channel it creates. */
    public static final String SLACK_BOT_USER = "U0LOTABOT1";

    /** The vendors this server plays. */
    public enum Vendor {
        /** Slack incoming webhooks. */
        SLACK_WEBHOOK,
        /** Slack Web API. */
        SLACK_API,
        /** PagerDuty Events API v2. */
        PAGERDUTY,
        /** A generic CloudEvents webhook. */
        WEBHOOK,
        /** Twilio's Messages API. */
        TWILIO
    }

    /**
     * One request the server received, with what it found wrong and what it answered.
     *
     * @param vendor the vendor
     * @param method the HTTP method
     * @param path the path
     * @param headers the headers, names in lower case
     * @param body the body
     * @param status the status answered
     * @param answer the body answered
     * @param problems what does not follow the vendor's format; empty for a valid request
     */
    public record Request(Vendor vendor, String method, String path, Map<String, String> headers, String body,
            int status, String answer, List<String> problems) {
        /**
         * Returns the body as JSON.
         *
         * @return the JSON
         */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            }
            catch (JsonProcessingException e) {
                throw new IllegalStateException("The body is not JSON: " + body, e);
            }
        }

        /**
         * Returns the body as form fields.
         *
         * @return the fields
         */
        public Map<String, String> form() {
            return parseForm(body);
        }
    }

    private record Scripted(int status, Map<String, String> headers, String body, Duration delay) {
    }

    /**
     * A Slack channel as it stands now.
     *
     * @param id the channel id, for example {@code C00000000A1}
     * @param name the name
     * @param members the members' user ids, the bot first
     * @param archived whether it is archived
     * @param pins the {@code ts} of the pinned messages
     */
    public record SlackConversation(String id, String name, List<String> members, boolean archived,
            List<String> pins) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new ArrayList<>();
    private final Map<Vendor, Deque<Scripted>> scripts = new EnumMap<>(Vendor.class);
    private final Map<String, ObjectNode> slackMessages = new LinkedHashMap<>();
    private final Map<String, SlackConversation> slackConversations = new LinkedHashMap<>();
    private final AtomicLong clock = new AtomicLong(1_764_000_000_000_100L);

    private FakeVendorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        for (Vendor vendor : Vendor.values()) {
            scripts.put(vendor, new ArrayDeque<>());
        }
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the server
     */
    public static FakeVendorServer start() {
        try {
            FakeVendorServer fake = new FakeVendorServer();
            fake.server.start();
            return fake;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the base URL.
     *
     * @return for example {@code http://127.0.0.1:40123}
     */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** @return the Slack incoming webhook URL, a secret */
    public String slackWebhookUrl() {
        return url() + SLACK_WEBHOOK_PATH;
    }

    /** @return the base URL of the Slack Web API */
    public String slackApiUrl() {
        return url() + "/api";
    }

    /** @return the base URL of the PagerDuty Events API */
    public String pagerDutyUrl() {
        return url();
    }

    /** @return the CloudEvents webhook URL, a secret */
    public String webhookUrl() {
        return url() + WEBHOOK_PATH;
    }

    /** @return the base URL of the Twilio API */
    public String twilioUrl() {
        return url();
    }

    /**
     * Scripts the next answer of a vendor, whatever the request.
     *
     * @param vendor the vendor
     * @param status the status
     * @param headers the headers
     * @param body the body
     * @return this
     */
    public synchronized FakeVendorServer script(final Vendor vendor, final int status,
            final Map<String, String> headers, final String body) {
        scripts.get(vendor).add(new Scripted(status, headers, body, Duration.ZERO));
        return this;
    }

    /**
     * Answers the next request of a vendor with 429 and a {@code Retry-After}, as each vendor rate-limits.
     *
     * @param vendor the vendor
     * @param retryAfterSeconds the seconds in {@code Retry-After}
     * @return this
     */
    public FakeVendorServer rateLimit(final Vendor vendor, final int retryAfterSeconds) {
        String body = switch (vendor) {
            case SLACK_API -> "{\"ok\":false,\"error\":\"ratelimited\"}";
            case PAGERDUTY -> "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving"
                    + " too quickly. Please retry later.\"}";
            case TWILIO -> "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}";
            default -> "rate_limited";
        };
        return script(vendor, 429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), body);
    }

    /**
     * Answers the next request of a vendor with a server error.
     *
     * @param vendor the vendor
     * @param status the status, for example 503
     * @return this
     */
    public FakeVendorServer fail(final Vendor vendor, final int status) {
        return script(vendor, status, Map.of(), "Service Unavailable");
    }

    /**
     * Answers the next request of a vendor only after a real delay, for timeout tests; keep it short.
     *
     * @param vendor the vendor
     * @param delay how long to wait before answering 500
     * @return this
     */
    public synchronized FakeVendorServer slow(final Vendor vendor, final Duration delay) {
        scripts.get(vendor).add(new Scripted(500, Map.of(), "too slow", delay));
        return this;
    }

    /**
     * Returns every request received.
     *
     * @return the requests, in order
     */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Returns the requests to one vendor.
     *
     * @param vendor the vendor
     * @return the requests, in order
     */
    public synchronized List<Request> requests(final Vendor vendor) {
        return requests.stream().filter(request -> request.vendor() == vendor).toList();
    }

    /**
     * Returns every problem found in any request, each prefixed with the vendor and path.
     *
     * @return the problems; empty when every request followed the vendors' formats
     */
    public synchronized List<String> problems() {
        List<String> all = new ArrayList<>();
        for (Request request : requests) {
            request.problems().forEach(problem -> all.add(request.vendor() + " " + request.path() + ": " + problem));
        }
        return all;
    }

    /**
     * Returns the Slack messages as they stand now, after every update, by {@code ts}.
     *
     * @return the messages, each with its {@code channel}, {@code ts}, {@code text}, {@code blocks} and, for thread
     *         replies, {@code thread_ts}
     */
    public synchronized Map<String, JsonNode> slackMessages() {
        return Map.copyOf(slackMessages);
    }

    /**
     * Returns the Slack channels created through {@code conversations.create} (or {@link #slackChannelExists}), as
     * they stand now, by id.
     *
     * @return the channels
     */
    public synchronized Map<String, SlackConversation> slackConversations() {
        return Map.copyOf(slackConversations);
    }

    /**
     * Makes a Slack channel exist already, so that creating one of that name is answered {@code name_taken}.
     *
     * @param name the name
     * @return the channel's id
     */
    public synchronized String slackChannelExists(final String name) {
        String id = String.format(Locale.ROOT, "C%010X", clock.incrementAndGet() % 0xFFFFFFFFFFL);
        slackConversations.put(id, new SlackConversation(id, name, List.of("U0SOMEONE1"), false, List.of()));
        return id;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readNBytes(2 * 1024 * 1024);
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            Vendor vendor = vendorOf(path);
            Scripted scripted;
            synchronized (this) {
                scripted = vendor == null ? null : scripts.get(vendor).poll();
            }
            List<String> problems = new ArrayList<>();
            Scripted answer;
            if (!"POST".equals(exchange.getRequestMethod())) {
                problems.add("method " + exchange.getRequestMethod() + " instead of POST");
                answer = new Scripted(405, Map.of(), "method_not_allowed", Duration.ZERO);
            }
            else if (vendor == null) {
                answer = new Scripted(404, Map.of(), "no_service", Duration.ZERO);
            }
            else {
                synchronized (this) {
                    answer = switch (vendor) {
                        case SLACK_WEBHOOK -> slackWebhook(path, headers, body, problems);
                        case SLACK_API -> slackApi(path, headers, body, problems, scripted == null);
                        case PAGERDUTY -> pagerDuty(path, headers, body, problems);
                        case WEBHOOK -> webhook(path, headers, body, problems);
                        case TWILIO -> twilio(path, headers, body, problems);
                    };
                }
            }
            if (scripted != null) {
                answer = scripted;
            }
            synchronized (this) {
                requests.add(new Request(vendor, exchange.getRequestMethod(), path, Map.copyOf(headers), body,
                        answer.status(), answer.body(), List.copyOf(problems)));
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", answer.body().startsWith("{")
                        ? "application/json; charset=utf-8" : "text/html");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static Vendor vendorOf(final String path) {
        if (path.startsWith("/services/")) {
            return Vendor.SLACK_WEBHOOK;
        }
        if (path.startsWith("/api/")) {
            return Vendor.SLACK_API;
        }
        if (path.startsWith("/v2/")) {
            return Vendor.PAGERDUTY;
        }
        if (path.startsWith("/hooks/")) {
            return Vendor.WEBHOOK;
        }
        if (path.startsWith("/2010-04-01/")) {
            return Vendor.TWILIO;
        }
        return null;
    }

    // Slack ----------------------------------------------------------------------------------------------------

    private Scripted slackWebhook(final String path, final Map<String, String> headers, final String body,
            final List<String> problems) {
        if (!SLACK_WEBHOOK_PATH.equals(path)) {
            problems.add("unknown webhook URL");
            return new Scripted(404, Map.of(), "no_service", Duration.ZERO);
        }
        contentType(headers, "application/json", problems);
        JsonNode json = parse(body, problems);
        if (json == null || !json.isObject()) {
            problems.add("the body is not a JSON object");
            return new Scripted(400, Map.of(), "invalid_payload", Duration.ZERO);
        }
        if (!json.hasNonNull("text") && !json.hasNonNull("blocks") && !json.hasNonNull("attachments")) {
            problems.add("neither text nor blocks");
            return new Scripted(400, Map.of(), "no_text", Duration.ZERO);
        }
        int before = problems.size();
        checkSlackMessage(json, problems);
        if (problems.size() > before) {
            return new Scripted(400, Map.of(), "invalid_blocks", Duration.ZERO);
        }
        return new Scripted(200, Map.of(), "ok", Duration.ZERO);
    }

    private Scripted slackApi(final String path, final Map<String, String> headers, final String body,
            final List<String> problems, final boolean apply) {
        String method = path.substring("/api/".length());
        if (!SLACK_METHODS.contains(method)) {
            problems.add("unknown method " + method);
            return slackError("unknown_method");
        }
        String auth = headers.getOrDefault("authorization", "");
        if (auth.isEmpty()) {
            problems.add("no Authorization header");
            return slackError("not_authed");
        }
        if (!auth.equals("Bearer " + SLACK_TOKEN)) {
            problems.add("wrong bot token");
            return slackError("invalid_auth");
        }
        contentType(headers, "application/json", problems);
        if (!headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT).contains("charset=utf-8")) {
            problems.add("JSON posted without charset=utf-8 (Slack warns missing_charset)");
        }
        JsonNode json = parse(body, problems);
        if (json == null || !json.isObject()) {
            problems.add("the body is not a JSON object");
            return slackError("invalid_json");
        }
        return switch (method) {
            case "conversations.create" -> slackCreate(json, problems, apply);
            case "conversations.invite" -> slackInvite(json, problems, apply);
            case "conversations.archive" -> slackArchive(json, problems, apply);
            case "pins.add" -> slackPin(json, problems, apply);
            default -> slackChat(method, json, problems, apply);
        };
    }

    private Scripted slackChat(final String method, final JsonNode json, final List<String> problems,
            final boolean apply) {
        String channel = text(json, "channel", problems);
        if (channel == null) {
            return slackError("channel_not_found");
        }
        if (!json.hasNonNull("text") && !json.hasNonNull("blocks")) {
            problems.add("neither text nor blocks");
            return slackError("no_text");
        }
        if (json.path("text").asText("").length() > SLACK_MAX_TEXT) {
            problems.add("text longer than " + SLACK_MAX_TEXT);
            return slackError("msg_too_long");
        }
        int before = problems.size();
        checkSlackMessage(json, problems);
        if (problems.size() > before) {
            return slackError("invalid_blocks");
        }
        String channelId = channel.matches("C[A-Z0-9]{8,}") ? channel
                : "C" + String.format(Locale.ROOT, "%08X", channel.hashCode());
        SlackConversation conversation = slackConversations.get(channelId);
        if (conversation != null && conversation.archived()) {
            return slackError("is_archived");
        }
        ObjectNode stored = ((ObjectNode) json).deepCopy();
        stored.put("channel", channelId);
        if ("chat.update".equals(method)) {
            String ts = text(json, "ts", problems);
            if (ts == null || !slackMessages.containsKey(ts) || !slackMessages.get(ts).path("channel").asText()
                    .equals(channelId)) {
                return slackError("message_not_found");
            }
            ObjectNode existing = slackMessages.get(ts);
            if (existing.has("thread_ts")) {
                stored.set("thread_ts", existing.get("thread_ts"));
            }
            if (apply) {
                slackMessages.put(ts, stored);
            }
            return slackOk(channelId, ts, stored);
        }
        if (json.has("thread_ts")) {
            String thread = json.path("thread_ts").asText("");
            if (!json.get("thread_ts").isTextual() || !SLACK_TS.matcher(thread).matches()) {
                problems.add("thread_ts is not a Slack timestamp string");
                return slackError("invalid_thread_ts");
            }
            if (!slackMessages.containsKey(thread)) {
                return slackError("thread_not_found");
            }
        }
        if (json.has("reply_broadcast") && !json.get("reply_broadcast").isBoolean()) {
            problems.add("reply_broadcast is not a boolean");
        }
        long micros = clock.addAndGet(100);
        String ts = String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
        stored.put("ts", ts);
        if (apply) {
            slackMessages.put(ts, stored);
        }
        return slackOk(channelId, ts, stored);
    }

    private Scripted slackCreate(final JsonNode json, final List<String> problems, final boolean apply) {
        JsonNode given = json.get("name");
        if (given == null || !given.isTextual() || given.asText().isEmpty()) {
            problems.add("name is missing or not a string");
            return slackError("invalid_name_required");
        }
        String name = given.asText();
        if (name.length() > SLACK_MAX_CHANNEL_NAME) {
            problems.add("name has " + name.length() + " characters, more than " + SLACK_MAX_CHANNEL_NAME);
            return slackError("invalid_name_maxlength");
        }
        if (!SLACK_CHANNEL_NAME.matcher(name).matches()) {
            problems.add("name '" + name + "' has characters other than lower-case letters, digits, hyphens and"
                    + " underscores");
            return slackError("invalid_name_specials");
        }
        if (name.matches("[-_]+")) {
            problems.add("name '" + name + "' is only punctuation");
            return slackError("invalid_name_punctuation");
        }
        if (json.has("is_private") && !json.get("is_private").isBoolean()) {
            problems.add("is_private is not a boolean");
        }
        if (slackConversations.values().stream().anyMatch(conversation -> conversation.name().equals(name))) {
            return slackError("name_taken");
        }
        String id = String.format(Locale.ROOT, "C%010X", clock.incrementAndGet() % 0xFFFFFFFFFFL);
        if (apply) {
            slackConversations.put(id, new SlackConversation(id, name, List.of(SLACK_BOT_USER), false,
                    List.of()));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ok", true);
        ObjectNode channel = answer.putObject("channel");
        channel.put("id", id);
        channel.put("name", name);
        channel.put("is_channel", true);
        channel.put("is_private", json.path("is_private").asBoolean(false));
        channel.put("is_archived", false);
        channel.put("is_member", true);
        channel.put("creator", SLACK_BOT_USER);
        channel.put("created", clock.get() / 1_000_000);
        return new Scripted(200, Map.of(), answer.toString(), Duration.ZERO);
    }

    /**
     * Finds the channel named by the argument {@code channel}, or says which error Slack answers.
     */
    private Object slackChannelOf(final JsonNode json, final List<String> problems) {
        String channel = text(json, "channel", problems);
        if (channel == null) {
            return slackError("channel_not_found");
        }
        if (!channel.matches("[CG][A-Z0-9]{8,}")) {
            problems.add("channel '" + channel + "' is not a channel id (these methods take ids, not names)");
            return slackError("channel_not_found");
        }
        SlackConversation conversation = slackConversations.get(channel);
        return conversation == null ? slackError("channel_not_found") : conversation;
    }

    private Scripted slackInvite(final JsonNode json, final List<String> problems, final boolean apply) {
        Object found = slackChannelOf(json, problems);
        if (found instanceof Scripted error) {
            return error;
        }
        SlackConversation conversation = (SlackConversation) found;
        JsonNode given = json.get("users");
        if (given == null || !given.isTextual() || given.asText().isBlank()) {
            problems.add("users is missing or not a comma-separated string of user ids");
            return slackError("no_user");
        }
        List<String> users = List.of(given.asText().split(","));
        if (users.size() > 1000) {
            problems.add("more than 1000 users");
            return slackError("too_many_users");
        }
        for (String user : users) {
            if (!SLACK_USER.matcher(user).matches()) {
                problems.add("'" + user + "' is not a user id");
                return slackError("user_not_found");
            }
            if (user.equals(SLACK_BOT_USER)) {
                return slackError("cant_invite_self");
            }
        }
        if (conversation.archived()) {
            return slackError("is_archived");
        }
        if (users.stream().anyMatch(conversation.members()::contains)) {
            return slackError("already_in_channel");
        }
        if (apply) {
            List<String> members = new ArrayList<>(conversation.members());
            members.addAll(users);
            slackConversations.put(conversation.id(), new SlackConversation(conversation.id(), conversation.name(),
                    List.copyOf(members), false, conversation.pins()));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ok", true);
        answer.putObject("channel").put("id", conversation.id()).put("name", conversation.name());
        return new Scripted(200, Map.of(), answer.toString(), Duration.ZERO);
    }

    private Scripted slackArchive(final JsonNode json, final List<String> problems, final boolean apply) {
        Object found = slackChannelOf(json, problems);
        if (found instanceof Scripted error) {
            return error;
        }
        SlackConversation conversation = (SlackConversation) found;
        if (conversation.archived()) {
            return slackError("already_archived");
        }
        if (apply) {
            slackConversations.put(conversation.id(), new SlackConversation(conversation.id(), conversation.name(),
                    conversation.members(), true, conversation.pins()));
        }
        return new Scripted(200, Map.of(), "{\"ok\":true}", Duration.ZERO);
    }

    private Scripted slackPin(final JsonNode json, final List<String> problems, final boolean apply) {
        Object found = slackChannelOf(json, problems);
        if (found instanceof Scripted error) {
            return error;
        }
        SlackConversation conversation = (SlackConversation) found;
        String ts = text(json, "timestamp", problems);
        if (ts == null) {
            return slackError("no_item_specified");
        }
        if (!SLACK_TS.matcher(ts).matches()) {
            problems.add("timestamp is not a Slack timestamp string");
            return slackError("message_not_found");
        }
        ObjectNode message = slackMessages.get(ts);
        if (message == null || !conversation.id().equals(message.path("channel").asText())) {
            return slackError("message_not_found");
        }
        if (conversation.archived()) {
            return slackError("is_archived");
        }
        if (conversation.pins().contains(ts)) {
            return slackError("already_pinned");
        }
        if (apply) {
            List<String> pins = new ArrayList<>(conversation.pins());
            pins.add(ts);
            slackConversations.put(conversation.id(), new SlackConversation(conversation.id(), conversation.name(),
                    conversation.members(), false, List.copyOf(pins)));
        }
        return new Scripted(200, Map.of(), "{\"ok\":true}", Duration.ZERO);
    }

    private static Scripted slackOk(final String channel, final String ts, final ObjectNode message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ok", true);
        answer.put("channel", channel);
        answer.put("ts", ts);
        answer.set("message", message);
        return new Scripted(200, Map.of(), answer.toString(), Duration.ZERO);
    }

    private static Scripted slackError(final String error) {
        return new Scripted(200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}", Duration.ZERO);
    }

    private static void checkSlackMessage(final JsonNode json, final List<String> problems) {
        if (json.has("text") && !json.get("text").isTextual()) {
            problems.add("text is not a string");
        }
        if (!json.has("blocks")) {
            return;
        }
        JsonNode blocks = json.get("blocks");
        if (!blocks.isArray()) {
            problems.add("blocks is not an array");
            return;
        }
        if (blocks.size() > SLACK_MAX_BLOCKS) {
            problems.add("more than " + SLACK_MAX_BLOCKS + " blocks: " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            checkBlock(blocks.get(i), "blocks[" + i + "]", problems);
        }
    }

    private static void checkBlock(final JsonNode block, final String where, final List<String> problems) {
        String type = block.path("type").asText("");
        if (!BLOCK_TYPES.contains(type)) {
            problems.add(where + " has unknown type '" + type + "'");
            return;
        }
        if (block.has("block_id") && (!block.get("block_id").isTextual()
                || block.get("block_id").asText().length() > 255)) {
            problems.add(where + ".block_id is not a string of at most 255 characters");
        }
        switch (type) {
            case "section" -> {
                if (!block.has("text") && !block.has("fields")) {
                    problems.add(where + " (section) has neither text nor fields");
                }
                if (block.has("text")) {
                    checkText(block.get("text"), where + ".text", SLACK_MAX_SECTION, false, problems);
                }
                if (block.has("fields")) {
                    JsonNode fields = block.get("fields");
                    if (!fields.isArray() || fields.size() > 10) {
                        problems.add(where + ".fields is not an array of at most 10");
                    }
                    else {
                        for (int i = 0; i < fields.size(); i++) {
                            checkText(fields.get(i), where + ".fields[" + i + "]", 2000, false, problems);
                        }
                    }
                }
            }
            case "header" -> checkText(block.get("text"), where + ".text", SLACK_MAX_HEADER, true, problems);
            case "context" -> {
                JsonNode elements = block.get("elements");
                if (elements == null || !elements.isArray() || elements.isEmpty() || elements.size() > 10) {
                    problems.add(where + ".elements is not an array of 1 to 10 elements");
                }
                else {
                    for (int i = 0; i < elements.size(); i++) {
                        JsonNode element = elements.get(i);
                        if (!"image".equals(element.path("type").asText())) {
                            checkText(element, where + ".elements[" + i + "]", SLACK_MAX_SECTION, false, problems);
                        }
                    }
                }
            }
            default -> {
                // other block types are accepted as they are
            }
        }
    }

    private static void checkText(final JsonNode text, final String where, final int max, final boolean plainOnly,
            final List<String> problems) {
        if (text == null || !text.isObject()) {
            problems.add(where + " is not a text object");
            return;
        }
        String type = text.path("type").asText("");
        if (plainOnly ? !"plain_text".equals(type) : !"plain_text".equals(type) && !"mrkdwn".equals(type)) {
            problems.add(where + ".type is '" + type + "', expected " + (plainOnly ? "plain_text"
                    : "plain_text or mrkdwn"));
        }
        JsonNode value = text.get("text");
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            problems.add(where + ".text is missing or empty");
        }
        else if (value.asText().length() > max) {
            problems.add(where + ".text has " + value.asText().length() + " characters, more than " + max);
        }
    }

    // PagerDuty ------------------------------------------------------------------------------------------------

    private Scripted pagerDuty(final String path, final Map<String, String> headers, final String body,
            final List<String> problems) {
        boolean change = "/v2/change/enqueue".equals(path);
        if (!change && !"/v2/enqueue".equals(path)) {
            problems.add("unknown path");
            return new Scripted(404, Map.of(), "{\"status\":\"not found\"}", Duration.ZERO);
        }
        contentType(headers, "application/json", problems);
        JsonNode json = parse(body, problems);
        int before = problems.size();
        String dedupKey = null;
        if (json == null || !json.isObject()) {
            problems.add("the body is not a JSON object");
        }
        else {
            String key = text(json, "routing_key", problems);
            if (key != null && key.length() != 32) {
                problems.add("routing_key is not 32 characters");
            }
            else if (key != null && !PAGERDUTY_ROUTING_KEY.equals(key)
                    && !PAGERDUTY_SECONDARY_ROUTING_KEY.equals(key)) {
                problems.add("unknown routing_key");
            }
            if (json.has("dedup_key")) {
                dedupKey = json.get("dedup_key").asText();
                if (!json.get("dedup_key").isTextual() || dedupKey.isEmpty()
                        || dedupKey.length() > PAGERDUTY_MAX_DEDUP_KEY) {
                    problems.add("dedup_key is not a string of 1 to " + PAGERDUTY_MAX_DEDUP_KEY + " characters");
                }
            }
            if (change) {
                checkPayload(json.get("payload"), false, problems);
            }
            else {
                String action = text(json, "event_action", problems);
                if (action != null && !PD_ACTIONS.contains(action)) {
                    problems.add("event_action '" + action + "' is not one of " + PD_ACTIONS);
                }
                if (("acknowledge".equals(action) || "resolve".equals(action)) && dedupKey == null) {
                    problems.add("dedup_key is required for " + action);
                }
                if ("trigger".equals(action)) {
                    checkPayload(json.get("payload"), true, problems);
                }
            }
            checkLinks(json, problems);
        }
        if (problems.size() > before) {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("status", "invalid event");
            answer.put("message", "Event object is invalid");
            problems.subList(before, problems.size()).forEach(answer.putArray("errors")::add);
            return new Scripted(400, Map.of(), answer.toString(), Duration.ZERO);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("status", "success");
        answer.put("message", change ? "Change event processed" : "Event processed");
        if (!change) {
            answer.put("dedup_key", dedupKey == null ? "generated" + clock.incrementAndGet() : dedupKey);
        }
        return new Scripted(202, Map.of(), answer.toString(), Duration.ZERO);
    }

    private static void checkPayload(final JsonNode payload, final boolean alert, final List<String> problems) {
        if (payload == null || !payload.isObject()) {
            problems.add("payload is missing or not an object");
            return;
        }
        String summary = text(payload, "summary", problems);
        if (summary != null && (summary.isEmpty() || summary.length() > PAGERDUTY_MAX_SUMMARY)) {
            problems.add("payload.summary has " + summary.length() + " characters, allowed 1 to "
                    + PAGERDUTY_MAX_SUMMARY);
        }
        if (alert) {
            String source = text(payload, "source", problems);
            if (source != null && source.isEmpty()) {
                problems.add("payload.source is empty");
            }
            String severity = text(payload, "severity", problems);
            if (severity != null && !PD_SEVERITIES.contains(severity)) {
                problems.add("payload.severity '" + severity + "' is not one of " + PD_SEVERITIES);
            }
            for (String field : List.of("component", "group", "class")) {
                if (payload.has(field) && !payload.get(field).isTextual()) {
                    problems.add("payload." + field + " is not a string");
                }
            }
        }
        if (payload.has("timestamp")) {
            try {
                OffsetDateTime.parse(payload.get("timestamp").asText());
            }
            catch (DateTimeParseException e) {
                problems.add("payload.timestamp is not ISO 8601");
            }
        }
        if (payload.has("custom_details") && !payload.get("custom_details").isObject()) {
            problems.add("payload.custom_details is not an object");
        }
    }

    private static void checkLinks(final JsonNode json, final List<String> problems) {
        if (!json.has("links")) {
            return;
        }
        JsonNode links = json.get("links");
        if (!links.isArray()) {
            problems.add("links is not an array");
            return;
        }
        for (JsonNode link : links) {
            if (!link.path("href").isTextual() || link.path("href").asText().isEmpty()) {
                problems.add("a link has no href");
            }
            if (link.has("text") && !link.get("text").isTextual()) {
                problems.add("a link text is not a string");
            }
        }
    }

    // CloudEvents webhook --------------------------------------------------------------------------------------

    private Scripted webhook(final String path, final Map<String, String> headers, final String body,
            final List<String> problems) {
        if (!WEBHOOK_PATH.equals(path)) {
            problems.add("unknown webhook URL");
            return new Scripted(404, Map.of(), "not_found", Duration.ZERO);
        }
        String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        JsonNode json = parse(body, problems);
        int before = problems.size();
        if (json == null) {
            problems.add("the body is not JSON");
        }
        else if (type.startsWith("application/cloudevents+json")) {
            checkCloudEvent(json, "event", problems);
        }
        else if (type.startsWith("application/cloudevents-batch+json")) {
            if (!json.isArray()) {
                problems.add("a batch is not a JSON array");
            }
            else {
                for (int i = 0; i < json.size(); i++) {
                    checkCloudEvent(json.get(i), "event[" + i + "]", problems);
                }
            }
        }
        else {
            problems.add("content type '" + type + "' is not a CloudEvents JSON format");
        }
        return problems.size() > before ? new Scripted(400, Map.of(), "invalid_payload", Duration.ZERO)
                : new Scripted(200, Map.of(), "ok", Duration.ZERO);
    }

    private static void checkCloudEvent(final JsonNode event, final String where, final List<String> problems) {
        if (!event.isObject()) {
            problems.add(where + " is not an object");
            return;
        }
        if (!"1.0".equals(event.path("specversion").asText())) {
            problems.add(where + ".specversion is not 1.0");
        }
        for (String attribute : List.of("id", "source", "type")) {
            if (!event.path(attribute).isTextual() || event.path(attribute).asText().isEmpty()) {
                problems.add(where + "." + attribute + " is missing or empty");
            }
        }
        if (event.has("time")) {
            try {
                OffsetDateTime.parse(event.get("time").asText());
            }
            catch (DateTimeParseException e) {
                problems.add(where + ".time is not RFC 3339");
            }
        }
        Iterator<String> names = event.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.matches("[a-z0-9]{1,20}") && !"data_base64".equals(name)) {
                problems.add(where + " has an attribute name '" + name + "' CloudEvents does not allow");
            }
        }
    }

    // Twilio ---------------------------------------------------------------------------------------------------

    private Scripted twilio(final String path, final Map<String, String> headers, final String body,
            final List<String> problems) {
        String expected = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";
        String auth = headers.getOrDefault("authorization", "");
        String basic = "Basic " + Base64.getEncoder().encodeToString((TWILIO_SID + ":" + TWILIO_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(auth)) {
            problems.add("wrong or missing basic authentication");
            return new Scripted(401, Map.of(), "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":"
                    + "\"https://www.twilio.com/docs/errors/20003\",\"status\":401}", Duration.ZERO);
        }
        if (!expected.equals(path)) {
            problems.add("unknown account or resource");
            return new Scripted(404, Map.of(), "{\"code\":20404,\"message\":\"The requested resource was not"
                    + " found\",\"status\":404}", Duration.ZERO);
        }
        contentType(headers, "application/x-www-form-urlencoded", problems);
        Map<String, String> form = parseForm(body);
        int before = problems.size();
        String to = form.get("To");
        String from = form.get("From");
        String text = form.get("Body");
        if (to == null || !E164.matcher(to).matches()) {
            problems.add("To is not an E.164 number");
            return twilioError(21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        if (from == null || !E164.matcher(from).matches()) {
            problems.add("From is not an E.164 number");
            return twilioError(21212, "The 'From' number " + from + " is not a valid phone number.");
        }
        if (text == null || text.isEmpty()) {
            problems.add("Body is missing");
            return twilioError(21602, "Message body is required.");
        }
        if (text.length() > TWILIO_MAX_BODY) {
            problems.add("Body has " + text.length() + " characters, more than " + TWILIO_MAX_BODY);
            return twilioError(21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (problems.size() > before) {
            return twilioError(21610, "Invalid request");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("sid", String.format(Locale.ROOT, "SM%032x", clock.incrementAndGet()));
        answer.put("account_sid", TWILIO_SID);
        answer.put("to", to);
        answer.put("from", from);
        answer.put("body", text);
        answer.put("status", "queued");
        answer.put("num_segments", String.valueOf((text.length() + 152) / 153));
        answer.put("direction", "outbound-api");
        answer.put("api_version", "2010-04-01");
        answer.put("uri", expected.replace("Messages.json", "Messages/" + answer.get("sid").asText() + ".json"));
        return new Scripted(201, Map.of(), answer.toString(), Duration.ZERO);
    }

    private static Scripted twilioError(final int code, final String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("code", code);
        answer.put("message", message);
        answer.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        answer.put("status", 400);
        return new Scripted(400, Map.of(), answer.toString(), Duration.ZERO);
    }

    // shared ---------------------------------------------------------------------------------------------------

    private static void contentType(final Map<String, String> headers, final String expected,
            final List<String> problems) {
        String type = headers.getOrDefault("content-type", "");
        if (!type.toLowerCase(Locale.ROOT).startsWith(expected)) {
            problems.add("content type '" + type + "' instead of " + expected);
        }
    }

    private static JsonNode parse(final String body, final List<String> problems) {
        try {
            return JSON.readTree(body);
        }
        catch (JsonProcessingException e) {
            problems.add("the body is not JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static String text(final JsonNode json, final String field, final List<String> problems) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            problems.add(field + " is missing");
            return null;
        }
        if (!value.isTextual()) {
            problems.add(field + " is not a string");
            return null;
        }
        return value.asText();
    }

    private static Map<String, String> parseForm(final String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
