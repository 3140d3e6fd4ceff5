package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import javax.xml.stream.XMLStreamException;

import java.util.Map;
import java.util.Set;

/**
 * Streams a Cobertura XML report ({@code <coverage>}, {@code <packages>}, {@code <package>}, {@code <classes>},
 * {@code <class filename>}, {@code <lines>}, {@code <line number hits branch condition-coverage>}), as coverage.py,
 * the cobertura-maven-plugin, gcovr and istanbul write it. Only the lines of a class count; the lines under
 * {@code <methods>} repeat them. A line is covered when {@code hits > 0}; a line with {@code branch="true"} adds the
 * branches of its {@code condition-coverage} ({@code "50% (1/2)"}). The rates in the attributes are not used.
 * Classes that share a file (inner classes) are united into that file.
 */
final class CoberturaXmlReader {
    static final String ROOT = "coverage";

    /** The elements Cobertura writes inside each element (coverage-04.dtd); anything else is out of place. */
    private static final Map<String, Set<String>> STRUCTURE = Map.ofEntries(
            Map.entry(ROOT, Set.of("sources", "packages")),
            Map.entry("sources", Set.of("source")),
            Map.entry("packages", Set.of("package")),
            Map.entry("package", Set.of("classes")),
            Map.entry("classes", Set.of("class")),
            Map.entry("class", Set.of("methods", "lines")),
            Map.entry("methods", Set.of("method")),
            Map.entry("method", Set.of("lines")),
            Map.entry("lines", Set.of("line")),
            Map.entry("line", Set.of("conditions")),
            Map.entry("conditions", Set.of("condition")));
    /** The elements that hold or count coverage. */
    private static final Set<String> COVERAGE = Set.of("packages", "package", "classes", "class", "methods",
            "method", "lines", "line");

    private final XmlCursor xml;
    private final CoverageTally tally;
    private String packageName = "";
    private int methodsDepth;
    @CheckForNull
    private LineTable file;

    private CoberturaXmlReader(final XmlCursor xml, final CoverageTally tally) {
        this.xml = xml;
        this.tally = tally;
    }

    /**
     * Reads the report; the cursor stands on the start of {@code <coverage>}.
     */
    static void read(final XmlCursor xml, final CoverageTally tally) throws XMLStreamException {
        if (xml.attribute("clover") != null) {
            throw CoverageProblems.unknownFormat(xml.getFile(),
                    "is a Clover report (root <coverage clover=...>), which is not supported");
        }
        tally.addName(JacocoXmlReader.fileName(xml.getFile()));
        new CoberturaXmlReader(xml, tally).readCoverage();
    }

    private void readCoverage() throws XMLStreamException {
        xml.walk(STRUCTURE, COVERAGE, tally, this::startElement, this::endElement);
    }

    private void startElement(final String element) {
        switch (element) {
            case "line":
                readLine();
                break;
            case "class":
                readClass();
                break;
            case "methods":
                methodsDepth++;
                break;
            case "package":
                packageName = xml.attribute("name", "");
                break;
            default:
                break;
        }
    }

    private void endElement(final String element) {
        switch (element) {
            case "class":
                file = null;
                break;
            case "methods":
                methodsDepth--;
                break;
            case "package":
                packageName = "";
                break;
            default:
                break;
        }
    }

    private void readClass() {
        String className = xml.attribute("name", "");
        tally.addClass(packageName + "/" + className);
        String fileName = xml.attribute("filename", className).replace('\\', '/');
        file = tally.file(fileName);
    }

    private void readLine() {
        LineTable current = file;
        if (current == null || methodsDepth > 0) {
            return;
        }
        int number = xml.smallCount("number");
        long hits = xml.count("hits");
        current.addLine(number, hits > 0);
        if ("true".equalsIgnoreCase(xml.attribute("branch", "false"))) {
            String conditions = xml.attribute("condition-coverage");
            if (conditions != null) {
                readConditionCoverage(current, number, conditions);
            }
        }
    }

    /** Reads {@code "50% (1/2)"}: the numbers in parentheses are covered and total. */
    private void readConditionCoverage(final LineTable current, final int number, final String conditions) {
        int open = conditions.indexOf('(');
        int slash = conditions.indexOf('/', open + 1);
        int close = conditions.indexOf(')', slash + 1);
        if (open < 0 || slash < 0 || close < 0) {
            throw CoverageProblems.invalidCount(xml.getFile(), xml.line(), "attribute 'condition-coverage' of "
                    + "<line> is not of the form '50% (1/2)': '" + Counts.abbreviate(conditions) + "'");
        }
        int covered = Counts.parseLineNumber(conditions.substring(open + 1, slash),
                () -> "the covered conditions in 'condition-coverage'", xml.getFile(), xml.line());
        int total = Counts.parseLineNumber(conditions.substring(slash + 1, close),
                () -> "the total of conditions in 'condition-coverage'", xml.getFile(), xml.line());
        if (covered > total) {
            throw CoverageProblems.invalidCount(xml.getFile(), xml.line(), "attribute 'condition-coverage' of "
                    + "<line> has more covered conditions than there are: '" + conditions + "'");
        }
        current.addBranches(number, covered, total);
    }
}
