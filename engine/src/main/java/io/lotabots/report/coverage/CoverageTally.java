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
    private final Map<String, LineTable> files = new HashMap<>();
    private final Set<String> classes = new HashSet<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> structureProblems = new ArrayList<>();
    private int structureProblemsNotKept;

    /** Returns the line table of the file, new if the file was not seen yet. */
    LineTable file(final String key) {
        return files.computeIfAbsent(key, k -> new LineTable());
    }

    void addClass(final String key) {
        classes.add(key);
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
