package io.lotabots.bot.security.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The suppressions of a project, read from a YAML or JSON file:
 *
 * <pre>
 * suppressions:
 *   - id: CVE-2021-44228
 *     package: org.apache.logging.log4j:log4j-core
 *     reason: JNDI lookups are disabled by log4j2.formatMsgNoLookups
 *     expires: 2026-12-31
 *   - id: generic-password
 *     path: src/test/**
 *     reason: test fixtures
 * </pre>
 *
 * <p>A list at the top level works too. Every entry needs an {@code id} and a {@code reason}; an entry without
 * them, an unknown key or a date not in {@code YYYY-MM-DD} form is an error naming the file and line, because a
 * suppression that silently does nothing is worse than none.
 */
public final class Suppressions {
    /** The largest suppressions file read. */
    public static final long MAX_FILE_SIZE = 1024 * 1024;
    private static final List<String> KEYS = List.of("id", "reason", "expires", "path", "package");
    private static final Suppressions NONE = new Suppressions(List.of());

    private final List<Suppression> entries;

    private Suppressions(final List<Suppression> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Returns no suppressions.
     *
     * @return the empty set
     */
    public static Suppressions none() {
        return NONE;
    }

    /**
     * Creates suppressions from entries.
     *
     * @param entries the entries
     * @return the suppressions
     */
    public static Suppressions of(final List<Suppression> entries) {
        return new Suppressions(entries);
    }

    /**
     * Returns the entries, in the order of the file.
     *
     * @return the entries
     */
    public List<Suppression> getEntries() {
        return entries;
    }

    /**
     * Finds the first suppression that matches a finding, expired or not.
     *
     * @param finding the finding
     * @return the suppression, or empty
     */
    public Optional<Suppression> find(final SecurityFinding finding) {
        return entries.stream().filter(s -> s.matches(finding)).findFirst();
    }

    /**
     * Reads a suppressions file.
     *
     * @param file the YAML or JSON file
     * @param displayName the name used in messages, e.g. the path relative to the workspace
     * @return the suppressions
     * @throws LotaBotsException with {@link PolicyErrorCode#INVALID_SUPPRESSIONS} naming the file and line
     */
    public static Suppressions read(final Path file, final String displayName) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw invalid(displayName, 0, "is " + size + " bytes, more than the " + MAX_FILE_SIZE
                        + " a suppressions file may have");
            }
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            try (InputStream in = Files.newInputStream(file); JsonParser parser = mapper.createParser(in)) {
                return new Suppressions(parse(parser, displayName));
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw LotaBotsException.of(PolicyErrorCode.INVALID_SUPPRESSIONS, "The suppressions file " + displayName
                    + (location == null ? "" : " line " + location.getLineNr()) + " is not valid YAML or JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw LotaBotsException.of(PolicyErrorCode.INVALID_SUPPRESSIONS, "Cannot read the suppressions file "
                    + displayName + ": " + e.getMessage() + ". Check the path.", e);
        }
    }

    private static List<Suppression> parse(final JsonParser parser, final String file) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return List.of();
        }
        if (token == JsonToken.START_OBJECT) {
            String field = parser.nextFieldName();
            if (!"suppressions".equals(field)) {
                throw invalid(file, line(parser), "must have 'suppressions:' as its only top-level key, or be a list");
            }
            token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                return List.of();
            }
        }
        if (token != JsonToken.START_ARRAY) {
            throw invalid(file, line(parser), "must hold a list of suppressions");
        }
        List<Suppression> result = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int line = line(parser);
            JsonNode node = parser.readValueAsTree();
            result.add(entry(node, file, line));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw invalid(file, line(parser), "has an entry that is not a map of id, reason, expires, path, package");
        }
        return result;
    }

    private static Suppression entry(final JsonNode node, final String file, final int line) {
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw invalid(file, line, "has the unknown key '" + key + "'; the keys are " + String.join(", ", KEYS));
            }
        });
        String id = text(node, "id");
        if (id == null) {
            throw invalid(file, line, "has an entry without 'id': give the rule or advisory id, or the fingerprint");
        }
        String reason = text(node, "reason");
        if (reason == null) {
            throw invalid(file, line, "suppresses " + id + " without a 'reason': say why it is accepted");
        }
        LocalDate expires = null;
        String expiresText = text(node, "expires");
        if (expiresText != null) {
            try {
                expires = LocalDate.parse(expiresText);
            } catch (DateTimeParseException e) {
                throw invalid(file, line, "has the expiry date '" + expiresText + "' for " + id
                        + ", which is not of the form YYYY-MM-DD");
            }
        }
        return new Suppression(id, text(node, "path"), text(node, "package"), reason, expires, file + ":" + line);
    }

    @CheckForNull
    private static String text(final JsonNode node, final String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static int line(final JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static LotaBotsException invalid(final String file, final int line, final String problem) {
        return LotaBotsException.of(PolicyErrorCode.INVALID_SUPPRESSIONS,
                "The suppressions file " + file + (line > 0 ? " line " + line : "") + " " + problem);
    }
}
