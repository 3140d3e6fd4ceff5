package io.lotabots.bot.security.deps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.bot.security.advisories.VersionScheme;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an npm {@code package-lock.json} (or {@code npm-shrinkwrap.json}) of lockfileVersion 1, 2 or 3, streamed
 * with Jackson so that a lockfile of many megabytes is never held as one tree.
 *
 * <ul>
 *     <li>Versions 2 and 3: the {@code packages} map; {@code node_modules/a} is hoisted,
 *     {@code node_modules/a/node_modules/b} nested. Entries that are links or workspace folders are the project
 *     itself and are left out. A top-level entry is direct when the root (or a workspace) lists it in its
 *     dependencies.</li>
 *     <li>Version 1: the nested {@code dependencies} tree. Top-level entries are direct when the
 *     {@code package.json} next to the lockfile lists them, unknown if there is none.</li>
 * </ul>
 *
 * <p>{@code dev: true} gives the scope {@code dev}, {@code optional: true} {@code optional},
 * {@code devOptional: true} {@code devOptional}, others {@code prod}. Versions that are no semantic version (git,
 * file or URL dependencies) are reported as warnings and left out; npm aliases ({@code npm:real@1.0.0}) are read
 * as the real package.</p>
 */
final class PackageLockReader {
    private static final int MAX_DEPTH = 200;

    private PackageLockReader() {
    }

    /** One entry before the direct dependencies are known. */
    private record Entry(String name, String declaredAs, String version, int line, @CheckForNull String scope,
            boolean topLevel) {
    }

