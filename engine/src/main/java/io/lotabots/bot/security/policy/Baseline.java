package io.lotabots.bot.security.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.lotabots.error.LotaBotsException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fingerprints of the findings the user names as the baseline (for example main's last report), against which
 * new, fixed and outstanding findings are told apart.
 * Read from a SARIF report of an earlier run (the {@code partialFingerprints} of its results, which LotaBots
 * writes), a JSON list or {@code {"fingerprints": [...]}}, or a text file with one fingerprint per line
 * ({@code #} starts a comment).
 *
 * @param fingerprints the fingerprints
 * @param source where they came from, for messages
 */
public record Baseline(Set<String> fingerprints, String source) {
    /** The largest baseline file read. */
    public static final long MAX_FILE_SIZE = 256L * 1024 * 1024;

    /**
     * Copies the fingerprints.
     */
    public Baseline {
        fingerprints = Set.copyOf(fingerprints);
    }

    /**
     * Reads a baseline file, detecting its format from its first character.
     *
     * @param file the file
     * @param displayName the name used in messages
     * @return the baseline
     * @throws LotaBotsException with {@link PolicyErrorCode#INVALID_BASELINE} naming the file and line
     */
    public static Baseline read(final Path file, final String displayName) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw LotaBotsException.of(PolicyErrorCode.INVALID_BASELINE, "The baseline " + displayName + " is "
                        + size + " bytes, more than the " + MAX_FILE_SIZE + " a baseline may have");
            }
            int first = firstCharacter(file);
            Set<String> fingerprints = first == '{' || first == '[' ? readJson(file) : readLines(file);
            return new Baseline(fingerprints, displayName);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw LotaBotsException.of(PolicyErrorCode.INVALID_BASELINE, "The baseline " + displayName
                    + (location == null ? "" : " line " + location.getLineNr() + " column " + location.getColumnNr())
                    + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw LotaBotsException.of(PolicyErrorCode.INVALID_BASELINE, "Cannot read the baseline " + displayName
                    + ": " + e.getMessage() + ". Check the path, or leave the baseline out.", e);
        }
    }

    private static int firstCharacter(final Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c = reader.read();
            while (c == '\uFEFF' || c >= 0 && Character.isWhitespace(c)) {
                c = reader.read();
            }
            return c;
        }
    }

    private static Set<String> readLines(final Path file) throws IOException {
        Set<String> result = new TreeSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    result.add(trimmed);
                }
            }
        }
        return result;
    }

    /*
     * Streams the JSON: collects every string of a top-level list, of a "fingerprints" list, and every value of a
     * "partialFingerprints" object at any depth (SARIF).
     */
    private static Set<String> readJson(final Path file) throws IOException {
        Set<String> result = new TreeSet<>();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = new JsonFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readStrings(parser, result);
                return result;
            }
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = parser.currentName();
                if ("fingerprints".equals(name) && parser.nextToken() == JsonToken.START_ARRAY) {
                    readStrings(parser, result);
                } else if ("partialFingerprints".equals(name) && parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        if (parser.nextToken() == JsonToken.VALUE_STRING) {
                            result.add(parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }
        return result;
    }

    private static void readStrings(final JsonParser parser, final Set<String> into) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY && token != null; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                into.add(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }
}
