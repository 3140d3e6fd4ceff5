package io.lotabots.bot.security.deps;

import java.util.Objects;

/**
 * Something that went wrong or needs attention while reading the dependency files. Errors mean a file (or part of
 * it) could not be used; warnings mean an entry was read but cannot be matched as it is (an unpinned requirement,
 * a version managed by a parent pom).
 *
 * @param level error or warning
 * @param file the file, relative to the workspace with {@code /} (or as given, when it was refused)
 * @param line the line from 1, or 0 when not known
 * @param column the column from 1, or 0 when not known
 * @param message one line naming what failed and what to do
 */
public record DependencyProblem(Level level, String file, int line, int column, String message) {
    /**
     * Checks the values.
     */
    public DependencyProblem {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** How serious a problem is. */
    public enum Level {
        /** A file or an entry could not be used. */
        ERROR,
        /** An entry was read but needs attention. */
        WARNING
    }

    /**
     * Returns whether this is an error.
     *
     * @return {@code true} for {@link Level#ERROR}
     */
    public boolean isError() {
        return level == Level.ERROR;
    }

    @Override
    public String toString() {
        return message;
    }
}
