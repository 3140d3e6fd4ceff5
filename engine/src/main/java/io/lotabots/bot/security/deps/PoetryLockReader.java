package io.lotabots.bot.security.deps;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.Ecosystem;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code poetry.lock} (Poetry 1.x and 2.x) with jackson-dataformat-toml: every {@code [[package]]} with
 * its name and version. The scope is Poetry 1.x's {@code category} ({@code main}, {@code dev}) or 2.x's
 * {@code groups}. A package is direct when the {@code pyproject.toml} next to the lock names it
 * ({@code tool.poetry.dependencies}, {@code dev-dependencies}, {@code group.*.dependencies} or PEP 621
 * {@code project.dependencies}); without one the relation is unknown. Lines are found by the
 * {@code name = "..."} line of each package.
 */
final class PoetryLockReader {
    private static final Pattern NAME_LINE = Pattern.compile("^\\s*name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern PEP_508_NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");

    private PoetryLockReader() {
    }

    static void read(final String text, final String file, @CheckForNull final String pyproject, final ReadSink sink) {
        TomlMapper mapper = new TomlMapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        }
        catch (JsonProcessingException exception) {
            JsonLocation location = exception.getLocation();
            int line = location == null ? 0 : location.getLineNr();
            int column = location == null ? 0 : location.getColumnNr();
            sink.error(file, line, column, String.format(Locale.ROOT, "Cannot parse the Poetry lock %s: %s. "
                    + "Regenerate it with 'poetry lock'.", ReadSink.at(file, line, column),
                    exception.getOriginalMessage()));
            return;
        }
        if (root == null || !root.path("package").isArray()) {
            sink.warning(file, 0, "The Poetry lock '" + file + "' has no [[package]] entries.");
            return;
        }
        Set<String> direct = pyproject == null ? null : directNames(pyproject, file, sink);
        Map<String, Deque<Integer>> lines = packageLines(text);
        for (JsonNode pkg : root.path("package")) {
            String name = pkg.path("name").asText("");
            String version = pkg.path("version").asText("");
            String key = Ecosystem.PYPI.normalizeName(name);
            Deque<Integer> queue = lines.get(key);
            int line = queue == null || queue.isEmpty() ? 0 : queue.removeFirst();
            if (name.isEmpty() || version.isEmpty()) {
                sink.warning(file, line, String.format(Locale.ROOT, "A package %s has no name or version; it is "
                        + "left out.", ReadSink.at(file, line, 0)));
                continue;
            }
            Relation relation = direct == null ? Relation.UNKNOWN : direct.contains(key) ? Relation.DIRECT
                    : Relation.TRANSITIVE;
            sink.add(Component.of(Ecosystem.PYPI, name, version, file, line, relation, scope(pkg)));
        }
    }

    @CheckForNull
    private static String scope(final JsonNode pkg) {
        if (pkg.path("category").isTextual()) {
            return pkg.path("category").asText();
        }
        if (pkg.path("groups").isArray() && !pkg.path("groups").isEmpty()) {
            StringBuilder groups = new StringBuilder();
            for (JsonNode group : pkg.path("groups")) {
                groups.append(groups.length() == 0 ? "" : ",").append(group.asText());
            }
            return groups.toString();
        }
        return null;
    }

    private static Map<String, Deque<Integer>> packageLines(final String text) {
        Map<String, Deque<Integer>> lines = new HashMap<>();
        String[] all = text.split("\r?\n", -1);
        boolean inPackage = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.startsWith("[")) {
                inPackage = "[[package]]".equals(line);
                continue;
            }
            Matcher matcher = NAME_LINE.matcher(line);
            if (inPackage && matcher.find()) {
                lines.computeIfAbsent(Ecosystem.PYPI.normalizeName(matcher.group(1)), k -> new ArrayDeque<>())
                        .addLast(i + 1);
                inPackage = false;
            }
        }
        return lines;
    }

    @CheckForNull
    private static Set<String> directNames(final String pyproject, final String file, final ReadSink sink) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(pyproject);
        }
        catch (IOException exception) {
            sink.warning(file, 0, String.format(Locale.ROOT, "The pyproject.toml next to '%s' cannot be parsed "
                    + "(%s); direct and transitive packages are not told apart.", file,
                    CycloneDxReader.firstLine(String.valueOf(exception.getMessage()))));
            return null;
        }
        Set<String> names = new HashSet<>();
        JsonNode poetry = root.path("tool").path("poetry");
        addKeys(poetry.path("dependencies"), names);
        addKeys(poetry.path("dev-dependencies"), names);
        Iterator<JsonNode> groups = poetry.path("group").elements();
        groups.forEachRemaining(group -> addKeys(group.path("dependencies"), names));
        for (JsonNode requirement : root.path("project").path("dependencies")) {
            addRequirement(requirement.asText(""), names);
        }
        Iterator<JsonNode> optional = root.path("project").path("optional-dependencies").elements();
        optional.forEachRemaining(list -> list.forEach(requirement -> addRequirement(requirement.asText(""), names)));
        names.remove("python");
        return names;
    }

    private static void addKeys(final JsonNode table, final Set<String> names) {
        table.fieldNames().forEachRemaining(name -> names.add(Ecosystem.PYPI.normalizeName(name)));
    }

    private static void addRequirement(final String requirement, final Set<String> names) {
        Matcher matcher = PEP_508_NAME.matcher(requirement);
        if (matcher.find()) {
            names.add(Ecosystem.PYPI.normalizeName(matcher.group(1)));
        }
    }
}
