package io.lotabots.bot.security.deps;

import java.util.List;
import java.util.Locale;

/**
 * What {@link DependencyInventory} read from a workspace.
 *
 * @param components every component, in the order the files were read; the same package may appear once per file
 *         that names it
 * @param files the files read (or tried), relative to the workspace with {@code /}
 * @param problems the errors (a file or entry that could not be used) and warnings (an entry that cannot be
 *         matched as it is), in the order they were found
 */
public record Inventory(List<Component> components, List<String> files, List<DependencyProblem> problems) {
    /**
     * Copies the lists.
     */
    public Inventory {
        components = List.copyOf(components);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * Returns the components whose ecosystem has advisories (Maven, npm, PyPI).
     *
     * @return the matchable components
     */
    public List<Component> matchable() {
        return components.stream().filter(Component::isMatchable).toList();
    }

    /**
     * Returns the components of other ecosystems (CycloneDX components of other purl types, or without a purl).
     *
     * @return the components that cannot be matched
     */
    public List<Component> notMatchable() {
        return components.stream().filter(component -> !component.isMatchable()).toList();
    }

    /**
     * Returns the errors.
     *
     * @return the problems of level {@link DependencyProblem.Level#ERROR}
     */
    public List<DependencyProblem> errors() {
        return problems.stream().filter(DependencyProblem::isError).toList();
    }

    /**
     * Returns the warnings.
     *
     * @return the problems of level {@link DependencyProblem.Level#WARNING}
     */
    public List<DependencyProblem> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }

    /**
     * Returns one line that sums the inventory up.
     *
     * @return for example {@code 412 components (3 not matchable) from 4 files, 1 error, 2 warnings}
     */
    public String summary() {
        int errors = errors().size();
        int warnings = problems.size() - errors;
        return String.format(Locale.ROOT, "%d components (%d not matchable) from %d files, %d %s, %d %s",
                components.size(), notMatchable().size(), files.size(), errors, errors == 1 ? "error" : "errors",
                warnings, warnings == 1 ? "warning" : "warnings");
    }
}
