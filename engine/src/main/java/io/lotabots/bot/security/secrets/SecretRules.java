package io.lotabots.bot.security.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An ordered set of {@link SecretRule}s with unique ids: the built-in rules, read from the JSON resource
 * {@value #BUILT_IN_RESOURCE}, changed by a user's configuration file. Earlier rules win when two rules find the
 * same secret, so specific rules come before generic ones. Instances are immutable.
 *
 * <p>A rule file (and the {@code rules} of a configuration) is JSON:
 * {@code {"rules": [{"id": "...", "description": "...", "keywords": ["..."], "regex": "...", "secretGroup": 1,
 * "entropy": 3.5}]}}. A configuration may also list ids to switch off: {@code {"disabled": ["generic-secret"]}}.
 * Added rules go before the built-in ones.</p>
 */
public final class SecretRules {
    /** The name of the resource, next to this class, that holds the built-in rules. */
    public static final String BUILT_IN_RESOURCE = "secret-rules.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<SecretRule> rules;

    private SecretRules(final List<SecretRule> rules) {
        this.rules = rules;
    }

    /**
     * Returns the built-in rules.
     *
     * @return the rules
     */
    public static SecretRules builtIn() {
        try (InputStream in = SecretRules.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw LotaBotsException.of(SecretErrorCode.BUILT_IN_RULES_MISSING, "The built-in secret rules '"
                        + BUILT_IN_RESOURCE + "' are missing from the class path; the engine jar is incomplete.");
            }
            return of(parse(MAPPER.readTree(in), BUILT_IN_RESOURCE));
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.BUILT_IN_RULES_MISSING, "Cannot read the built-in secret"
                    + " rules '" + BUILT_IN_RESOURCE + "': " + e.getMessage(), e);
        }
    }

    /**
     * Creates a rule set.
     *
     * @param rules the rules, in order
     * @return the rule set
     * @throws LotaBotsException with {@link SecretErrorCode#INVALID_RULE} if two rules have the same id
     */
    public static SecretRules of(final Collection<SecretRule> rules) {
        Map<String, SecretRule> byId = new LinkedHashMap<>();
        for (SecretRule rule : rules) {
            if (byId.putIfAbsent(rule.getId(), rule) != null) {
                throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "Two secret rules have the id '"
                        + rule.getId() + "'; give each rule its own id.");
            }
        }
        return new SecretRules(List.copyOf(byId.values()));
    }

    /**
     * Reads rules from a JSON text.
     *
     * @param json the rule file's content
     * @param source the name of the file, for messages
     * @return the rules
     * @throws LotaBotsException with {@link SecretErrorCode#FILE_UNREADABLE} or {@link SecretErrorCode#INVALID_RULE}
     */
    public static SecretRules fromJson(final String json, final String source) {
        return of(parse(readTree(json, source), source));
    }

    /**
     * Applies a user's configuration file: adds its {@code rules} (before these) and drops the {@code disabled} ids.
     *
     * @param configFile the JSON file
     * @return the changed rules
     * @throws LotaBotsException with {@link SecretErrorCode#FILE_UNREADABLE} if the file cannot be read or parsed,
     *         {@link SecretErrorCode#INVALID_RULE} for a malformed rule, a duplicate or an unknown disabled id
     */
    public SecretRules withConfig(final Path configFile) {
        String json;
        try {
            json = Files.readString(configFile);
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot read the secret scan configuration '"
                    + configFile + "': " + e.getMessage() + ". Check the path.", e);
        }
        return withConfig(json, configFile.toString());
    }

    /**
     * Applies a configuration given as JSON text; see {@link #withConfig(Path)}.
     *
     * @param json the configuration
     * @param source the name of the configuration, for messages
     * @return the changed rules
     */
    public SecretRules withConfig(final String json, final String source) {
        JsonNode root = readTree(json, source);
        List<SecretRule> result = new ArrayList<>(parse(root, source));
        Set<String> disabled = new TreeSet<>();
        for (JsonNode id : root.path("disabled")) {
            disabled.add(id.asText());
        }
        Set<String> unknown = new TreeSet<>(disabled);
        for (SecretRule rule : rules) {
            unknown.remove(rule.getId());
        }
        for (SecretRule rule : result) {
            unknown.remove(rule.getId());
        }
        if (!unknown.isEmpty()) {
            throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "The secret scan configuration '" + source
                    + "' disables unknown rules " + unknown + "; check the ids against the rule list.");
        }
        result.addAll(rules);
        result.removeIf(rule -> disabled.contains(rule.getId()));
        return of(result);
    }

    private static JsonNode readTree(final String json, final String source) {
        try {
            return MAPPER.readTree(json);
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot parse the secret rules '" + source
                    + "': " + e.getMessage() + ". Is it valid JSON?", e);
        }
    }

    private static List<SecretRule> parse(final JsonNode root, final String source) {
        List<SecretRule> result = new ArrayList<>();
        for (JsonNode node : root.path("rules")) {
            String id = node.path("id").asText("");
            if (!node.path("regex").isTextual()) {
                throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "The secret rule '" + id + "' in '" + source
                        + "' has no 'regex'; add the pattern of the secret.");
            }
            List<String> keywords = new ArrayList<>();
            for (JsonNode keyword : node.path("keywords")) {
                keywords.add(keyword.asText());
            }
            result.add(SecretRule.of(id, node.path("description").asText(id), keywords,
                    node.path("regex").asText(), node.path("secretGroup").asText("0"),
                    node.path("entropy").asDouble(0)));
        }
        return result;
    }

    /**
     * Returns the rules.
     *
     * @return the rules, in order
     */
    public List<SecretRule> getRules() {
        return rules;
    }

    /**
     * Returns a rule.
     *
     * @param id the id
     * @return the rule, if there is one with the id
     */
    public Optional<SecretRule> get(final String id) {
        return rules.stream().filter(rule -> rule.getId().equals(id)).findFirst();
    }

    /**
     * Returns the number of rules.
     *
     * @return the size
     */
    public int size() {
        return rules.size();
    }

    @Override
    public String toString() {
        return rules.size() + " secret rules";
    }
}
