package io.lotabots.bot.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.util.SecureYaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which messages go to which channel. Rules come from options ({@link Route#parse(String)}) and from a YAML or JSON
 * file:
 *
 * <pre>
 * routes:
 *   - channel: slack                      # every stage
 *   - channel: pagerduty
 *     types: ["alert.triggered", "deploy.failed", "deploy.completed"]
 *     minSeverity: error
 *   - channel: sms
 *     severities: [critical]
 * </pre>
 *
 * <p>Without any rule each selected channel gets every message: a notification at every stage. A channel that has
 * rules gets a message if any of its rules takes it. Files are read up to {@value #MAX_FILE_BYTES} bytes, YAML
 * aliases and nesting are bounded, and every error names the file, line and what to write instead.</p>
 */
public final class RoutingRules {
    /** The largest routing file read. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** The most rules in one file. */
    public static final int MAX_RULES = 1_000;

    private final List<Route> routes;

    private RoutingRules(final List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Returns rules made of the given routes.
     *
     * @param routes the routes; none for a notification at every stage on every channel
     * @return the rules
     */
    public static RoutingRules of(final List<Route> routes) {
        return new RoutingRules(routes);
    }

    /**
     * Parses rules given as options.
     *
     * @param texts the rules, each {@code CHANNEL[:TYPE|TYPE...][@MIN_SEVERITY]}
     * @param option the option name, for errors
     * @return the rules
     * @throws LotaBotsException with {@link NotifyErrorCode#INVALID_ROUTE} or {@link NotifyErrorCode#UNKNOWN_CHANNEL}
     */
    public static RoutingRules parse(final List<String> texts, final String option) {
        List<Route> routes = new ArrayList<>();
        for (String text : texts) {
            try {
                routes.add(Route.parse(text));
            }
            catch (IllegalArgumentException e) {
                throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "Option '" + option + "' of"
                        + " NotificationBot: " + e.getMessage() + ".");
            }
        }
        return new RoutingRules(routes);
    }

    /**
     * Reads rules from a YAML or JSON file ({@code .json} is read as JSON, anything else as YAML).
     *
     * @param file the file
     * @param shown the file name to put in errors, for example as the user gave it
     * @return the rules
     * @throws LotaBotsException with {@link NotifyErrorCode#INVALID_ROUTE} naming the file and line
     */
    public static RoutingRules load(final Path file, final String shown) {
        if (!Files.isRegularFile(file)) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' does not"
                    + " exist or is not a file. Give the path of a YAML or JSON file relative to the workspace.");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        catch (IOException e) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "Cannot read the routing file '" + shown
                    + "': " + e.getMessage(), e);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' is larger"
                    + " than " + MAX_FILE_BYTES + " bytes; a routing file holds a few rules. Is it the right file?");
        }
        boolean json = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(content, json, shown);
    }

    /**
     * Parses the content of a routing file.
     *
     * @param content the bytes
     * @param json whether the content is JSON rather than YAML
     * @param shown the file name for errors
     * @return the rules
     */
    static RoutingRules parse(final byte[] content, final boolean json, final String shown) {
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(SecureYaml.factory(MAX_FILE_BYTES));
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (new String(content, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' is empty"
                    + " and has no 'routes' list. " + FORMAT_HINT);
        }
        RuleFile parsed;
        try {
            if (!json) {
                SecureYaml.rejectAliases(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            }
            parsed = mapper.readValue(content, RuleFile.class);
        }
        catch (SecureYaml.InvalidYamlException e) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' is"
                    + " malformed" + (e.getLine() > 0 ? " at line " + e.getLine() + ", column " + e.getColumn() : "")
                    + ": " + e.getReason() + ". " + FORMAT_HINT, e);
        }
        catch (JsonProcessingException e) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' is"
                    + " malformed" + where(mapper, content, e) + ": " + reason(e) + ". " + FORMAT_HINT);
        }
        catch (IOException | RuntimeException e) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' cannot be"
                    + " read as " + (json ? "JSON" : "YAML") + ": " + e.getMessage() + ". " + FORMAT_HINT, e);
        }
        List<Route> routes = parsed == null ? null : parsed.routes();
        if (routes == null) {
            throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + shown + "' has no"
                    + " 'routes' list. " + FORMAT_HINT);
        }
        return new RoutingRules(routes);
    }

    private static final String FORMAT_HINT = "Write a list of rules under 'routes', each with 'channel' (one of "
            + ChannelKind.names() + ") and optionally 'types' (globs such as deploy.*), 'minSeverity' or"
            + " 'severities' (info, warning, error, critical).";


    /**
     * Says where an error is: for a rule that cannot be built, the line where the rule starts and its number;
     * otherwise the parser's line and column.
     */
    private static String where(final ObjectMapper mapper, final byte[] content, final JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && (e instanceof ValueInstantiationException
                || e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException)) {
            int rule = mapping.getPath().stream().mapToInt(JsonMappingException.Reference::getIndex)
                    .filter(index -> index >= 0).findFirst().orElse(-1);
            if (rule >= 0) {
                int line = ruleStartLine(mapper, content, rule);
                return " in rule " + (rule + 1) + (line > 0 ? " starting at line " + line : "");
            }
        }
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static int ruleStartLine(final ObjectMapper mapper, final byte[] content, final int rule) {
        try (JsonParser parser = mapper.getFactory().createParser(content)) {
            int depth = 0;
            boolean inRoutes = false;
            int seen = -1;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    if (inRoutes && depth == 3 && token == JsonToken.START_OBJECT && ++seen == rule) {
                        return parser.currentTokenLocation().getLineNr();
                    }
                    if (depth == 2 && token == JsonToken.START_ARRAY && "routes".equals(parser.currentName())) {
                        inRoutes = true;
                    }
                }
                else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth < 2) {
                        inRoutes = false;
                    }
                }
            }
        }
        catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String reason(final JsonProcessingException e) {
        Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
        String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s*\\(class [^)]*\\)", "").replaceAll("\\s+", " ").trim();
        return message.length() <= 300 ? message : message.substring(0, 297) + "...";
    }

    /**
     * Returns the routes.
     *
     * @return the routes, empty for a notification at every stage
     */
    public List<Route> getRoutes() {
        return routes;
    }

    /**
     * Returns these rules followed by the other's.
     *
     * @param other more rules
     * @return the combined rules
     */
    public RoutingRules and(final RoutingRules other) {
        List<Route> all = new ArrayList<>(routes);
        all.addAll(other.routes);
        return new RoutingRules(all);
    }

    /**
     * Returns the channels a message goes to.
     *
     * @param type the message type
     * @param severity the severity
     * @param channels the channels selected for the run
     * @return the channels, in the order of {@code channels}: each channel that has no rule, and each whose rules
     *         take the message
     */
    public Set<ChannelKind> channelsFor(final String type, final Severity severity,
            final Set<ChannelKind> channels) {
        Set<ChannelKind> chosen = new LinkedHashSet<>();
        for (ChannelKind channel : channels) {
            List<Route> own = routes.stream().filter(route -> route.channel() == channel).toList();
            if (own.isEmpty() || own.stream().anyMatch(route -> route.matches(type, severity))) {
                chosen.add(channel);
            }
        }
        return chosen;
    }

    /**
     * Returns the channels a message goes to.
     *
     * @param message the message
     * @param channels the channels selected for the run
     * @return the channels
     */
    public Set<ChannelKind> channelsFor(final Message message, final Set<ChannelKind> channels) {
        return channelsFor(message.getType(), Severity.of(message), channels);
    }

    /**
     * Returns the channels that rules name, for running with rules but without an explicit channel list.
     *
     * @return the channels
     */
    public Set<ChannelKind> getChannels() {
        Set<ChannelKind> channels = EnumSet.noneOf(ChannelKind.class);
        routes.forEach(route -> channels.add(route.channel()));
        return channels;
    }

    @Override
    public String toString() {
        return routes.isEmpty() ? "every message to every channel" : routes.toString();
    }

    /**
     * The root of a routing file.
     */
    static final class RuleFile {
        @CheckForNull
        private final List<Route> routes;

        @JsonCreator
        RuleFile(@JsonProperty("routes") @CheckForNull final List<RuleSpec> routes) {
            if (routes != null && routes.size() > MAX_RULES) {
                throw new IllegalArgumentException("more than " + MAX_RULES + " rules; merge rules with type globs");
            }
            this.routes = routes == null ? null : routes.stream().map(RuleSpec::getRoute).toList();
        }

        @CheckForNull
        List<Route> routes() {
            return routes;
        }
    }

    /**
     * One rule as written in a file.
     */
    static final class RuleSpec {
        private final Route route;

        @JsonCreator
        RuleSpec(@JsonProperty("channel") @CheckForNull final String channel,
                @JsonProperty("types") @CheckForNull final List<String> types,
                @JsonProperty("minSeverity") @CheckForNull final String minSeverity,
                @JsonProperty("severities") @CheckForNull final List<String> severities) {
            if (channel == null || channel.isBlank()) {
                throw new IllegalArgumentException("a rule has no 'channel'");
            }
            ChannelKind kind;
            try {
                kind = ChannelKind.parse(channel, "the rule");
            }
            catch (LotaBotsException e) {
                throw new IllegalArgumentException("unknown channel '" + abbreviate(channel) + "'; use one of "
                        + ChannelKind.names(), e);
            }
            Set<Severity> chosen = EnumSet.noneOf(Severity.class);
            if (severities != null) {
                for (String severity : severities) {
                    if (severity == null) {
                        throw new IllegalArgumentException("'severities' holds an empty entry");
                    }
                    chosen.add(Severity.parse(severity));
                }
            }
            if (minSeverity != null && !chosen.isEmpty()) {
                throw new IllegalArgumentException("a rule gives both 'minSeverity' and 'severities'; give one");
            }
            List<String> globs = types == null ? List.of() : types;
            if (types != null && types.contains(null)) {
                throw new IllegalArgumentException("'types' holds an empty entry");
            }
            this.route = new Route(kind, globs, minSeverity == null ? Severity.INFO : Severity.parse(minSeverity),
                    chosen);
        }

        Route getRoute() {
            return route;
        }

        private static String abbreviate(final String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }
}
