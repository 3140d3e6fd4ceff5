package io.lotabots.bot.security.deps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.util.SecureXml;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the declared dependencies of one {@code pom.xml} with {@link SecureXml}: {@code project/dependencies}, with
 * {@code ${property}} values taken from the pom's own properties and project coordinates, and missing versions
 * taken from its {@code dependencyManagement}. Profiles, plugins and parents are not read; what they define is
 * only known from the resolved list.
 */
final class PomReader {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_INTERPOLATION_DEPTH = 10;

    private PomReader() {
    }

    /**
     * A dependency as the pom declares it.
     *
     * @param groupId the group
     * @param artifactId the artifact
     * @param version the interpolated version, or {@code null} if the pom does not define it
     * @param rawVersion the version as written, or {@code null}
     * @param scope the scope, {@code compile} when not written
     * @param line the line of {@code <dependency>}
     */
    record Declared(String groupId, String artifactId, @CheckForNull String version, @CheckForNull String rawVersion,
            String scope, int line) {
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    /** What the reader found: the declared dependencies, or nothing if the pom is malformed. */
    static List<Declared> read(final byte[] content, final String file, final ReadSink sink) {
        Map<String, String> properties = new HashMap<>();
        List<Map<String, String>> managed = new ArrayList<>();
        List<Map<String, String>> declared = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        Map<String, String> current = null;
        try {
            XMLStreamReader reader = SecureXml.newReader(new ByteArrayInputStream(content));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String name = reader.getLocalName();
                        String parentPath = String.join("/", path);
                        path.addLast(name);
                        if ("dependency".equals(name) && ("project/dependencies".equals(parentPath)
                                || "project/dependencyManagement/dependencies".equals(parentPath))) {
                            current = new HashMap<>();
                            current.put("#line", Integer.toString(reader.getLocation().getLineNumber()));
                            ("project/dependencies".equals(parentPath) ? declared : managed).add(current);
                        }
                        else if (current != null && isCoordinate(name)
                                && ("project/dependencies/dependency".equals(parentPath)
                                        || "project/dependencyManagement/dependencies/dependency"
                                                .equals(parentPath))) {
                            current.put(name, reader.getElementText().strip());
                            path.removeLast();
                        }
                        else if ("project/properties".equals(parentPath)) {
                            properties.put(name, reader.getElementText().strip());
                            path.removeLast();
                        }
                        else if (path.size() == 2 && isCoordinate(name) && "project".equals(parentPath)) {
                            properties.put("project." + name, reader.getElementText().strip());
                            path.removeLast();
                        }
                        else if (path.size() == 3 && "project/parent".equals(parentPath) && isCoordinate(name)) {
                            properties.put("project.parent." + name, reader.getElementText().strip());
                            path.removeLast();
                        }
                    }
                    else if (event == XMLStreamConstants.END_ELEMENT) {
                        String name = path.removeLast();
                        if ("dependency".equals(name) && current != null && (path.size() == 2 || path.size() == 3)) {
                            current = null;
                        }
                    }
                }
            }
            finally {
                reader.close();
            }
        }
        catch (XMLStreamException exception) {
            Location location = exception.getLocation();
            int line = location == null ? 0 : location.getLineNumber();
            int column = location == null ? 0 : location.getColumnNumber();
            String message = exception.getMessage() == null ? "invalid XML" : exception.getMessage();
            int index = message.indexOf("Message: ");
            message = CycloneDxReader.firstLine(index >= 0 ? message.substring(index + 9) : message);
            sink.error(file, line, column, String.format(Locale.ROOT,
                    "Cannot parse the Maven pom %s: %s. Fix the XML; DTDs and entities are not accepted.",
                    ReadSink.at(file, line, column), message));
            return List.of();
        }
        inheritProjectCoordinates(properties);
        Map<String, String> managedVersions = new HashMap<>();
        for (Map<String, String> dependency : managed) {
            String key = interpolate(dependency.getOrDefault("groupId", ""), properties) + ":"
                    + interpolate(dependency.getOrDefault("artifactId", ""), properties);
            if (dependency.get("version") != null) {
                managedVersions.putIfAbsent(key, dependency.get("version"));
            }
        }
        List<Declared> result = new ArrayList<>();
        for (Map<String, String> dependency : declared) {
            int line = Integer.parseInt(dependency.get("#line"));
            String groupId = interpolate(dependency.getOrDefault("groupId", ""), properties);
            String artifactId = interpolate(dependency.getOrDefault("artifactId", ""), properties);
            if (groupId.isEmpty() || artifactId.isEmpty() || groupId.contains("${") || artifactId.contains("${")) {
                sink.warning(file, line, String.format(Locale.ROOT, "The dependency %s has no resolvable groupId "
                        + "and artifactId; it is left out.", ReadSink.at(file, line, 0)));
                continue;
            }
            String raw = dependency.get("version");
            if (raw == null) {
                raw = managedVersions.get(groupId + ":" + artifactId);
            }
            String version = raw == null ? null : interpolate(raw, properties);
            if (version != null && version.contains("${")) {
                version = null;
            }
            String scope = dependency.getOrDefault("scope", "compile");
            result.add(new Declared(groupId, artifactId, version, raw, scope.isEmpty() ? "compile" : scope, line));
        }
        return result;
    }

    private static boolean isCoordinate(final String name) {
        return "groupId".equals(name) || "artifactId".equals(name) || "version".equals(name)
                || "scope".equals(name) || "type".equals(name) || "classifier".equals(name);
    }

    private static void inheritProjectCoordinates(final Map<String, String> properties) {
        properties.putIfAbsent("project.groupId", properties.getOrDefault("project.parent.groupId", ""));
        properties.putIfAbsent("project.version", properties.getOrDefault("project.parent.version", ""));
        properties.putIfAbsent("pom.version", properties.get("project.version"));
        properties.putIfAbsent("version", properties.get("project.version"));
        properties.putIfAbsent("pom.groupId", properties.get("project.groupId"));
    }

    /** Replaces {@code ${name}} by the property, repeatedly; unknown properties stay as they are. */
    static String interpolate(final String text, final Map<String, String> properties) {
        String value = text;
        for (int depth = 0; depth < MAX_INTERPOLATION_DEPTH && value.contains("${"); depth++) {
            Matcher matcher = PROPERTY.matcher(value);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            while (matcher.find()) {
                String replacement = properties.get(matcher.group(1));
                if (replacement != null && !replacement.isEmpty()) {
                    changed = true;
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(
                        replacement == null || replacement.isEmpty() ? matcher.group() : replacement));
            }
            matcher.appendTail(out);
            value = out.toString();
            if (!changed) {
                break;
            }
        }
        return value;
    }
}
