package io.lotabots.report.coverage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a synthetic JaCoCo XML report of any size, shaped like the ones {@code jacoco:report} writes: the JaCoCo
 * {@code DOCTYPE}, a session, packages of classes with methods and {@code INSTRUCTION}, {@code BRANCH}, {@code LINE},
 * {@code COMPLEXITY}, {@code METHOD} and {@code CLASS} counters, one source file per class with its {@code line}
 * elements, and the package and report totals, all on one line. The coverage pattern is fixed, so the same
 * settings always give the same bytes and the same {@link #getExpectedSummary() totals}. Tests and the JMH
 * benchmarks use it to read huge reports without storing them.
 *
 * <p>Each method has {@link #withLinesPerMethod(int) n} lines of three instructions; its first line holds one
 * decision with two branches. A method is executed unless {@code (class + method) % 4 == 0}; in an executed method
 * line {@code l > 0} is missed when {@code (class + method + l) % 5 == 0}, and the decision has both branches
 * covered when {@code (class + method)} is even, else one.</p>
 */
public final class JacocoReportGenerator {
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">";
    private static final int INSTRUCTIONS_PER_LINE = 3;
    private static final int BRANCHES_PER_DECISION = 2;
    private static final int BUFFER_SIZE = 1 << 16;

    private final int classCount;
    private final int classesPerPackage;
    private final int methodsPerClass;
    private final int linesPerMethod;
    private final String name;

    private JacocoReportGenerator(final int classCount, final int classesPerPackage, final int methodsPerClass,
            final int linesPerMethod, final String name) {
        this.classCount = requireAtLeast(classCount, 0, "classCount");
        this.classesPerPackage = requireAtLeast(classesPerPackage, 1, "classesPerPackage");
        this.methodsPerClass = requireAtLeast(methodsPerClass, 1, "methodsPerClass");
        this.linesPerMethod = requireAtLeast(linesPerMethod, 1, "linesPerMethod");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Returns a generator of a report with the given number of classes, 50 classes a package, 3 methods a class and
     * 4 lines a method (about 2.4 KB a class).
     *
     * @param classCount the number of classes, 0 or more
     * @return the generator
     */
    public static JacocoReportGenerator ofClasses(final int classCount) {
        return new JacocoReportGenerator(classCount, 50, 3, 4, "generated");
    }

    /**
     * Returns a copy that puts the given number of classes in each package.
     *
     * @param count classes a package, 1 or more
     * @return the copy
     */
    public JacocoReportGenerator withClassesPerPackage(final int count) {
        return new JacocoReportGenerator(classCount, count, methodsPerClass, linesPerMethod, name);
    }

    /**
     * Returns a copy that gives each class the given number of methods.
     *
     * @param count methods a class, 1 or more
     * @return the copy
     */
    public JacocoReportGenerator withMethodsPerClass(final int count) {
        return new JacocoReportGenerator(classCount, classesPerPackage, count, linesPerMethod, name);
    }

    /**
     * Returns a copy that gives each method the given number of lines.
     *
     * @param count lines a method, 1 or more
     * @return the copy
     */
    public JacocoReportGenerator withLinesPerMethod(final int count) {
        return new JacocoReportGenerator(classCount, classesPerPackage, methodsPerClass, count, name);
    }

    /**
     * Returns a copy that writes the given report name.
     *
     * @param reportName the value of the {@code name} attribute of {@code <report>}, without markup characters
     * @return the copy
     */
    public JacocoReportGenerator withName(final String reportName) {
        return new JacocoReportGenerator(classCount, classesPerPackage, methodsPerClass, linesPerMethod, reportName);
    }

    /**
     * Returns the number of classes (and source files) written.
     *
     * @return the number of classes
     */
    public int getClassCount() {
        return classCount;
    }

    /**
     * Returns the number of packages written.
     *
     * @return the number of packages
     */
    public int getPackageCount() {
        return (classCount + classesPerPackage - 1) / classesPerPackage;
    }

    /**
     * Returns the summary that reading the written report must give.
     *
     * @return the expected summary
     */
    public CoverageSummary getExpectedSummary() {
        Counts total = new Counts();
        for (int clazz = 0; clazz < classCount; clazz++) {
            for (int method = 0; method < methodsPerClass; method++) {
                total.addMethod(clazz, method);
            }
        }
        return CoverageSummary.of(name, CoverageCounter.of(total.linesCovered, total.linesMissed),
                CoverageCounter.of(total.branchesCovered, total.branchesMissed), classCount, classCount);
    }

    /**
     * Writes the report as UTF-8. The stream is flushed, not closed.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    public void write(final OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_SIZE);
        writer.write(HEADER);
        writer.write("<report name=\"");
        writer.write(name);
        writer.write("\"><sessioninfo id=\"build-agent-7f3c2a\" start=\"1764000000000\" dump=\"1764000123456\"/>");
        Counts report = new Counts();
        for (int first = 0; first < classCount; first += classesPerPackage) {
            int packageIndex = first / classesPerPackage;
            Counts pkg = new Counts();
            writer.write("<package name=\"io/lotabots/generated/p" + packageIndex + "\">");
            int last = Math.min(classCount, first + classesPerPackage);
            for (int clazz = first; clazz < last; clazz++) {
                writeClass(writer, packageIndex, clazz, pkg);
            }
            for (int clazz = first; clazz < last; clazz++) {
                writeSourceFile(writer, clazz);
            }
            writeCounters(writer, pkg, true);
            writer.write("</package>");
            report.add(pkg);
        }
        writeCounters(writer, report, true);
        writer.write("</report>");
        writer.flush();
    }

    private void writeClass(final Writer writer, final int packageIndex, final int clazz, final Counts pkg)
            throws IOException {
        writer.write("<class name=\"io/lotabots/generated/p" + packageIndex + "/" + className(clazz)
                + "\" sourcefilename=\"" + className(clazz) + ".java\">");
        Counts classCounts = new Counts();
        for (int method = 0; method < methodsPerClass; method++) {
            Counts methodCounts = new Counts();
            methodCounts.addMethod(clazz, method);
            writer.write("<method name=\"method" + method + "\" desc=\"(I)Ljava/lang/String;\" line=\""
                    + firstLine(method) + "\">");
            writeCounters(writer, methodCounts, false);
            writer.write("</method>");
            classCounts.add(methodCounts);
        }
        classCounts.classesCovered = classCounts.methodsCovered > 0 ? 1 : 0;
        classCounts.classesMissed = 1 - classCounts.classesCovered;
        writeCounters(writer, classCounts, true);
        writer.write("</class>");
        pkg.add(classCounts);
    }

    private void writeSourceFile(final Writer writer, final int clazz) throws IOException {
        writer.write("<sourcefile name=\"" + className(clazz) + ".java\">");
        Counts fileCounts = new Counts();
        for (int method = 0; method < methodsPerClass; method++) {
            for (int line = 0; line < linesPerMethod; line++) {
                boolean covered = isLineCovered(clazz, method, line);
                int ci = covered ? INSTRUCTIONS_PER_LINE : 0;
                int cb = line == 0 ? coveredBranches(clazz, method) : 0;
                int mb = line == 0 ? BRANCHES_PER_DECISION - cb : 0;
                writer.write("<line nr=\"" + (firstLine(method) + line) + "\" mi=\"" + (INSTRUCTIONS_PER_LINE - ci)
                        + "\" ci=\"" + ci + "\" mb=\"" + mb + "\" cb=\"" + cb + "\"/>");
            }
            fileCounts.addMethod(clazz, method);
        }
        fileCounts.classesCovered = fileCounts.methodsCovered > 0 ? 1 : 0;
        fileCounts.classesMissed = 1 - fileCounts.classesCovered;
        writeCounters(writer, fileCounts, true);
        writer.write("</sourcefile>");
    }

    private static void writeCounters(final Writer writer, final Counts counts, final boolean withClass)
            throws IOException {
        writeCounter(writer, "INSTRUCTION", counts.instructionsMissed, counts.instructionsCovered);
        writeCounter(writer, "BRANCH", counts.branchesMissed, counts.branchesCovered);
        writeCounter(writer, "LINE", counts.linesMissed, counts.linesCovered);
        writeCounter(writer, "COMPLEXITY", counts.complexityMissed, counts.complexityCovered);
        writeCounter(writer, "METHOD", counts.methodsMissed, counts.methodsCovered);
        if (withClass) {
            writeCounter(writer, "CLASS", counts.classesMissed, counts.classesCovered);
        }
    }

    private static void writeCounter(final Writer writer, final String type, final long missed, final long covered)
            throws IOException {
        if (missed + covered > 0) { // JaCoCo leaves out empty counters
            writer.write("<counter type=\"" + type + "\" missed=\"" + missed + "\" covered=\"" + covered + "\"/>");
        }
    }

    private int firstLine(final int method) {
        return 3 + method * (linesPerMethod + 2);
    }

    private static String className(final int clazz) {
        return "Generated" + clazz;
    }

    private static boolean isExecuted(final int clazz, final int method) {
        return (clazz + method) % 4 != 0;
    }

    private static boolean isLineCovered(final int clazz, final int method, final int line) {
        return isExecuted(clazz, method) && (line == 0 || (clazz + method + line) % 5 != 0);
    }

    private static int coveredBranches(final int clazz, final int method) {
        if (!isExecuted(clazz, method)) {
            return 0;
        }
        return (clazz + method) % 2 == 0 ? 2 : 1;
    }

    private static int requireAtLeast(final int value, final int minimum, final String what) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ": " + value);
        }
        return value;
    }

    /** The counters of one element, summed up the tree. */
    private final class Counts {
        private long instructionsCovered;
        private long instructionsMissed;
        private long branchesCovered;
        private long branchesMissed;
        private long linesCovered;
        private long linesMissed;
        private long complexityCovered;
        private long complexityMissed;
        private long methodsCovered;
        private long methodsMissed;
        private long classesCovered;
        private long classesMissed;

        void addMethod(final int clazz, final int method) {
            for (int line = 0; line < linesPerMethod; line++) {
                if (isLineCovered(clazz, method, line)) {
                    linesCovered++;
                    instructionsCovered += INSTRUCTIONS_PER_LINE;
                }
                else {
                    linesMissed++;
                    instructionsMissed += INSTRUCTIONS_PER_LINE;
                }
            }
            int cb = coveredBranches(clazz, method);
            branchesCovered += cb;
            branchesMissed += BRANCHES_PER_DECISION - cb;
            // cyclomatic complexity 2 (one decision); JaCoCo counts a path as covered once a branch to it ran
            complexityCovered += cb;
            complexityMissed += BRANCHES_PER_DECISION - cb;
            if (isExecuted(clazz, method)) {
                methodsCovered++;
            }
            else {
                methodsMissed++;
            }
        }

        void add(final Counts other) {
            instructionsCovered += other.instructionsCovered;
            instructionsMissed += other.instructionsMissed;
            branchesCovered += other.branchesCovered;
            branchesMissed += other.branchesMissed;
            linesCovered += other.linesCovered;
            linesMissed += other.linesMissed;
            complexityCovered += other.complexityCovered;
            complexityMissed += other.complexityMissed;
            methodsCovered += other.methodsCovered;
            methodsMissed += other.methodsMissed;
            classesCovered += other.classesCovered;
            classesMissed += other.classesMissed;
        }
    }
}
