package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * What a format reader needs while it reads one report: the bounded JSON parser, the workspace for the findings'
 * paths, the log, and what it learns about the report (tool version, target).
 */
final class ReportContext {
    /** JSON reports nest a few levels deep; SARIF code flows a dozen. Deeper is hostile. */
    static final int MAX_NESTING_DEPTH = 128;
    /** The longest single string value, in characters. */
    static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^/?[A-Za-z]:[/\\\\].*");

    private final Path file;
    private final String report;
    private final Path workspace;
    @CheckForNull
    private final Path realWorkspace;
    private final LogSink log;
    private final ObjectMapper mapper;
    private int outside;
    @CheckForNull
    private String outsideExample;
    @CheckForNull
    private String tool;
    @CheckForNull
    private String toolVersion;
    @CheckForNull
    private String target;
    private ScannerFormat format = ScannerFormat.SARIF;

    ReportContext(final Path file, final String report, final Path workspace, final LogSink log,
            final long maxBytes) {
        this.file = file;
        this.report = report;
        this.workspace = workspace.toAbsolutePath().normalize();
        this.realWorkspace = realPath(this.workspace);
        this.log = log;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxDocumentLength(maxBytes)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    @CheckForNull
    private static Path realPath(final Path path) {
        try {
            return path.toRealPath();
        }
        catch (IOException e) {
            return null;
        }
    }

    Path file() {
        return file;
    }

    String report() {
        return report;
    }

    LogSink log() {
        return log;
    }

    JsonParser open() throws IOException {
        return mapper.createParser(Files.newInputStream(file));
    }

    JsonNode tree(final JsonParser parser) throws IOException {
        JsonNode node = mapper.readTree(parser);
        return node == null ? mapper.nullNode() : node;
    }

    void format(final ScannerFormat value) {
        this.format = value;
    }

    ScannerFormat format() {
        return format;
    }

    void tool(final String name, @CheckForNull final String version) {
        this.tool = name;
        this.toolVersion = blankToNull(version);
    }

    @CheckForNull
    String tool() {
        return tool;
    }

    @CheckForNull
    String toolVersion() {
        return toolVersion;
    }

    void target(@CheckForNull final String value) {
        this.target = blankToNull(value);
    }

    @CheckForNull
    String target() {
        return target;
    }

    int outsideCount() {
        return outside;
    }

    @CheckForNull
    String outsideExample() {
        return outsideExample;
    }

    @CheckForNull
    static String blankToNull(@CheckForNull final String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * Returns a path a report gives for a finding as a path relative to the workspace, or {@code null} when it has
     * none or it lies outside the workspace (counted, so that the summary can say so).
     *
     * @param reported the path or {@code file:} URI as the report gives it, absolute or relative to the base
     * @param base the folder a relative path is relative to, or {@code null} for the workspace
     * @return the relative path with {@code /}, or {@code null}
     */
    @CheckForNull
    String workspaceFile(@CheckForNull final String reported, @CheckForNull final String base) {
        String text = blankToNull(reported);
        if (text == null || "-".equals(text)) {
            return null;
        }
        String path = text;
        if (text.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                path = new URI(text).getPath();
            }
            catch (URISyntaxException e) {
                return outside(text);
            }
            if (path == null) {
                return outside(text);
            }
        }
        else if (text.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !WINDOWS_ABSOLUTE.matcher(text).matches()) {
            return null; // another scheme (pkg:, https:): no file
        }
        path = path.replace('\\', '/');
        try {
            Path resolved;
            if (path.startsWith("/") || WINDOWS_ABSOLUTE.matcher(path).matches()) {
                resolved = Path.of(WINDOWS_ABSOLUTE.matcher(path).matches() && path.startsWith("/")
                        ? path.substring(1) : path);
            }
            else {
                Path folder = base == null ? workspace : workspace.resolve(base.replace('\\', '/'));
                resolved = folder.resolve(path);
            }
            Path normalized = resolved.toAbsolutePath().normalize();
            String relative = relativeTo(workspace, normalized);
            if (relative == null && realWorkspace != null) {
                relative = relativeTo(realWorkspace, normalized);
            }
            return relative == null ? outside(text) : relative;
        }
        catch (InvalidPathException e) {
            return outside(text);
        }
    }

    @CheckForNull
    private static String relativeTo(final Path folder, final Path path) {
        if (!path.startsWith(folder) || path.equals(folder)) {
            return null;
        }
        return folder.relativize(path).toString().replace('\\', '/');
    }

    @CheckForNull
    private String outside(final String text) {
        outside++;
        if (outsideExample == null) {
            outsideExample = text;
        }
        return null;
    }

    /**
     * Returns the error for JSON that is not well-formed or too big. The message names the report, the line and
     * column; it never repeats the text around the error, which could be a secret.
     */
    LotaBotsException malformed(final JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String what;
        if (e instanceof StreamConstraintsException) {
            what = e.getOriginalMessage() + "; such a report is refused as hostile";
        }
        else if (e instanceof JsonEOFException) {
            what = "unexpected end of file; is the report complete?";
        }
        else {
            what = "not well-formed JSON (" + QUOTED.matcher(e.getOriginalMessage().lines().findFirst().orElse(""))
                    .replaceAll("'…'") + ")";
        }
        return LotaBotsException.of(ReportErrorCode.MALFORMED, String.format(Locale.ROOT,
                "Cannot read scanner report '%s' at %s: %s", report, position(location), what), e);
    }

    /**
     * Returns the error for a field that is present but of the wrong type.
     */
    LotaBotsException wrongType(final JsonParser parser, final String field, final String expected) {
        return LotaBotsException.of(ReportErrorCode.MALFORMED, String.format(Locale.ROOT,
                "Cannot read scanner report '%s' at %s: '%s' must be %s, found %s. Is the report complete and of the"
                        + " format it was read as?",
                report, position(parser.currentLocation()), field, expected, describe(parser.currentToken())));
    }

    static String position(@CheckForNull final JsonLocation location) {
        if (location == null) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(@CheckForNull final JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    /**
     * Moves the parser to the next token and checks that it starts an object.
     */
    void expectObject(final JsonParser parser, final String field) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw wrongType(parser, field, "an object");
        }
    }

    /**
     * Checks that the parser is at the start of an array.
     */
    void expectArray(final JsonParser parser, final String field) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw wrongType(parser, field, "an array");
        }
    }

    /**
     * Reads the array the parser is at, one object at a time as a tree, and hands each to {@code handler}; an element
     * that is no object is an error naming it as {@code field[index]}.
     */
    void forEachObject(final JsonParser parser, final String field, final ObjectHandler handler) throws IOException {
        expectArray(parser, field);
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw wrongType(parser, field + "[" + index + "]", "an object");
            }
            handler.accept(tree(parser));
            index++;
        }
    }

    /**
     * Takes one object of a report array.
     */
    @FunctionalInterface
    interface ObjectHandler {
        void accept(JsonNode object) throws IOException;
    }
}
