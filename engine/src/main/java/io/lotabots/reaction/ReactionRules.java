package io.lotabots.reaction;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCatalog;
import io.lotabots.message.MessageType;
import io.lotabots.util.Durations;
import io.lotabots.util.SecureYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A file of reaction rules, read once by both front-ends, and the pure evaluation of a message against it: a
 * message and the {@link ReactionHistory} in, {@link ReactionDecision}s out.
 *
 * <pre>
 * rules:
 *   - name: incident-after-deploy
 *     on: alert.triggered
 *     when: {severity: critical}
 *     after:
 *       - {type: deploy.completed, within: 30m, same: [environment]}
 *     run: {scenario: incident-response}
 *     throttle: {max: 3, per: 1h}
 * </pre>
 *
 * <p>The file is read strictly, through {@link SecureYaml}: an unknown key, message type or payload field (checked
 * against the message catalogue), a value of the wrong kind for its field, or a comparison of a field that is not a
 * number is an error naming the file, the line and the field, and what to write instead.</p>
 */
public final class ReactionRules {
    /** The largest rules file read. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** The most rules a file may hold. */
    public static final int MAX_RULES = 1000;
    /** The longest window a rule may look back ({@code within}) or throttle over ({@code per}). */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** The most starts a throttle may allow per window. */
    public static final int MAX_THROTTLE = 1000;
    /** How far a causation chain is followed. */
    static final int MAX_CHAIN = 1000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> TOP_KEYS = Set.of("rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "description", "on", "when", "after", "run",
            "throttle");
    private static final Set<String> PRIOR_KEYS = Set.of("type", "within", "same", "when");
    private static final Set<String> SCENARIO_KEYS = Set.of("scenario", "set", "params", "approve");
    private static final Set<String> BOT_KEYS = Set.of("bot", "options");
    private static final Set<String> THROTTLE_KEYS = Set.of("max", "per");
    private static final String EXAMPLE = " A rule looks like: {name: incident-after-deploy, on: alert.triggered,"
            + " when: {severity: critical}, after: [{type: deploy.completed, within: 30m, same: [environment]}],"
            + " run: {scenario: incident-response}}. See docs/reactions.md.";

    private final List<ReactionRule> rules;
    private final String file;

    private ReactionRules(final List<ReactionRule> rules, final String file) {
        this.rules = List.copyOf(rules);
        this.file = file;
    }

    /**
     * Reads a rules file.
     *
     * @param path the file
     * @param shown the name errors use, as the user gave it
     * @return the rules
     * @throws LotaBotsException with {@link ReactionErrorCode#INVALID_RULES} naming the file, line and field
     */
    public static ReactionRules load(final Path path, final String shown) {
        byte[] content;
        try {
            if (Files.isDirectory(path)) {
                throw invalid(shown, 0, "", "is a directory; give the path of a YAML file of rules");
            }
            content = SecureYaml.readBounded(path, MAX_FILE_BYTES);
        }
        catch (NoSuchFileException e) {
            throw invalid(shown, 0, "", "does not exist; give the path of a YAML file of rules");
        }
        catch (SecureYaml.InvalidYamlException e) {
            throw invalid(shown, e.getLine(), "", "is refused: " + e.getReason());
        }
        catch (IOException e) {
            throw invalid(shown, 0, "", "cannot be read: " + e.getMessage());
        }
        return parse(content, shown);
    }

    /**
     * Parses the content of a rules file.
     *
     * @param content the YAML, UTF-8
     * @param shown the file name errors use
     * @return the rules
     * @throws LotaBotsException with {@link ReactionErrorCode#INVALID_RULES} naming the file, line and field
     */
    public static ReactionRules parse(final byte[] content, final String shown) {
        JsonNode root;
        try {
            root = SecureYaml.readTree(content, MAX_FILE_BYTES);
        }
        catch (SecureYaml.InvalidYamlException e) {
            throw invalid(shown, e.getLine(), "", "is refused: " + e.getReason());
        }
        return new Parser(shown, lines(content)).rules(root);
    }

    /**
     * Returns the rules, in file order.
     *
     * @return the rules
     */
    public List<ReactionRule> getRules() {
        return rules;
    }

    /**
     * Returns the file the rules came from, as shown in errors.
     *
     * @return the file name
     */
    public String getFile() {
        return file;
    }