    static void read(final InputStream in, final String file, @CheckForNull final Set<String> packageJsonNames,
            final long maxBytes, final ReadSink sink) {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH * 2 + 10).maxDocumentLength(maxBytes).build()).build();
        ObjectMapper mapper = new ObjectMapper(factory);
        List<Entry> packages = new ArrayList<>();
        List<Entry> legacy = new ArrayList<>();
        Set<String> direct = new HashSet<>();
        boolean hasPackages = false;
        int lockfileVersion = 0;
        try (JsonParser parser = factory.createParser(in)) {
            parser.setCodec(mapper);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "the lockfile is no JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("lockfileVersion".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    lockfileVersion = parser.getIntValue();
                }
                else if ("packages".equals(field) && value == JsonToken.START_OBJECT) {
                    hasPackages = true;
                    readPackages(parser, file, packages, direct, sink);
                }
                else if ("dependencies".equals(field) && value == JsonToken.START_OBJECT) {
                    readLegacy(parser, file, legacy, 0, sink);
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        catch (JsonProcessingException exception) {
            JsonLocation location = exception.getLocation();
            int line = location == null ? 0 : location.getLineNr();
            int column = location == null ? 0 : location.getColumnNr();
            sink.error(file, line, column, String.format(Locale.ROOT, "Cannot parse the npm lockfile %s: %s. "
                    + "Regenerate it with 'npm install --package-lock-only'.", ReadSink.at(file, line, column),
                    exception.getOriginalMessage()));
            return;
        }
        catch (IOException exception) {
            sink.error(file, 0, 0, String.format(Locale.ROOT, "Cannot read the npm lockfile '%s': %s.", file,
                    exception.getMessage()));
            return;
        }
        if (lockfileVersion > 3) {
            sink.warning(file, 0, String.format(Locale.ROOT, "The npm lockfile '%s' has lockfileVersion %d; "
                    + "versions 1 to 3 are known, it is read as version 3.", file, lockfileVersion));
        }
        if (hasPackages) {
            for (Entry entry : packages) {
                Relation relation = entry.topLevel() && direct.contains(entry.declaredAs()) ? Relation.DIRECT
                        : Relation.TRANSITIVE;
                sink.add(Component.of(Ecosystem.NPM, entry.name(), entry.version(), file, entry.line(), relation,
                        entry.scope()));
            }
            return;
        }
        for (Entry entry : legacy) {
            Relation relation = !entry.topLevel() ? Relation.TRANSITIVE : packageJsonNames == null
                    ? Relation.UNKNOWN : packageJsonNames.contains(entry.declaredAs()) ? Relation.DIRECT
                            : Relation.TRANSITIVE;
            sink.add(Component.of(Ecosystem.NPM, entry.name(), entry.version(), file, entry.line(), relation,
                    entry.scope()));
        }
    }

    private static void readPackages(final JsonParser parser, final String file, final List<Entry> packages,
            final Set<String> direct, final ReadSink sink) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentLocation().getLineNr();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            JsonNode node = parser.readValueAsTree();
            int marker = key.lastIndexOf("node_modules/");
            if (marker < 0) {
                for (String field : List.of("dependencies", "devDependencies", "optionalDependencies",
                        "peerDependencies")) {
                    Iterator<String> names = node.path(field).fieldNames();
                    names.forEachRemaining(direct::add);
                }
                continue;
            }
            if (node.path("link").asBoolean(false)) {
                continue;
            }
            String declaredAs = key.substring(marker + "node_modules/".length());
            String name = node.path("name").isTextual() ? node.path("name").asText() : declaredAs;
            String version = node.path("version").asText("");
            boolean topLevel = key.indexOf("node_modules/") == marker;
            add(name, declaredAs, version, line, scope(node), topLevel, file, packages, sink);
        }
    }

    private static void readLegacy(final JsonParser parser, final String file, final List<Entry> legacy,
            final int depth, final ReadSink sink) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new JsonParseException(parser, "the dependencies are nested deeper than " + MAX_DEPTH + " levels");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = parser.currentLocation().getLineNr();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            String version = "";
            boolean dev = false;
            boolean optional = false;
            List<Entry> children = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("version".equals(field) && value == JsonToken.VALUE_STRING) {
                    version = parser.getText();
                }
                else if ("dev".equals(field)) {
                    dev = value == JsonToken.VALUE_TRUE;
                }
                else if ("optional".equals(field)) {
                    optional = value == JsonToken.VALUE_TRUE;
                }
                else if ("dependencies".equals(field) && value == JsonToken.START_OBJECT) {
                    readLegacy(parser, file, children, depth + 1, sink);
                }
                else {
                    parser.skipChildren();
                }
            }
            String scope = dev ? "dev" : optional ? "optional" : "prod";
            add(name, name, version, line, scope, depth == 0, file, legacy, sink);
            legacy.addAll(children);
        }
    }

    private static String scope(final JsonNode node) {
        if (node.path("dev").asBoolean(false)) {
            return "dev";
        }
        if (node.path("devOptional").asBoolean(false)) {
            return "devOptional";
        }
        return node.path("optional").asBoolean(false) ? "optional" : "prod";
    }

    private static void add(final String name, final String declaredAs, final String rawVersion, final int line, final String scope,
            final boolean topLevel, final String file, final List<Entry> entries, final ReadSink sink) {
        String packageName = name;
        String version = rawVersion;
        if (version.startsWith("npm:")) {
            int at = version.lastIndexOf('@');
            if (at > "npm:".length()) {
                packageName = version.substring("npm:".length(), at);
                version = version.substring(at + 1);
            }
        }
        if (version.isEmpty()) {
            sink.warning(file, line, String.format(Locale.ROOT, "The package '%s' %s has no version; it is left "
                    + "out.", name, ReadSink.at(file, line, 0)));
            return;
        }
        if (!VersionScheme.SEMVER.isValid(version)) {
            sink.warning(file, line, String.format(Locale.ROOT, "The package '%s' %s comes from '%s', which is no "
                    + "registry version; it cannot be matched and is left out.", name, ReadSink.at(file, line, 0),
                    version));
            return;
        }
        entries.add(new Entry(packageName, declaredAs, version, line, scope, topLevel));
    }
}
