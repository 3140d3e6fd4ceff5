package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.deps.DependencyProblem.Level;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the readers find: components, errors and warnings, in the order they were found.
 */
final class ReadSink {
    private final List<Component> components = new ArrayList<>();
    private final List<DependencyProblem> problems = new ArrayList<>();

    void add(final Component component) {
        components.add(component);
    }

    void error(final String file, final int line, final int column, final String message) {
        problems.add(new DependencyProblem(Level.ERROR, file, Math.max(0, line), Math.max(0, column), message));
    }

    void warning(final String file, final int line, final String message) {
        problems.add(new DependencyProblem(Level.WARNING, file, Math.max(0, line), 0, message));
    }

    List<Component> components() {
        return components;
    }

    List<DependencyProblem> problems() {
        return problems;
    }

    static String at(final String file, final int line, final int column) {
        if (line <= 0) {
            return "'" + file + "'";
        }
        return column > 0 ? "'" + file + "' at line " + line + ", column " + column : "'" + file + "' at line " + line;
    }
}
