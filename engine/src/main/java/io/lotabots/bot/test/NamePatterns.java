package io.lotabots.bot.test;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Patterns that pick tests by where their report is or what they are called. A pattern with a {@code /} is a glob
 * on the report's path relative to the workspace ({@code **}{@code /failsafe-reports/**}); any other pattern is
 * matched, with {@code *} as a wildcard, against the suite and the class name ({@code *IT}, {@code *E2E*}).
 */
final class NamePatterns {
    private final List<PathMatcher> pathPatterns = new ArrayList<>();
    private final List<Pattern> namePatterns = new ArrayList<>();
    private final List<String> source;

    NamePatterns(final List<String> patterns) {
        this.source = List.copyOf(patterns);
        for (String pattern : patterns) {
            String trimmed = pattern.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.contains("/")) {
                pathPatterns.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed));
                if (trimmed.startsWith("**/")) {
                    // as in Ant, a leading **/ also matches no folder at all
                    pathPatterns.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed.substring(3)));
                }
            }
            else {
                StringBuilder regex = new StringBuilder();
                for (String part : trimmed.split("\\*", -1)) {
                    if (regex.length() > 0) {
                        regex.append(".*");
                    }
                    regex.append(Pattern.quote(part));
                }
                namePatterns.add(Pattern.compile(regex.toString()));
            }
        }
    }

    /**
     * Returns whether a suite matches.
     *
     * @param reportPath the report's path relative to the workspace
     * @param names the suite and class names
     * @return {@code true} if a path pattern matches the report or a name pattern one of the names
     */
    boolean matches(final Path reportPath, final String... names) {
        for (PathMatcher matcher : pathPatterns) {
            if (matcher.matches(reportPath)) {
                return true;
            }
        }
        for (Pattern pattern : namePatterns) {
            for (String name : names) {
                if (!name.isEmpty() && pattern.matcher(name).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isEmpty() {
        return pathPatterns.isEmpty() && namePatterns.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", source);
    }
}
