package io.lotabots.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * The one way the engine reads YAML that a user writes (scenario definitions, routing rules, baselines, reaction
 * rules): bounded in size, nesting and code points, with duplicate keys refused, and with anchors and aliases
 * ({@code &name}, {@code *name}) refused, so that a billion-laughs document cannot expand and an alias is never
 * silently read as the text of its anchor's name (what Jackson's YAML parser would otherwise do). Tags never
 * construct objects: documents are read as JSON trees only.
 */
public final class SecureYaml {
    /** The deepest nesting of maps and lists accepted. */
    public static final int MAX_NESTING = 20;

    private SecureYaml() {
    }

    /**
     * A YAML document that is refused: malformed, too large, too deep, with a duplicate key or an alias.
     */
    public static final class InvalidYamlException extends Exception {
        private static final long serialVersionUID = 1L;

        private final int line;
        private final int column;
        private final String reason;

        InvalidYamlException(final int line, final int column, final String reason,
                @edu.umd.cs.findbugs.annotations.CheckForNull final Throwable cause) {
            super((line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " : "") + reason, cause);
            this.line = line;
            this.column = column;
            this.reason = reason;
        }

        InvalidYamlException(final String reason) {
            this(0, 0, reason, null);
        }

        /**
         * Returns the line of the problem.
         *
         * @return the line, from 1, or 0 if the problem has no place (the whole file is too large)
         */
        public int getLine() {
            return line;
        }

        /**
         * Returns the column of the problem.
         *
         * @return the column, from 1, or 0 if unknown
         */
        public int getColumn() {
            return column;
        }

        /**
         * Returns what is wrong, without the place.
         *
         * @return the reason
         */
        public String getReason() {
            return reason;
        }
    }

    /**
     * Returns a YAML factory with the limits: duplicate keys refused, nesting at most {@link #MAX_NESTING}, at most
     * {@code maxBytes} code points. It does not refuse aliases by itself; use {@link #rejectAliases(String)} or
     * {@link #readTree(byte[], int)}.
     *
     * @param maxBytes the largest document
     * @return the factory
     */
    public static YAMLFactory factory(final int maxBytes) {
        LoaderOptions options = loaderOptions(maxBytes);
        return YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static LoaderOptions loaderOptions(final int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(maxBytes);
        return options;
    }

    /**
     * Reads at most {@code maxBytes} of a file.
     *
     * @param file the file
     * @param maxBytes the largest file accepted
     * @return its bytes
     * @throws InvalidYamlException if the file is larger
     * @throws IOException if it cannot be read
     */
    public static byte[] readBounded(final Path file, final int maxBytes) throws IOException, InvalidYamlException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new InvalidYamlException("the file is larger than " + (maxBytes >= 1024 ? (maxBytes >> 10)
                        + " KiB" : maxBytes + " bytes") + "; is it the right file?");
            }
            return content;
        }
    }

    /**
     * Refuses anchors and aliases, reading the document as a stream of events (nothing is built or expanded).
     *
     * @param text the document
     * @throws InvalidYamlException naming the line of the first alias, or of a syntax error
     */
    public static void rejectAliases(final String text) throws InvalidYamlException {
        Yaml yaml = new Yaml(loaderOptions(Math.max(text.length(), 1)));
        try {
            for (Event event : yaml.parse(new StringReader(text))) {
                if (event instanceof AliasEvent alias) {
                    Mark mark = alias.getStartMark();
                    throw new InvalidYamlException(mark.getLine() + 1, mark.getColumn() + 1, "the alias '*"
                            + alias.getAnchor() + "' is not supported: anchors and aliases are refused (they are how"
                            + " a small file expands to gigabytes); write the value out where it is needed", null);
                }
            }
        }
        catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new InvalidYamlException(mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem(), e);
        }
        catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidYamlException(0, 0, "not valid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a document as a JSON tree, with every limit of this class.
     *
     * @param content the document, UTF-8
     * @param maxBytes the largest document
     * @return the tree; a {@code MissingNode} for an empty document
     * @throws InvalidYamlException naming the line and column of the problem
     */
    public static JsonNode readTree(final byte[] content, final int maxBytes) throws InvalidYamlException {
        if (content.length > maxBytes) {
            throw new InvalidYamlException("the document is larger than " + maxBytes + " bytes");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        rejectAliases(text);
        try {
            return new ObjectMapper(factory(maxBytes)).readTree(text);
        }
        catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new InvalidYamlException(location == null ? 0 : location.getLineNr(),
                    location == null ? 0 : location.getColumnNr(), "not valid YAML: " + e.getOriginalMessage(), e);
        }
    }
}
