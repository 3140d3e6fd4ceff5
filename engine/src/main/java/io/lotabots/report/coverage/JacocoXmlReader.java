package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import javax.xml.stream.XMLStreamException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams a JaCoCo XML report ({@code <report>}, optional {@code <group>}s, {@code <package>}, {@code <class>},
 * {@code <sourcefile>} with {@code <line nr mi ci mb cb>}). Lines and branches come from the {@code <line>}
 * elements, which JaCoCo's {@code LINE} and {@code BRANCH} counters sum up: a line counts as covered when at least
 * one of its instructions ran ({@code ci > 0}), as in JaCoCo's own counter. The {@code <counter>} elements are
 * skipped. Files are counted by {@code <sourcefile>}, classes by {@code <class>}.
 */
final class JacocoXmlReader {
    static final String ROOT = "report";

    private final XmlCursor xml;
    private final CoverageTally tally;
    private final Deque<String> scopes = new ArrayDeque<>();
    private String scope = "";
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
        xml.walk(this::startElement, this::endElement);
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
                scopes.removeLast();
                scope = String.join("/", scopes);
                break;
            default:
                break;
        }
    }

    private void enterScope(final String name) {
        scopes.addLast(name);
        scope = String.join("/", scopes);
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
