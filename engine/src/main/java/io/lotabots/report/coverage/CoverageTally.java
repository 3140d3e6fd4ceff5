package io.lotabots.report.coverage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what the readers find in one or more reports: the lines of every source file, the classes and the
 * report names. A file is identified by its path in the report, prefixed for JaCoCo by the report (and group)
 * name: as coverage-model merges its trees by name, two JaCoCo reports of the same name (unit and integration tests
 * of one module) are united file by file, while reports of different modules stay apart.
 */
final class CoverageTally {
    /** The most structure problems kept per report; more are counted. */
    static final int MAX_STRUCTURE_PROBLEMS = 20;
    /** The estimated bytes of a map or set entry besides its key. */
    private static final long ENTRY_BYTES = 48;

    private final Map<String, LineTable> files = new HashMap<>();
    private final long maxKeptBytes;
    private String file = "";
    private long keptBytes;
    private long lines;
    private final Set<String> classes = new HashSet<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> structureProblems = new ArrayList<>();
    private int structureProblemsNotKept;

    /**
     * Returns a tally whose data may take at most the given memory, estimated.
     *
     * @param maxKeptBytes the limit; reaching it throws {@link CoverageErrorCode#REPORT_TOO_LARGE}
     */
    CoverageTally(final long maxKeptBytes) {
        this.maxKeptBytes = maxKeptBytes;
    }

    /** Names the report being read, for the message of the memory limit. */
    void reading(final String report) {
        this.file = report;
    }

    /** Returns the line table of the file, new if the file was not seen yet. */
    LineTable file(final String key) {
        LineTable table = files.get(key);
        if (table == null) {
            table = newTable();
            charge(ENTRY_BYTES + 2L * key.length());
            files.put(key, table);
        }
        return table;
    }

    /** Returns a line table whose memory counts towards the limit of this tally. */
    LineTable newTable() {
        charge(LineTable.INITIAL_BYTES);
        return new LineTable(this::chargeLines);
    }

    void addClass(final String key) {
        if (classes.add(key)) {
            charge(ENTRY_BYTES + 2L * key.length());
        }
    }

    /** Gives back the memory of data that is no longer kept, such as an LCOV record united into its file. */
    void release(final long bytes) {
        keptBytes -= bytes;
    }

    private void chargeLines(final long bytes) {
        lines += bytes / LineTable.SLOT_BYTES / 2;
        charge(bytes);
    }

    /**
     * Adds to the estimated memory kept, and refuses the report once it exceeds the limit: the memory a report
     * takes is bounded by the data kept (its distinct source lines, files and classes), never by its size on disk.
     */
    void charge(final long bytes) {
        keptBytes += bytes;
        if (keptBytes > maxKeptBytes) {
            throw CoverageProblems.tooLarge(file, 0, String.format(java.util.Locale.ROOT, "the coverage data kept "
                    + "for it would take more than %d bytes of memory, the limit (%d files, %d classes and about %d "
                    + "source lines so far)", maxKeptBytes, files.size(), classes.size(), lines));
        }
    }

    void addName(final String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    /**
     * Records coverage in a structure the reader does not understand; the first {@link #MAX_STRUCTURE_PROBLEMS} are
     * kept, the others counted.
     */
    void addStructureProblem(final String problem) {
        if (structureProblems.size() < MAX_STRUCTURE_PROBLEMS) {
            structureProblems.add(problem);
        }
        else {
            structureProblemsNotKept++;
        }
    }

    List<String> getStructureProblems() {
        if (structureProblemsNotKept == 0) {
            return structureProblems;
        }
        List<String> all = new ArrayList<>(structureProblems);
        all.add(structureProblemsNotKept + " more places of coverage in a structure the reader does not "
                + "understand");
        return all;
    }

    int getFileCount() {
        return files.size();
    }

    /** Unites the other tally into this one: files present in both are united line by line. */
    void addAll(final CoverageTally other) {
        other.files.forEach((key, table) -> file(key).addAll(table));
        classes.addAll(other.classes);
        other.names.forEach(this::addName);
        other.structureProblems.forEach(this::addStructureProblem);
        structureProblemsNotKept += other.structureProblemsNotKept;
    }

    CoverageSummary toSummary() {
        long linesCovered = 0;
        long linesMissed = 0;
        long branchesCovered = 0;
        long branchesMissed = 0;
        for (LineTable table : files.values()) {
            long[] counts = table.count();
            linesCovered += counts[0];
            linesMissed += counts[1];
            branchesCovered += counts[2];
            branchesMissed += counts[3];
        }
        CoverageCounter branches = branchesCovered + branchesMissed > 0
                ? CoverageCounter.of(branchesCovered, branchesMissed) : null;
        return CoverageSummary.of(String.join(", ", names), CoverageCounter.of(linesCovered, linesMissed),
                branches, files.size(), classes.size()).withStructureProblems(getStructureProblems());
    }
}
