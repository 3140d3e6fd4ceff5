package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The totals of one coverage report, or of several merged: line coverage, branch coverage if the report has branch
 * data, the number of source files and classes, and the report's name. Immutable and serializable, so that it can
 * travel from an agent to the controller.
 */
public final class CoverageSummary implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String NAME_SEPARATOR = ", ";

    private final String name;
    private final CoverageCounter lines;
    @CheckForNull
    private final CoverageCounter branches;
    private final int fileCount;
    private final int classCount;
    private final List<String> structureProblems;

    private CoverageSummary(final String name, final CoverageCounter lines, @CheckForNull final CoverageCounter branches,
            final int fileCount, final int classCount, final List<String> structureProblems) {
        this.name = Objects.requireNonNull(name, "name");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.branches = branches;
        this.fileCount = requireNotNegative(fileCount, "fileCount");
        this.classCount = requireNotNegative(classCount, "classCount");
        this.structureProblems = List.copyOf(structureProblems);
    }

    /**
     * Returns a summary.
     *
     * @param name the report's name
     * @param lines the line counter
     * @param branches the branch counter, or {@code null} if the report has no branch data
     * @param fileCount the number of source files, 0 or more
     * @param classCount the number of classes, 0 or more (0 for LCOV, which knows no classes)
     * @return the summary
     */
    public static CoverageSummary of(final String name, final CoverageCounter lines,
            @CheckForNull final CoverageCounter branches, final int fileCount, final int classCount) {
        return new CoverageSummary(name, lines, branches, fileCount, classCount, List.of());
    }

    /**
     * Returns this summary with problems of the reports' structure.
     *
     * @param problems one line per place where a report holds coverage in a structure the reader does not
     *         understand, naming the file and line
     * @return the summary
     */
    public CoverageSummary withStructureProblems(final List<String> problems) {
        return new CoverageSummary(name, lines, branches, fileCount, classCount, problems);
    }

    /**
     * Returns the places where a report holds coverage in a structure the reader does not understand, for example
     * {@code <line>} elements inside an element JaCoCo never writes, or an LCOV {@code DA} record outside of a
     * {@code SF} record. That coverage is not counted, so a run must not pass on it silently: TestBot turns UNSTABLE
     * on such a problem in lenient mode, and a strict reader fails instead.
     *
     * @return one line per problem, naming the file and line; empty if there is none
     */
    public List<String> getStructureProblems() {
        return structureProblems;
    }

    /**
     * Returns the report's name: the {@code name} of a JaCoCo {@code <report>}, the first non-empty {@code TN:} of
     * an LCOV file, otherwise the report's file name. Merged summaries join the distinct names with {@code ", "}.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the line counter.
     *
     * @return covered and missed lines
     */
    public CoverageCounter getLines() {
        return lines;
    }

    /**
     * Returns the branch counter, empty if the report has no branch data at all (a report with branches that were
     * all missed has a counter with 0 covered).
     *
     * @return covered and missed branches, if known
     */
    public Optional<CoverageCounter> getBranches() {
        return Optional.ofNullable(branches);
    }

    /**
     * Returns the number of source files.
     *
     * @return the file count
     */
    public int getFileCount() {
        return fileCount;
    }

    /**
     * Returns the number of classes; 0 for LCOV.
     *
     * @return the class count
     */
    public int getClassCount() {
        return classCount;
    }

    /**
     * Returns the sum of this summary and the other one: covered and missed are added per metric (a branch counter
     * present in only one of them is kept), files and classes are added, and the names are joined. Files that
     * appear in both are counted twice; {@link CoverageReader#readAll} merges such files line by line before it
     * sums.
     *
     * @param other the other summary
     * @return the merged summary
     */
    public CoverageSummary merge(final CoverageSummary other) {
        CoverageCounter mergedBranches;
        if (branches == null) {
            mergedBranches = other.branches;
        }
        else {
            mergedBranches = other.branches == null ? branches : branches.add(other.branches);
        }
        return new CoverageSummary(mergeNames(name, other.name), lines.add(other.lines), mergedBranches,
                Math.addExact(fileCount, other.fileCount), Math.addExact(classCount, other.classCount),
                concat(structureProblems, other.structureProblems));
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String mergeNames(final String first, final String second) {
        for (String part : first.split(NAME_SEPARATOR, -1)) {
            if (part.equals(second)) {
                return first;
            }
        }
        return first + NAME_SEPARATOR + second;
    }

    private static int requireNotNegative(final int value, final String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }

    @Override
    public boolean equals(@CheckForNull final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CoverageSummary)) {
            return false;
        }
        CoverageSummary that = (CoverageSummary) o;
        return fileCount == that.fileCount && classCount == that.classCount && name.equals(that.name)
                && lines.equals(that.lines) && Objects.equals(branches, that.branches)
                && structureProblems.equals(that.structureProblems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, lines, branches, fileCount, classCount, structureProblems);
    }

    @Override
    public String toString() {
        return "'" + name + "': lines " + lines + ", branches " + (branches == null ? "none" : branches)
                + ", " + fileCount + " files, " + classCount + " classes";
    }
}
