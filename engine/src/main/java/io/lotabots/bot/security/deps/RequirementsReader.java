package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pip requirements file. Only pinned requirements ({@code name==1.2.3} or {@code name===1.2.3}) name a
 * version; every other requirement (a range, no version, a wildcard, a URL, an editable install) is reported as a
 * warning with its line, never dropped silently. Comments, extras, environment markers, per-requirement options
 * such as {@code --hash} and line continuations are understood. {@code -r}/{@code --requirement} includes are read
 * relative to the including file and must stay inside the workspace; {@code -c} constraint files are not
 * requirements and are skipped with a note.
 */
final class RequirementsReader {
    static final int MAX_INCLUDE_DEPTH = 10;

    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*"
            + "(\\[[^\\]]*])?\\s*(.*)$");
    private static final Pattern PIN = Pattern.compile("^(===?)\\s*([^\\s,;*]+)$");
    private static final Pattern HASH_OPTION = Pattern.compile("\\s--hash[=\\s]\\S+");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");

    private RequirementsReader() {
    }

    static void read(final Path file, final WorkspacePaths paths, final Set<Path> seen, final ReadSink sink,
            final int depth) {
        String relative = paths.relative(file);
        String text = new String(paths.read(file), StandardCharsets.UTF_8);
        List<String[]> logical = join(text);
        for (String[] entry : logical) {
            int line = Integer.parseInt(entry[0]);
            String content = COMMENT.matcher(entry[1]).replaceFirst("").strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("-")) {
                option(content, file, relative, line, paths, seen, sink, depth);
                continue;
            }
            requirement(content, relative, line, sink);
        }
    }

    /** Joins lines ending with a backslash; returns the first line number and the joined text of each. */
    private static List<String[]> join(final String text) {
        List<String[]> result = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (current == null) {
                current = new StringBuilder();
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            result.add(new String[] {Integer.toString(start), current.toString()});
            current = null;
        }
        if (current != null) {
            result.add(new String[] {Integer.toString(start), current.toString()});
        }
        return result;
    }

    private static void option(final String content, final Path file, final String relative, final int line,
            final WorkspacePaths paths, final Set<Path> seen, final ReadSink sink, final int depth) {
        String[] words = content.split("\\s+|=", 2);
        String option = words[0];
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (option) {
            case "-r":
            case "--requirement":
                include(argument, file, relative, line, paths, seen, sink, depth);
                break;
            case "-c":
            case "--constraint":
                sink.warning(relative, line, String.format(Locale.ROOT, "The constraints file '%s' named %s is not "
                        + "read: constraints limit versions but install nothing.", argument,
                        ReadSink.at(relative, line, 0)));
                break;
            case "-e":
            case "--editable":
                sink.warning(relative, line, String.format(Locale.ROOT, "The editable requirement '%s' %s has no "
                        + "version and cannot be matched; pin a released version, or scan the lock of that "
                        + "project.", argument, ReadSink.at(relative, line, 0)));
                break;
            default:
                // index, find-links, trusted-host, binary and hash-mode options name no package
                break;
        }
    }

    private static void include(final String target, final Path file, final String relative, final int line,
            final WorkspacePaths paths, final Set<Path> seen, final ReadSink sink, final int depth) {
        String origin = ReadSink.at(relative, line, 0);
        if (target.isEmpty() || target.contains("://")) {
            sink.error(relative, line, 0, String.format(Locale.ROOT, "The include '-r %s' %s is not a file in the "
                    + "workspace; it is not read.", target, origin));
            return;
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            sink.error(relative, line, 0, String.format(Locale.ROOT, "The include '-r %s' %s is nested more than "
                    + "%d levels deep; it is not read.", target, origin, MAX_INCLUDE_DEPTH));
            return;
        }
        Path included;
        try {
            Path parent = file.getParent();
            Path base = parent == null ? paths.workspace() : parent;
            included = paths.resolve(base, target, origin);
            if (!Files.isRegularFile(included)) {
                sink.error(relative, line, 0, String.format(Locale.ROOT, "The include '-r %s' %s names no file "
                        + "('%s'); it is not read.", target, origin, paths.relative(included)));
                return;
            }
            Path real = included.toRealPath();
            if (!seen.add(real)) {
                return;
            }
            read(included, paths, seen, sink, depth + 1);
        }
        catch (LotaBotsException exception) {
            sink.error(relative, line, 0, exception.getMessage());
        }
        catch (IOException exception) {
            sink.error(relative, line, 0, String.format(Locale.ROOT, "Cannot read the include '-r %s' %s: %s.",
                    target, origin, exception.getMessage()));
        }
    }

    private static void requirement(final String content, final String relative, final int line,
            final ReadSink sink) {
        String origin = ReadSink.at(relative, line, 0);
        String text = HASH_OPTION.matcher(" " + content).replaceAll("").strip();
        int marker = text.indexOf(';');
        String spec = (marker < 0 ? text : text.substring(0, marker)).strip();
        int option = spec.indexOf(" --");
        if (option >= 0) {
            spec = spec.substring(0, option).strip();
        }
        if (spec.contains("://") || spec.startsWith(".") || spec.startsWith("/")) {
            if (!spec.contains("@") || spec.indexOf('@') > spec.indexOf("://")) {
                sink.warning(relative, line, String.format(Locale.ROOT, "The requirement '%s' %s is a path or URL "
                        + "without a version; it cannot be matched.", spec, origin));
                return;
            }
        }
        Matcher matcher = NAME.matcher(spec);
        if (!matcher.matches()) {
            sink.warning(relative, line, String.format(Locale.ROOT, "The line %s is no requirement ('%s'); it is "
                    + "skipped.", origin, abbreviate(spec)));
            return;
        }
        String name = matcher.group(1);
        String rest = matcher.group(3).strip();
        if (rest.startsWith("(") && rest.endsWith(")")) {
            rest = rest.substring(1, rest.length() - 1).strip();
        }
        if (rest.startsWith("@")) {
            sink.warning(relative, line, String.format(Locale.ROOT, "The requirement '%s' %s installs from a URL; "
                    + "it has no version and cannot be matched. Pin a released version.", name, origin));
            return;
        }
        Matcher pin = PIN.matcher(rest);
        if (!pin.matches()) {
            sink.warning(relative, line, String.format(Locale.ROOT, "The requirement '%s' %s is not pinned "
                    + "('%s'); only '==' pins are matched. Pin it, or scan a lock (pip freeze, poetry.lock).",
                    name, origin, rest.isEmpty() ? "any version" : rest));
            return;
        }
        sink.add(Component.of(Ecosystem.PYPI, name, pin.group(2), relative, line, Relation.DIRECT, null));
    }

    private static String abbreviate(final String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