    /**
     * Returns the message types that trigger a rule.
     *
     * @return the types
     */
    public Set<String> triggerTypes() {
        Set<String> types = new TreeSet<>();
        rules.forEach(rule -> types.add(rule.on()));
        return types;
    }

    /**
     * Returns the earlier message types rules look back for, with the longest window each is looked back over:
     * what a history must keep.
     *
     * @return the window per type
     */
    public Map<String, Duration> lookBack() {
        Map<String, Duration> windows = new HashMap<>();
        for (ReactionRule rule : rules) {
            for (ReactionRule.Prior prior : rule.after()) {
                windows.merge(prior.type(), prior.within(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return windows;
    }

    /**
     * Evaluates a message against every rule. Only rules that match the message give a decision; a rule that
     * already handled the message ({@link ReactionHistory#reacted}) gives none, so that evaluating a message again
     * (after a restart) decides nothing twice.
     *
     * @param message the message
     * @param history the past
     * @param now the current time, the end of each throttle window
     * @return the decisions, in rule order
     */
    public List<ReactionDecision> evaluate(final Message message, final ReactionHistory history, final Instant now) {
        List<ReactionDecision> decisions = new ArrayList<>();
        for (ReactionRule rule : rules) {
            if (!rule.on().equals(message.getType()) || history.reacted(rule.name(), message.getId())) {
                continue;
            }
            Optional<String> why = matches(rule, message, history);
            if (why.isEmpty()) {
                continue;
            }
            String loop = loop(rule, message, history);
            if (loop != null) {
                decisions.add(new ReactionDecision(rule, message, ReactionDecision.Outcome.LOOP, "not started: the "
                        + message.getType() + " " + message.getId() + " was caused by this rule's own reaction to "
                        + loop + " (causation chain), and a reaction never triggers the rule that started it"));
                continue;
            }
            long started = history.startsSince(rule.name(), now.minus(rule.throttle().per()));
            if (started >= rule.throttle().max()) {
                decisions.add(new ReactionDecision(rule, message, ReactionDecision.Outcome.THROTTLED, "throttled: the"
                        + " rule started " + started + " runs in the last " + Durations.format(rule.throttle().per())
                        + ", its most (throttle max " + rule.throttle().max() + " per "
                        + Durations.format(rule.throttle().per()) + "); " + rule.action() + " is not started for "
                        + message.getType() + " " + message.getId()));
                continue;
            }
            decisions.add(new ReactionDecision(rule, message, ReactionDecision.Outcome.START, why.get()));
        }
        return decisions;
    }

    /**
     * Tests a rule's conditions on a message and its earlier messages.
     *
     * @return why it matched, or empty
     */
    private static Optional<String> matches(final ReactionRule rule, final Message message,
            final ReactionHistory history) {
        JsonNode payload = message.getPayload();
        for (FieldCondition condition : rule.conditions()) {
            if (!condition.test(payload)) {
                return Optional.empty();
            }
        }
        StringBuilder why = new StringBuilder(message.getType());
        if (!rule.conditions().isEmpty()) {
            why.append(" with ").append(String.join(", ", rule.conditions().stream().map(String::valueOf).toList()));
        }
        for (ReactionRule.Prior prior : rule.after()) {
            Message found = prior(prior, message, history);
            if (found == null) {
                return Optional.empty();
            }
            why.append(", ").append(Durations.format(Duration.between(found.getTime(), message.getTime())))
                    .append(" after ").append(prior.type()).append(' ').append(found.getId());
            if (!prior.same().isEmpty()) {
                why.append(" with the same ").append(String.join(" and ", prior.same()));
            }
        }
        return Optional.of(why.toString());
    }

    /**
     * Finds the latest earlier message that satisfies a prior condition.
     */
    @CheckForNull
    private static Message prior(final ReactionRule.Prior prior, final Message message,
            final ReactionHistory history) {
        Message latest = null;
        for (Message candidate : history.earlier(prior.type(), message.getTime().minus(prior.within()),
                message.getTime())) {
            if (candidate.getId().equals(message.getId()) || !sameValues(prior.same(), message, candidate)) {
                continue;
            }
            if (prior.conditions().stream().allMatch(condition -> condition.test(candidate.getPayload()))
                    && (latest == null || candidate.getTime().isAfter(latest.getTime()))) {
                latest = candidate;
            }
        }
        return latest;
    }

    private static boolean sameValues(final List<String> fields, final Message trigger, final Message earlier) {
        for (String field : fields) {
            JsonNode mine = trigger.getPayload().get(field);
            JsonNode theirs = earlier.getPayload().get(field);
            if (mine == null || mine.isNull() || theirs == null || !mine.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Follows the message's causation chain; returns the id of the ancestor this rule reacted to, if any.
     */
    @CheckForNull
    private static String loop(final ReactionRule rule, final Message message, final ReactionHistory history) {
        Set<String> seen = new HashSet<>();
        String cause = message.getCausationId().orElse(null);
        for (int depth = 0; cause != null && depth < MAX_CHAIN && seen.add(cause); depth++) {
            if (history.reacted(rule.name(), cause)) {
                return cause;
            }
            cause = history.causeOf(cause);
        }
        return null;
    }

    private static LotaBotsException invalid(final String file, final int line, final String field,
            final String problem) {
        return LotaBotsException.of(ReactionErrorCode.INVALID_RULES, "The reaction rules file " + file
                + (line > 0 ? " line " + line : "") + (field.isEmpty() ? "" : " field " + field) + " " + problem);
    }

    /**
     * Maps each node's path ({@code rules[0].when.severity}) to the line it starts on.
     */
    private static Map<String, Integer> lines(final byte[] content) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new ObjectMapper(SecureYaml.factory(MAX_FILE_BYTES)).createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        catch (IOException e) {
            // the tree was read already; without lines, errors name the field only
        }
        return lines;
    }

    /**
     * Turns the tree into rules, naming the field and line of every problem.
     */
    private static final class Parser {
        private final String file;
        private final Map<String, Integer> lines;

        Parser(final String file, final Map<String, Integer> lines) {
            this.file = file;
            this.lines = lines;
        }

        ReactionRules rules(final JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw fail("", "is empty; write a list of rules under 'rules'." + EXAMPLE);
            }
            if (!root.isObject()) {
                throw fail("", "must be a map with the key 'rules'." + EXAMPLE);
            }
            keys(root, TOP_KEYS, "");
            JsonNode list = root.get("rules");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw fail("rules", "must be a non-empty list of rules." + EXAMPLE);
            }
            if (list.size() > MAX_RULES) {
                throw fail("rules", "has " + list.size() + " rules, more than " + MAX_RULES + "; is it the right file?");
            }
            List<ReactionRule> rules = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                ReactionRule rule = rule(list.get(i), "rules[" + i + "]");
                if (!names.add(rule.name())) {
                    throw fail("rules[" + i + "].name", "repeats the name '" + rule.name() + "'; every rule needs a"
                            + " name of its own: the record of handled reactions is kept by name");
                }
                rules.add(rule);
            }
            return new ReactionRules(rules, file);
        }

        private ReactionRule rule(final JsonNode node, final String field) {
            if (!node.isObject()) {
                throw fail(field, "must be a map." + EXAMPLE);
            }
            keys(node, RULE_KEYS, field);
            String name = text(node, "name", field);
            if (!NAME.matcher(name).matches()) {
                throw fail(field + ".name", "'" + abbreviate(name) + "' is not a name: use letters, digits, '.', '-'"
                        + " and '_', at most 100, for example incident-after-deploy");
            }
            MessageType<?> type = type(text(node, "on", field), field + ".on");
            List<FieldCondition> conditions = conditions(node.get("when"), type, field + ".when");
            List<ReactionRule.Prior> after = new ArrayList<>();
            JsonNode afterNode = node.get("after");
            if (afterNode != null && !afterNode.isNull()) {
                if (!afterNode.isArray()) {
                    throw fail(field + ".after", "must be a list of earlier messages, like [{type: deploy.completed,"
                            + " within: 30m, same: [environment]}]");
                }
                for (int i = 0; i < afterNode.size(); i++) {
                    after.add(prior(afterNode.get(i), type, field + ".after[" + i + "]"));
                }
            }
            ReactionRule.Action action = action(node.get("run"), field + ".run");
            ReactionRule.Throttle throttle = throttle(node.get("throttle"), field + ".throttle");
            return new ReactionRule(name, type.getName(), conditions, after, action, throttle, line(field));
        }

        private ReactionRule.Prior prior(final JsonNode node, final MessageType<?> trigger, final String field) {
            if (!node.isObject()) {
                throw fail(field, "must be a map like {type: deploy.completed, within: 30m, same: [environment]}");
            }
            keys(node, PRIOR_KEYS, field);
            MessageType<?> type = type(text(node, "type", field), field + ".type");
            Duration within = window(text(node, "within", field), field + ".within");
            List<String> same = new ArrayList<>();
            JsonNode sameNode = node.get("same");
            if (sameNode != null && !sameNode.isNull()) {
                List<JsonNode> names = new ArrayList<>();
                if (sameNode.isArray()) {
                    sameNode.forEach(names::add);
                }
                else {
                    names.add(sameNode);
                }
                for (int i = 0; i < names.size(); i++) {
                    String sameField = field + ".same" + (sameNode.isArray() ? "[" + i + "]" : "");
                    if (!names.get(i).isTextual()) {
                        throw fail(sameField, "must be a payload field name, for example environment");
                    }
                    String name = names.get(i).asText();
                    payloadField(trigger, name, sameField);
                    payloadField(type, name, sameField);
                    same.add(name);
                }
            }
            return new ReactionRule.Prior(type.getName(), within, same, conditions(node.get("when"), type,
                    field + ".when"));
        }

        private ReactionRule.Action action(@CheckForNull final JsonNode node, final String field) {
            if (node == null || node.isNull()) {
                throw fail(field, "is missing; say what to start: {scenario: NAME} or {bot: ID, options: {...}}");
            }
            if (!node.isObject() || node.has("scenario") == node.has("bot")) {
                throw fail(field, "must name either a scenario ({scenario: incident-response, set: {...}, params:"
                        + " {...}, approve: [...]}) or a bot ({bot: notify, options: {...}}), not both");
            }
            if (node.has("scenario")) {
                keys(node, SCENARIO_KEYS, field);
                String scenario = text(node, "scenario", field);
                Map<String, Object> set = new LinkedHashMap<>();
                map(node.get("set"), field + ".set").forEach((key, value) -> {
                    if (key.indexOf('.') <= 0 || key.endsWith(".")) {
                        throw fail(field + ".set." + key, "must have the form STAGE_OR_BOT.OPTION, for example"
                                + " deploy.strategy, as scenario run --set takes it");
                    }
                    set.put(key, scalar(value, field + ".set." + key));
                });
                Map<String, String> params = new LinkedHashMap<>();
                map(node.get("params"), field + ".params").forEach((key, value) -> params.put(key,
                        String.valueOf(scalar(value, field + ".params." + key))));
                List<String> approve = new ArrayList<>();
                JsonNode approveNode = node.get("approve");
                if (approveNode != null && !approveNode.isNull()) {
                    if (!approveNode.isArray()) {
                        throw fail(field + ".approve", "must be a list of approval points, for example [production]");
                    }
                    approveNode.forEach(gate -> approve.add(gate.asText()));
                }
                return new ReactionRule.Action(ReactionRule.Kind.SCENARIO, scenario, set, params, approve);
            }
            keys(node, BOT_KEYS, field);
            Map<String, Object> options = new LinkedHashMap<>();
            map(node.get("options"), field + ".options").forEach((key, value) -> options.put(key,
                    value.isArray() ? listOf(value, field + ".options." + key) : scalar(value, field + ".options." + key)));
            return new ReactionRule.Action(ReactionRule.Kind.BOT, text(node, "bot", field), options, Map.of(),
                    List.of());
        }

        private ReactionRule.Throttle throttle(@CheckForNull final JsonNode node, final String field) {
            if (node == null || node.isNull()) {
                return ReactionRule.Throttle.DEFAULT;
            }
            if (!node.isObject()) {
                throw fail(field, "must be a map like {max: 3, per: 1h}");
            }
            keys(node, THROTTLE_KEYS, field);
            JsonNode max = node.get("max");
            if (max == null || !max.isIntegralNumber() || max.asLong() < 1 || max.asLong() > MAX_THROTTLE) {
                throw fail(field + ".max", "must be a whole number from 1 to " + MAX_THROTTLE + ", the most runs the"
                        + " rule starts per window");
            }
            return new ReactionRule.Throttle(max.asInt(), window(text(node, "per", field), field + ".per"));
        }

        private List<FieldCondition> conditions(@CheckForNull final JsonNode node, final MessageType<?> type,
                final String field) {
            List<FieldCondition> conditions = new ArrayList<>();
            if (node == null || node.isNull()) {
                return conditions;
            }
            if (!node.isObject()) {
                throw fail(field, "must be a map of payload field to condition, like {severity: critical,"
                        + " value: {gt: 5}}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = field + "." + entry.getKey();
                MessageType.Field payloadField = payloadField(type, entry.getKey(), path);
                JsonNode value = entry.getValue();
                if (value.isObject()) {
                    if (value.isEmpty()) {
                        throw fail(path, "has no comparison; " + COMPARISONS);
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> ops = value.fields(); ops.hasNext();) {
                        Map.Entry<String, JsonNode> op = ops.next();
                        conditions.add(condition(payloadField, op.getKey(), op.getValue(), path + "." + op.getKey()));
                    }
                }
                else if (value.isArray()) {
                    conditions.add(condition(payloadField, "oneOf", value, path));
                }
                else {
                    conditions.add(condition(payloadField, "equals", value, path));
                }
            }
            return conditions;
        }

        private static final String COMPARISONS = "write a value (severity: critical), a list (severity: [critical,"
                + " high]) or a map of comparisons: equals, not, oneOf, gt, ge, lt, le (numbers), exists (true or"
                + " false)";

        private FieldCondition condition(final MessageType.Field field, final String operator, final JsonNode value,
                final String path) {
            String name = field.getName();
            return switch (operator) {
                case "equals" -> new FieldCondition(name, FieldCondition.Operator.EQUALS,
                        List.of(typed(field, value, path)));
                case "not" -> new FieldCondition(name, FieldCondition.Operator.NOT_EQUALS,
                        List.of(typed(field, value, path)));
                case "oneOf" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw fail(path, "must be a non-empty list of values, for example [critical, high]");
                    }
                    List<JsonNode> values = new ArrayList<>();
                    for (int i = 0; i < value.size(); i++) {
                        values.add(typed(field, value.get(i), path + "[" + i + "]"));
                    }
                    yield new FieldCondition(name, FieldCondition.Operator.ONE_OF, values);
                }
                case "gt", "ge", "lt", "le" -> {
                    if (!isNumber(field)) {
                        throw fail(path, "compares a number, but the field " + name + " of "
                                + "the message is " + kind(field) + "; use equals, oneOf or exists");
                    }
                    if (!value.isNumber()) {
                        throw fail(path, "must be a number, for example 5 or 0.5");
                    }
                    yield new FieldCondition(name, switch (operator) {
                        case "gt" -> FieldCondition.Operator.GREATER;
                        case "ge" -> FieldCondition.Operator.GREATER_OR_EQUAL;
                        case "lt" -> FieldCondition.Operator.LESS;
                        default -> FieldCondition.Operator.LESS_OR_EQUAL;
                    }, List.of(value));
                }
                case "exists" -> {
                    if (!value.isBoolean()) {
                        throw fail(path, "must be true or false");
                    }
                    yield new FieldCondition(name, value.asBoolean() ? FieldCondition.Operator.EXISTS
                            : FieldCondition.Operator.ABSENT, List.of());
                }
                default -> throw fail(path, "is not a comparison; " + COMPARISONS);
            };
        }

        /**
         * Checks that a value is of the kind of its field: text for text, a number for numbers, true or false for
         * booleans; fields that hold lists or maps can only be tested with exists.
         */
        private JsonNode typed(final MessageType.Field field, final JsonNode value, final String path) {
            Class<?> type = field.getJavaType();
            boolean fits = type == String.class ? value.isTextual()
                    : type == Boolean.class ? value.isBoolean()
                    : isNumber(field) && value.isNumber();
            if (!fits) {
                throw fail(path, "'" + abbreviate(value.isTextual() ? value.asText() : value.toString()) + "' cannot be compared with the field "
                        + field.getName() + ", which is " + kind(field)
                        + (type == String.class ? "; quote it ('" + abbreviate(value.asText()) + "')" : ""));
            }
            return value;
        }

        private static boolean isNumber(final MessageType.Field field) {
            return Number.class.isAssignableFrom(field.getJavaType());
        }

        private static String kind(final MessageType.Field field) {
            Class<?> type = field.getJavaType();
            if (type == String.class) {
                return "text";
            }
            if (type == Boolean.class) {
                return "true or false";
            }
            if (Number.class.isAssignableFrom(type)) {
                return "a number";
            }
            return Collection.class.isAssignableFrom(type) ? "a list (test it with exists)"
                    : "a map (test it with exists)";
        }

        private MessageType<?> type(final String name, final String field) {
            return MessageCatalog.find(name).orElseThrow(() -> fail(field, "'" + abbreviate(name) + "' is not a"
                    + " message type of the catalogue" + suggestion(name, MessageCatalog.all().stream()
                            .map(MessageType::getName).toList()) + "; 'lotabots messages' and docs/messages.md list"
                    + " them"));
        }

        private MessageType.Field payloadField(final MessageType<?> type, final String name, final String field) {
            for (MessageType.Field candidate : type.getFields()) {
                if (candidate.getName().equals(name)) {
                    return candidate;
                }
            }
            List<String> names = type.getFields().stream().map(MessageType.Field::getName).toList();
            throw fail(field, "'" + abbreviate(name) + "' is not a payload field of " + type.getName()
                    + suggestion(name, names) + "; its fields are " + String.join(", ", names));
        }

        private static String suggestion(final String typed, final List<String> candidates) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : candidates) {
                int distance = distance(typed, candidate);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = candidate;
                }
            }
            return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? " (did you mean '" + best + "'?)"
                    : "";
        }

