package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import javax.xml.stream.XMLStreamException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Streams a JaCoCo XML report ({@code <report>}, optional {@code <group>}s, {@code <package>}, {@code <class>},
 * {@code <sourcefile>} with {@code <line nr mi ci mb cb>}). Lines and branches come from the {@code <line>}
 * elements, which JaCoCo's {@code LINE} and {@code BRANCH} counters sum up: a line counts as covered when at least
 * one of its instructions ran ({@code ci > 0}), as in JaCoCo's own counter. The {@code <counter>} elements are
 * skipped. Files are counted by {@code <sourcefile>}, classes by {@code <class>}.
 */
final class JacocoXmlReader {
    static final String ROOT = "report";
    /**
     * The deepest nesting of {@code <group>}s read. JaCoCo nests a group per module of a build; a report nested deeper
     * than any build is broken or hostile, and is refused instead of slowing the run down.
     */
    static final int MAX_GROUP_DEPTH = 64;

    /** The elements JaCoCo writes inside each element (report.dtd); anything else is out of place. */
    private static final Map<String, Set<String>> STRUCTURE = Map.of(
            ROOT, Set.of("sessioninfo", "group", "package", "counter"),
            "group", Set.of("group", "package", "counter"),
            "package", Set.of("class", "sourcefile", "counter"),
            "class", Set.of("method", "counter"),
            "method", Set.of("counter"),
            "sourcefile", Set.of("line", "counter"));
    /** The elements that hold or count coverage. */
    private static final Set<String> COVERAGE = Set.of("group", "package", "class", "method", "sourcefile", "line",
            "counter");

    private final XmlCursor xml;
    private final CoverageTally tally;
    /** The scope: the report's and the groups' names joined by '/', kept in place as groups open and close. */
    private final StringBuilder scope = new StringBuilder();
    /** The length of {@link #scope} before each open scope, innermost last. */
    private final Deque<Integer> scopeLengths = new ArrayDeque<>();
    private String packageName = "";
    @CheckForNull
    private LineTable file;

    private JacocoXmlReader(final XmlCursor xml, final CoverageTally tally) {
        this.xml = xml;
        this.tally = tally;
    }

    /**
     * Reads the report; the cursor stands on the start of {@code <report>}.
     */
    static void read(final XmlCursor xml, final CoverageTally tally) throws XMLStreamException {
        new JacocoXmlReader(xml, tally).readReport();
    }

    private void readReport() throws XMLStreamException {
        String name = xml.attribute("name", "");
        tally.addName(name.isBlank() ? fileName(xml.getFile()) : name);
        enterScope(name);
        xml.walk(STRUCTURE, COVERAGE, tally, this::startElement, this::endElement);
    }

    private void startElement(final String element) {
        switch (element) {
            case "line":
                readLine();
                break;
            case "class":
                tally.addClass(scope + "/" + xml.attribute("name", ""));
                break;
            case "sourcefile":
                file = tally.file(scope + "/" + packageName + "/" + xml.attribute("name", ""));
                break;
            case "package":
                packageName = xml.attribute("name", "");
                break;
            case "group":
                enterScope(xml.attribute("name", ""));
                break;
            default:
                break;
        }
    }

    private void endElement(final String element) {
        switch (element) {
            case "sourcefile":
                file = null;
                break;
            case "package":
                packageName = "";
                break;
            case "group":
                scope.setLength(scopeLengths.removeLast());
                break;
            default:
                break;
        }
    }

    private void enterScope(final String name) {
        if (scopeLengths.size() > MAX_GROUP_DEPTH) {
            throw CoverageProblems.tooDeep(xml.getFile(), xml.line(), "<group>", MAX_GROUP_DEPTH);
        }
        scopeLengths.addLast(scope.length());
        if (scopeLengths.size() > 1) {
            scope.append('/');
        }
        scope.append(name);
    }

    private void readLine() {
        LineTable current = file;
        if (current == null) {
            return; // <line> belongs in <sourcefile>; JaCoCo writes it nowhere else
        }
        int number = xml.smallCount("nr");
        long missedInstructions = xml.count("mi");
        long coveredInstructions = xml.count("ci");
        int missedBranches = xml.smallCount("mb");
        int coveredBranches = xml.smallCount("cb");
        if (missedInstructions + coveredInstructions > 0) {
            current.addLine(number, coveredInstructions > 0);
        }
        current.addBranches(number, coveredBranches, Math.addExact(missedBranches, coveredBranches));
    }

    static String fileName(final String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
