package io.lotabots.bot.security.secrets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An ordered set of {@link SecretRule}s with unique ids and a {@link SecretAllowlist}: the built-in rules, read from
 * the JSON resource {@value #BUILT_IN_RESOURCE}, changed by a user's configuration file. Earlier rules win when two
 * rules find the same secret, so specific rules come before generic ones. Instances are immutable.
 *
 * <p>A configuration is JSON, YAML or TOML ({@link SecretConfigFormat}), with the same keys in all three, all
 * optional:</p>
 * <ul>
 *   <li>{@code rules}: rules to add, before the built-in ones. Each has {@code id}, {@code keywords} (at least one,
 *   compared ignoring case), {@code regex} (Java syntax), and optionally {@code description}, {@code secretGroup}
 *   (number or name of the group that captures the secret, default 0, the whole match), {@code entropy} (minimum
 *   bits per character), {@code examples} ({@code match} and {@code noMatch} lines, checked when the configuration
 *   is read), {@code literal} (true: report only literal values, {@link SecretRule#withLiteralValues()}),
 *   {@code checksum} (a provider's checksum every secret must pass, {@link SecretChecksum}), and {@code pairWith}
 *   with {@code pairLines} for a paired rule ({@link SecretRule#paired}).</li>
 *   <li>{@code disabled}: ids of rules to switch off. A rule of the configuration may reuse a disabled id, which
 *   replaces a built-in rule.</li>
 *   <li>{@code allowlist}: {@code paths} (regular expressions of relative paths not to scan) and {@code regexes}
 *   (regular expressions of secrets not to report).</li>
 * </ul>
 * <p>Anything else is refused, so that a misspelt key does not silently do nothing.</p>
 */
public final class SecretRules {
    /** The name of the resource, next to this class, that holds the built-in rules. */
    public static final String BUILT_IN_RESOURCE = "secret-rules.json";
    /** The largest configuration file read, in bytes. */
    public static final int MAX_CONFIG_SIZE = 1024 * 1024;

    private static final Set<String> TOP_KEYS = Set.of("version", "rules", "disabled", "allowlist");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "keywords", "regex", "secretGroup",
            "entropy", "examples", "pairWith", "pairLines", "literal", "checksum");
    private static final Set<String> ALLOWLIST_KEYS = Set.of("paths", "regexes");
    private static final Set<String> EXAMPLE_KEYS = Set.of("match", "noMatch");

    private final List<SecretRule> rules;
    private final SecretAllowlist allowlist;

    private SecretRules(final List<SecretRule> rules, final SecretAllowlist allowlist) {
        this.rules = rules;
        this.allowlist = allowlist;
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
            Config config = Config.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN_RESOURCE,
                    SecretConfigFormat.JSON, false);
            return of(config.rules);
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.BUILT_IN_RULES_MISSING, "Cannot read the built-in secret"
                    + " rules '" + BUILT_IN_RESOURCE + "': " + e.getMessage(), e);
        }
    }

    /**
     * Creates a rule set without allowlist.
     *
     * @param rules the rules, in order
     * @return the rule set
     * @throws LotaBotsException with {@link SecretErrorCode#INVALID_RULE} if two rules have the same id, or a paired
     *         rule's anchor is missing or paired itself
     */
    public static SecretRules of(final Collection<SecretRule> rules) {
        return of(rules, SecretAllowlist.NONE);
    }

    /**
     * Creates a rule set.
     *
     * @param rules the rules, in order
     * @param allowlist the files and secrets not to report
     * @return the rule set
     * @throws LotaBotsException with {@link SecretErrorCode#INVALID_RULE} if two rules have the same id, or a paired
     *         rule's anchor is missing or paired itself
     */
    public static SecretRules of(final Collection<SecretRule> rules, final SecretAllowlist allowlist) {
        Map<String, SecretRule> byId = new LinkedHashMap<>();
        for (SecretRule rule : rules) {
            if (byId.putIfAbsent(rule.getId(), rule) != null) {
                throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "Two secret rules have the id '"
                        + rule.getId() + "'; give each rule its own id.");
            }
        }
        for (SecretRule rule : byId.values()) {
            Optional<String> anchor = rule.getPairedWith();
            if (anchor.isPresent()) {
                SecretRule other = byId.get(anchor.get());
                if (other == null || other.getPairedWith().isPresent()) {
                    throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "The paired secret rule '" + rule.getId()
                            + "' pairs with '" + anchor.get() + "', which is " + (other == null ? "not a rule"
                            : "a paired rule itself") + "; give the id of a rule with keywords.");
                }
            }
        }
        return new SecretRules(List.copyOf(byId.values()), allowlist);
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
        Config config = Config.read(json, source, SecretConfigFormat.JSON, true);
        return of(config.rules, config.allowlist);
    }

    /**
     * Applies a user's configuration file: adds its {@code rules} (before these), drops the {@code disabled} ids
     * and adds its {@code allowlist}. The format follows the file's name ({@link SecretConfigFormat#forFile}).
     *
     * @param configFile the JSON, YAML or TOML file
     * @return the changed rules
     * @throws LotaBotsException with {@link SecretErrorCode#FILE_UNREADABLE} if the file cannot be read or parsed
     *         or is larger than {@value #MAX_CONFIG_SIZE} bytes, {@link SecretErrorCode#INVALID_RULE} for a malformed
     *         rule, a duplicate, an unknown disabled id or an example that the rule does not treat as stated; the
     *         message names the file and, where the format tells it, the line
     */
    public SecretRules withConfig(final Path configFile) {
        String text;
        try {
            long size = Files.size(configFile);
            if (size > MAX_CONFIG_SIZE) {
                throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "The secret scan configuration '"
                        + configFile + "' has " + size + " bytes, more than the " + MAX_CONFIG_SIZE + " allowed;"
                        + " is it the right file?");
            }
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot read the secret scan configuration '"
                    + configFile + "': " + e.getClass().getSimpleName() + " " + e.getMessage()
                    + ". Check the path, and that the file is UTF-8.", e);
        }
        return withConfig(text, configFile.toString(), SecretConfigFormat.forFile(configFile.toString()));
    }

    /**
     * Applies a configuration given as text, in the format its name tells (JSON unless it ends in {@code .toml},
     * {@code .yaml} or {@code .yml}); see {@link #withConfig(Path)}.
     *
     * @param text the configuration
     * @param source the name of the configuration, for messages and its format
     * @return the changed rules
     */
    public SecretRules withConfig(final String text, final String source) {
        return withConfig(text, source, SecretConfigFormat.forFile(source));
    }

    /**
     * Applies a configuration given as text; see {@link #withConfig(Path)}.
     *
     * @param text the configuration
     * @param source the name of the configuration, for messages
     * @param format its format
     * @return the changed rules
     */
    public SecretRules withConfig(final String text, final String source, final SecretConfigFormat format) {
        if (text.length() > MAX_CONFIG_SIZE) {
            throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "The secret scan configuration '" + source
                    + "' has " + text.length() + " characters, more than the " + MAX_CONFIG_SIZE + " allowed.");
        }
        Config config = Config.read(text, source, format, true);
        Set<String> unknown = new TreeSet<>(config.disabled.keySet());
        rules.forEach(rule -> unknown.remove(rule.getId()));
        config.rules.forEach(rule -> unknown.remove(rule.getId()));
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "The secret scan configuration '" + source
                    + "'" + at(config.disabled.get(first)) + " disables unknown rules " + unknown
                    + "; check the ids against the rule list (docs/bots/security-secrets.md).");
        }
        List<SecretRule> kept = new ArrayList<>(rules);
        kept.removeIf(rule -> config.disabled.containsKey(rule.getId()));
        List<SecretRule> result = new ArrayList<>(config.rules);
        result.addAll(kept);
        Set<String> ids = new TreeSet<>();
        result.forEach(rule -> ids.add(rule.getId()));
        result.removeIf(rule -> rule.getPairedWith().isPresent() && !ids.contains(rule.getPairedWith().get())
                && config.disabled.containsKey(rule.getPairedWith().get()));
        return of(result, allowlist.plus(config.allowlist));
    }

    private static String at(@CheckForNull final Integer line) {
        return line == null || line < 1 ? "" : " at line " + line;
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
     * Returns the files and secrets not to report.
     *
     * @return the allowlist, {@link SecretAllowlist#NONE} unless a configuration gave one
     */
    public SecretAllowlist getAllowlist() {
        return allowlist;
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
        return rules.size() + " secret rules" + (allowlist.isEmpty() ? "" : ", " + allowlist);
    }

    /**
     * A configuration as read, before it is applied.
     */
    private static final class Config {
        private final List<SecretRule> rules = new ArrayList<>();
        private final Map<String, Integer> disabled = new LinkedHashMap<>();
        private SecretAllowlist allowlist = SecretAllowlist.NONE;
        private final String source;
        private final SecretConfigFormat format;

        private Config(final String source, final SecretConfigFormat format) {
            this.source = source;
            this.format = format;
        }

        static Config read(final String text, final String source, final SecretConfigFormat format,
                final boolean checkExamples) {
            Config config = new Config(source, format);
            try (JsonParser parser = format.mapper().createParser(text)) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return config;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw config.invalid(line(parser), "the top level must be a " + config.mapName()
                            + " with the keys " + new TreeSet<>(TOP_KEYS));
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonToken value = parser.nextToken();
                    int line = line(parser);
                    if ("rules".equals(key) && value == JsonToken.START_ARRAY) {
                        config.readRules(parser, checkExamples);
                    }
                    else if (TOP_KEYS.contains(key)) {
                        config.readTop(key, format.mapper().readTree(parser), line);
                    }
                    else {
                        throw config.invalid(line, "the key '" + key + "' is unknown; the keys are "
                                + new TreeSet<>(TOP_KEYS));
                    }
                }
                return config;
            }
            catch (JsonProcessingException e) {
                JsonLocation location = e.getLocation();
                String where = location == null || location.getLineNr() < 1 ? ""
                        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
                throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot parse the secret scan"
                        + " configuration '" + source + "'" + where + ": " + e.getOriginalMessage() + ". Is it valid "
                        + format + "?", e);
            }
            catch (IOException e) {
                throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot read the secret scan"
                        + " configuration '" + source + "': " + e.getMessage(), e);
            }
        }

        private static int line(final JsonParser parser) {
            return parser.currentTokenLocation().getLineNr();
        }

        private String mapName() {
            return format == SecretConfigFormat.TOML ? "table" : format == SecretConfigFormat.YAML ? "mapping"
                    : "JSON object";
        }

        private LotaBotsException invalid(final int line, final String reason) {
            return LotaBotsException.of(SecretErrorCode.INVALID_RULE, "The secret scan configuration '" + source
                    + "'" + at(line) + " is invalid: " + reason + ".");
        }

        private void readTop(final String key, final JsonNode node, final int line) {
            switch (key) {
                case "disabled" -> {
                    for (String id : strings(node, "disabled", line)) {
                        disabled.put(id, line);
                    }
                }
                case "allowlist" -> {
                    if (!node.isObject()) {
                        throw invalid(line, "'allowlist' must be a " + mapName() + " with 'paths' and 'regexes'");
                    }
                    checkKeys(node, ALLOWLIST_KEYS, "allowlist", line);
                    allowlist = SecretAllowlist.of(patterns(node.path("paths"), "allowlist.paths", line),
                            patterns(node.path("regexes"), "allowlist.regexes", line));
                }
                case "rules" -> {
                    if (!node.isNull() && !node.isMissingNode()) {
                        throw invalid(line, "'rules' must be a list of rules");
                    }
                }
                default -> {
                    // version: informative only
                }
            }
        }

        private void readRules(final JsonParser parser, final boolean checkExamples) throws IOException {
            int number = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                number++;
                int line = line(parser);
                JsonNode node = format.mapper().readTree(parser);
                if (!node.isObject()) {
                    throw invalid(line, "rule #" + number + " must be a " + mapName());
                }
                String name = "rule #" + number + (node.path("id").isTextual() ? " '" + node.path("id").asText()
                        + "'" : "");
                checkKeys(node, RULE_KEYS, name, line);
                SecretRule rule;
                try {
                    rule = rule(node, name, line);
                }
                catch (LotaBotsException e) {
                    throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "In the secret scan configuration '"
                            + source + "'" + at(line) + ": " + e.getMessage(), e);
                }
                if (checkExamples) {
                    checkExamples(rule, node.path("examples"), name, line);
                }
                rules.add(rule);
            }
        }

        private SecretRule rule(final JsonNode node, final String name, final int line) {
            String id = text(node, "id", name, line, true);
            String description = text(node, "description", name, line, false);
            String regex = text(node, "regex", name, line, true);
            JsonNode group = node.path("secretGroup");
            if (!group.isMissingNode() && !group.isTextual() && !group.isIntegralNumber()) {
                throw invalid(line, name + ": 'secretGroup' must be a group number or name");
            }
            String secretGroup = group.isMissingNode() ? "0" : group.asText();
            JsonNode entropy = node.path("entropy");
            if (!entropy.isMissingNode() && !entropy.isNumber()) {
                throw invalid(line, name + ": 'entropy' must be a number of bits per character, such as 3.5");
            }
            double minEntropy = entropy.asDouble(0);
            String desc = description.isEmpty() ? id : description;
            if (node.has("pairWith")) {
                if (node.has("literal") || node.has("checksum")) {
                    throw invalid(line, name + ": a paired rule takes neither 'literal' nor 'checksum'");
                }
                String anchor = text(node, "pairWith", name, line, true);
                JsonNode lines = node.path("pairLines");
                if (!lines.isMissingNode() && !lines.isIntegralNumber()) {
                    throw invalid(line, name + ": 'pairLines' must be a whole number of lines");
                }
                return SecretRule.paired(id, desc, anchor, lines.asInt(5), regex, secretGroup, minEntropy);
            }
            if (node.has("pairLines")) {
                throw invalid(line, name + ": 'pairLines' needs 'pairWith', the id of the rule to pair with");
            }
            SecretRule rule = SecretRule.of(id, desc, strings(node.path("keywords"), name + ": 'keywords'", line),
                    regex, secretGroup, minEntropy);
            JsonNode literal = node.path("literal");
            if (!literal.isMissingNode() && !literal.isBoolean()) {
                throw invalid(line, name + ": 'literal' must be true or false");
            }
            if (literal.asBoolean(false)) {
                rule = rule.withLiteralValues();
            }
            if (node.has("checksum")) {
                String checksum = text(node, "checksum", name, line, true);
                rule = rule.withChecksum(SecretChecksum.byWireName(checksum).orElseThrow(() -> invalid(line, name
                        + ": the checksum '" + checksum + "' is unknown; the checksums are "
                        + Arrays.stream(SecretChecksum.values()).map(SecretChecksum::wireName).toList())));
            }
            return rule;
        }

        private void checkExamples(final SecretRule rule, final JsonNode examples, final String name,
                final int line) {
            if (examples.isMissingNode()) {
                return;
            }
            if (!examples.isObject()) {
                throw invalid(line, name + ": 'examples' must be a " + mapName() + " with 'match' and 'noMatch'");
            }
            checkKeys(examples, EXAMPLE_KEYS, name + " examples", line);
            if (rule.getPairedWith().isPresent()) {
                return; // a pair needs its anchor, which may be a built-in rule: checked by the tests of the set
            }
            SecretScanner scanner = SecretScanner.of(SecretRules.of(List.of(rule)));
            List<String> match = strings(examples.path("match"), name + ": 'examples.match'", line);
            for (int i = 0; i < match.size(); i++) {
                if (scanner.scanText("example", match.get(i)).isEmpty()) {
                    throw invalid(line, name + " finds no secret in its 'match' example #" + (i + 1)
                            + "; fix the regex, keywords or entropy, or the example");
                }
            }
            List<String> noMatch = strings(examples.path("noMatch"), name + ": 'examples.noMatch'", line);
            for (int i = 0; i < noMatch.size(); i++) {
                if (!scanner.scanText("example", noMatch.get(i)).isEmpty()) {
                    throw invalid(line, name + " finds a secret in its 'noMatch' example #" + (i + 1)
                            + "; tighten the regex, or fix the example");
                }
            }
        }

        private void checkKeys(final JsonNode node, final Set<String> allowed, final String name, final int line) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String key = names.next();
                if (!allowed.contains(key)) {
                    throw invalid(line, name + " has the unknown key '" + key + "'; the keys are "
                            + new TreeSet<>(allowed));
                }
            }
        }

        private String text(final JsonNode node, final String key, final String name, final int line,
                final boolean required) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() && !required) {
                return "";
            }
            if (!value.isTextual() || required && value.asText().isEmpty()) {
                throw invalid(line, name + ": '" + key + "' must be " + (required ? "a non-empty" : "a") + " string");
            }
            return value.asText();
        }

        private List<String> strings(final JsonNode node, final String name, final int line) {
            if (node.isMissingNode()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw invalid(line, name + " must be a list of strings");
            }
            List<String> result = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw invalid(line, name + " must be a list of strings; '" + element + "' is not one");
                }
                result.add(element.asText());
            }
            return result;
        }

        private List<Pattern> patterns(final JsonNode node, final String name, final int line) {
            List<Pattern> result = new ArrayList<>();
            for (String regex : strings(node, "'" + name + "'", line)) {
                try {
                    result.add(Pattern.compile(regex));
                }
                catch (PatternSyntaxException e) {
                    throw invalid(line, "'" + name + "' holds the pattern '" + regex + "', which does not compile: "
                            + e.getDescription().toLowerCase(Locale.ROOT) + " near index " + e.getIndex());
                }
            }
            return result;
        }
    }
}