        private static int distance(final String a, final String b) {
            if (a.length() > 200 || b.length() > 200) {
                return Integer.MAX_VALUE;
            }
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }

        private Duration window(final String text, final String field) {
            Duration duration;
            try {
                duration = Durations.parse(text);
            }
            catch (IllegalArgumentException e) {
                throw fail(field, e.getMessage());
            }
            if (duration.isZero() || duration.compareTo(MAX_WINDOW) > 0) {
                throw fail(field, "must be more than 0 and at most " + MAX_WINDOW.toDays() + " days, for example 30m");
            }
            return duration;
        }

        private Map<String, JsonNode> map(@CheckForNull final JsonNode node, final String field) {
            Map<String, JsonNode> result = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return result;
            }
            if (!node.isObject()) {
                throw fail(field, "must be a map of names to values");
            }
            node.fields().forEachRemaining(entry -> result.put(entry.getKey(), entry.getValue()));
            return result;
        }

        private Object scalar(final JsonNode value, final String field) {
            if (!value.isValueNode() || value.isNull()) {
                throw fail(field, "must be a single value (text, number or true/false)");
            }
            return value.isTextual() ? value.asText() : value.isBoolean() ? (Object) value.asBoolean()
                    : value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble();
        }

        private List<String> listOf(final JsonNode value, final String field) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                values.add(String.valueOf(scalar(value.get(i), field + "[" + i + "]")));
            }
            return values;
        }

        private String text(final JsonNode node, final String key, final String field) {
            String path = field.isEmpty() ? key : field + "." + key;
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw fail(path, "is missing; it is required");
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw fail(path, "must be a text");
            }
            return value.asText().strip();
        }

        private void keys(final JsonNode node, final Set<String> allowed, final String field) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw fail(field.isEmpty() ? key : field + "." + key, "is not a known key"
                            + suggestion(key, List.copyOf(allowed)) + "; the keys here are "
                            + String.join(", ", new TreeSet<>(allowed)));
                }
            }
        }

        private int line(final String field) {
            String pointer = "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
            if (field.isEmpty()) {
                return 0;
            }
            // the field itself, or the nearest enclosing one that has a line
            for (String candidate = pointer; !candidate.isEmpty(); candidate = candidate.substring(0,
                    candidate.lastIndexOf('/'))) {
                Integer line = lines.get(candidate);
                if (line != null) {
                    return line;
                }
            }
            return 0;
        }

        private LotaBotsException fail(final String field, final String problem) {
            return invalid(file, line(field), field, problem);
        }

        private static String abbreviate(final String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }
}
