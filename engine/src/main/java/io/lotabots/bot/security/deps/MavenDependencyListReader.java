package io.lotabots.bot.security.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the output file of {@code mvn dependency:list -DoutputFile=...}: one resolved artifact a line, as
 * {@code groupId:artifactId:type[:classifier]:version:scope}, optionally followed by the file path
 * ({@code -DoutputAbsoluteArtifactFilename}), {@code (optional)} and {@code -- module ...}. Header lines ("The
 * following files have been resolved:"), blank lines and {@code none} are skipped; several modules may have
 * appended their lists to one file ({@code -DappendOutput=true}).
 */
final class MavenDependencyListReader {
    private static final Pattern SCOPES = Pattern.compile("compile|provided|runtime|test|system|import");

    private MavenDependencyListReader() {
    }

    /**
     * One resolved artifact.
     *
     * @param groupId the group
     * @param artifactId the artifact
     * @param version the resolved version
     * @param scope the scope
     * @param line the line in the list, from 1
     */
    record Resolved(String groupId, String artifactId, String version, String scope, int line) {
        /**
         * Returns {@code groupId:artifactId}.
         *
         * @return the key
         */
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    /**
     * Reads a list. A line that is no artifact is reported as a warning with its line number.
     *
     * @param text the file content
     * @param file the file, relative to the workspace, for messages
     * @param sink receives the warnings
     * @return the artifacts, in the order of the file
     */
    static List<Resolved> read(final String text, final String file, final ReadSink sink) {
        List<Resolved> resolved = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || "none".equalsIgnoreCase(line) || line.startsWith("The following files")
                    || line.startsWith("[")) {
                continue;
            }
            int module = line.indexOf(" -- module ");
            if (module >= 0) {
                line = line.substring(0, module).strip();
            }
            if (line.endsWith("(optional)")) {
                line = line.substring(0, line.length() - "(optional)".length()).strip();
            }
            String[] parts = line.split(":");
            int scopeIndex = -1;
            for (int p = Math.min(parts.length - 1, 5); p >= 4; p--) {
                if (SCOPES.matcher(parts[p]).matches()) {
                    scopeIndex = p;
                    break;
                }
            }
            if (scopeIndex < 0 || parts[0].contains(" ")) {
                sink.warning(file, i + 1, String.format(Locale.ROOT, "Line %d of the Maven dependency list '%s' is "
                        + "no artifact (groupId:artifactId:type[:classifier]:version:scope): '%s'; it is skipped.",
                        i + 1, file, abbreviate(line)));
                continue;
            }
            String version = parts[scopeIndex - 1];
            if (parts[0].isBlank() || parts[1].isBlank() || version.isBlank()) {
                sink.warning(file, i + 1, String.format(Locale.ROOT, "Line %d of the Maven dependency list '%s' has "
                        + "an empty group, artifact or version: '%s'; it is skipped.", i + 1, file, abbreviate(line)));
                continue;
            }
            resolved.add(new Resolved(parts[0], parts[1], version, parts[scopeIndex], i + 1));
        }
        return resolved;
    }

    private static String abbreviate(final String line) {
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
