package io.lotabots.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.SecureYaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Reads scenario definitions. The built-in ones are the resources {@code io/lotabots/scenarios/NAME.yaml}, listed
 * in {@code io/lotabots/scenarios/index.txt}; the pipeline library ships the same files as its resources.
 *
 * <p>A definition is read strictly: an unknown key, a stage without a name or bot, two stages with one id, or a
 * condition that is not {@code PARAMETER == VALUE} is an error naming the file and the field
 * ({@code stages[3].when}), because a typo in a scenario would otherwise silently skip a stage.
 */
public final class ScenarioLoader {
    /** Where the built-in definitions are on the class path. */
    public static final String RESOURCE_FOLDER = "io/lotabots/scenarios/";
    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(==|!=)\\s*(\\S.*?)\\s*");
    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "trigger", "notify", "stages");
    private static final Set<String> BOT_KEYS = Set.of("id", "stage", "bot", "options", "when", "optional", "onFailure");
    private static final Set<String> PARALLEL_KEYS = Set.of("parallel", "branches");
    private static final Set<String> APPROVAL_KEYS = Set.of("approval", "stage", "description", "when");

    /** The largest definition read. */
    static final int MAX_BYTES = 1 << 20;

    private final ObjectMapper yaml = new ObjectMapper();

    /**
     * Returns the names of the built-in scenarios, in the order of the index.
     *
     * @return the names
     */
    public List<String> builtInNames() {
        String index = resource(RESOURCE_FOLDER + "index.txt");
        if (index == null) {
            return List.of();
        }
        return index.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /**
     * Loads a built-in scenario.
     *
     * @param name its name
     * @return the scenario
     * @throws LotaBotsException with {@link ScenarioErrorCode#UNKNOWN_SCENARIO} naming the known ones
     */
    public Scenario builtIn(final String name) {
        List<String> names = builtInNames();
        if (!names.contains(name)) {
            throw LotaBotsException.of(ScenarioErrorCode.UNKNOWN_SCENARIO, "There is no scenario '" + name
                    + "'; the scenarios are " + String.join(", ", names) + " (see 'lotabots scenario list')");
        }
        String file = RESOURCE_FOLDER + name + ".yaml";
        String text = resource(file);
        if (text == null) {
            throw LotaBotsException.of(ScenarioErrorCode.INVALID_DEFINITION, "The scenario " + name
                    + " is listed but its definition " + file + " is missing from the class path");
        }
        return parse(text, file);
    }

    /**
     * Parses a definition.
     *
     * @param text the YAML
     * @param file the file name for messages
     * @return the scenario
     */
    public Scenario parse(final String text, final String file) {
        JsonNode root;
        try {
            root = SecureYaml.readTree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), MAX_BYTES);
        } catch (SecureYaml.InvalidYamlException e) {
            throw LotaBotsException.of(ScenarioErrorCode.INVALID_DEFINITION, "The scenario " + file
                    + (e.getLine() > 0 ? " line " + e.getLine() : "") + " is refused: " + e.getReason(), e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "", "must be a map with name, title, description, trigger, notify and stages");
        }
        checkKeys(root, TOP_KEYS, file, "");
        Set<String> ids = new HashSet<>();
        List<ScenarioStage> stages = new ArrayList<>();
        JsonNode stageNodes = root.path("stages");
        if (!stageNodes.isArray() || stageNodes.isEmpty()) {
            throw invalid(file, "stages", "must be a non-empty list");
        }
        for (int i = 0; i < stageNodes.size(); i++) {
            stages.add(stage(stageNodes.get(i), file, "stages[" + i + "]", ids));
        }
        Scenario.Notify notify = null;
        JsonNode notifyNode = root.get("notify");
        if (notifyNode != null && !notifyNode.isNull()) {
            checkKeys(notifyNode, Set.of("bot", "options"), file, "notify");
            notify = new Scenario.Notify(required(notifyNode, "bot", file, "notify"), options(notifyNode, file, "notify"));
        }
        return new Scenario(required(root, "name", file, ""), required(root, "title", file, ""),
                required(root, "description", file, ""), required(root, "trigger", file, ""), stages, notify);
    }

    private ScenarioStage stage(final JsonNode node, final String file, final String field, final Set<String> ids) {
        if (!node.isObject()) {
            throw invalid(file, field, "must be a map");
        }
        if (node.has("parallel")) {
            checkKeys(node, PARALLEL_KEYS, file, field);
            JsonNode branches = node.path("branches");
            if (!branches.isArray() || branches.isEmpty()) {
                throw invalid(file, field + ".branches", "must be a non-empty list of bot stages");
            }
            List<ScenarioStage.BotStage> result = new ArrayList<>();
            for (int i = 0; i < branches.size(); i++) {
                result.add(botStage(branches.get(i), file, field + ".branches[" + i + "]", ids));
            }
            return new ScenarioStage.ParallelStage(required(node, "parallel", file, field), result);
        }
        if (node.has("approval")) {
            checkKeys(node, APPROVAL_KEYS, file, field);
            return new ScenarioStage.ApprovalStage(required(node, "stage", file, field),
                    required(node, "approval", file, field), text(node, "description", ""),
                    condition(node, file, field));
        }
        return botStage(node, file, field, ids);
    }

    private ScenarioStage.BotStage botStage(final JsonNode node, final String file, final String field,
            final Set<String> ids) {
        if (!node.isObject()) {
            throw invalid(file, field, "must be a map");
        }
        checkKeys(node, BOT_KEYS, file, field);
        String id = required(node, "id", file, field);
        if (!ids.add(id)) {
            throw invalid(file, field + ".id", "repeats the id '" + id + "'; every stage needs an id of its own");
        }
        List<ScenarioStage.BotStage> onFailure = new ArrayList<>();
        JsonNode failure = node.get("onFailure");
        if (failure != null && !failure.isNull()) {
            if (!failure.isArray()) {
                throw invalid(file, field + ".onFailure", "must be a list of bot stages");
            }
            for (int i = 0; i < failure.size(); i++) {
                onFailure.add(botStage(failure.get(i), file, field + ".onFailure[" + i + "]", ids));
            }
        }
        JsonNode optional = node.path("optional");
        return new ScenarioStage.BotStage(id, required(node, "stage", file, field), required(node, "bot", file, field),
                options(node, file, field), condition(node, file, field), optional.asBoolean(false), onFailure);
    }

    @CheckForNull
    private static ScenarioStage.Condition condition(final JsonNode node, final String file, final String field) {
        JsonNode when = node.get("when");
        if (when == null || when.isNull()) {
            return null;
        }
        Matcher matcher = CONDITION.matcher(when.asText());
        if (!when.isTextual() || !matcher.matches()) {
            throw invalid(file, field + ".when", "'" + when.asText() + "' is not of the form PARAMETER == VALUE or"
                    + " PARAMETER != VALUE, for example 'branch == main'");
        }
        return new ScenarioStage.Condition(matcher.group(1), matcher.group(3), "==".equals(matcher.group(2)));
    }

    private Map<String, Object> options(final JsonNode node, final String file, final String field) {
        JsonNode options = node.get("options");
        if (options == null || options.isNull()) {
            return Map.of();
        }
        if (!options.isObject()) {
            throw invalid(file, field + ".options", "must be a map of option names to values");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            result.put(entry.getKey(), yaml.convertValue(entry.getValue(), Object.class));
        }
        return result;
    }

    private static void checkKeys(final JsonNode node, final Set<String> allowed, final String file, final String field) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw invalid(file, field.isEmpty() ? key : field + "." + key, "is not a known key; the keys here are "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String required(final JsonNode node, final String key, final String file, final String field) {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw invalid(file, field.isEmpty() ? key : field + "." + key, "is missing; it is required");
        }
        return value.asText().strip();
    }

    private static String text(final JsonNode node, final String key, final String fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asText().strip();
    }

    private static LotaBotsException invalid(final String file, final String field, final String problem) {
        return LotaBotsException.of(ScenarioErrorCode.INVALID_DEFINITION,
                "The scenario " + file + (field.isEmpty() ? "" : " field " + field) + " " + problem);
    }

    @CheckForNull
    private static String resource(final String path) {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LotaBotsException.of(ScenarioErrorCode.INVALID_DEFINITION, "Cannot read " + path + ": "
                    + e.getMessage(), e);
        }
    }
}
