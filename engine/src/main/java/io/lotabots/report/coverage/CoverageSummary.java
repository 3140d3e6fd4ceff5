package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.Serial;
import java.io.Serializable;
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

    private CoverageSummary(final String name, final CoverageCounter lines, @CheckForNull final CoverageCounter branches,
            final int fileCount, final int classCount) {
        this.name = Objects.requireNonNull(name, "name");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.branches = branches;
        this.fileCount = requireNotNegative(fileCount, "fileCount");
        this.classCount = requireNotNegative(classCount, "classCount");
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
        return new CoverageSummary(name, lines, branches, fileCount, classCount);
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
                Math.addExact(fileCount, other.fileCount), Math.addExact(classCount, other.classCount));
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
                && lines.equals(that.lines) && Objects.equals(branches, that.branches);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, lines, branches, fileCount, classCount);
    }

    @Override
    public String toString() {
        return "'" + name + "': lines " + lines + ", branches " + (branches == null ? "none" : branches)
                + ", " + fileCount + " files, " + classCount + " classes";
    }
}
