package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link XMLStreamReader} over a coverage report that refuses entities: a {@code DOCTYPE} that only names an
 * external DTD (as JaCoCo and Cobertura write it) is skipped without fetching the DTD, while an internal DTD subset
 * (where entities are declared) or an entity reference stops the reading. The factory from
 * {@link io.lotabots.util.SecureXml} already neither loads DTDs nor resolves external entities; these checks make
 * the refusal explicit and the same for every StAX implementation (the JDK's fails on an undeclared entity, Woodstox
 * reports it as an event). An entity in an attribute value gives no event; as no DTD is ever read, it can only expand
 * to nothing.
 */
final class XmlCursor {
    private static final String DOCTYPE = "<!DOCTYPE";

    private final XMLStreamReader reader;
    private final String file;

    XmlCursor(final XMLStreamReader reader, final String file) {
        this.reader = reader;
        this.file = file;
    }

    String getFile() {
        return file;
    }

    /** Moves to the next event, refusing entities. */
    int next() throws XMLStreamException {
        int event = reader.next();
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw CoverageProblems.entitiesNotAllowed(file, line(), "uses the entity '&" + reader.getLocalName()
                    + ";'");
        }
        if (event == XMLStreamConstants.DTD && hasInternalSubset(reader.getText())) {
            throw CoverageProblems.entitiesNotAllowed(file, line(),
                    "has a DOCTYPE with an internal subset, which is where entities are declared");
        }
        return event;
    }

    /**
     * Walks the elements below the current one until it closes, calling the handlers with each element's name,
     * but only through the structure the format defines: an element whose parent is not one the format allows for it is skipped with everything inside. If
     * it is a coverage element itself, or holds one, its coverage is not counted, and that is recorded as a problem
     * of the report's structure; an element of the tool's own that holds no coverage is skipped silently.
     *
     * @param structure the elements the format allows inside each element; the current element must be a key
     * @param coverage the elements that hold or count coverage
     * @param tally receives the problems
     * @param onStart called at each start tag that is in place
     * @param onEnd called at each end tag of an element that is in place
     * @throws XMLStreamException if the document is not well formed
     */
    void walk(final Map<String, Set<String>> structure, final Set<String> coverage, final CoverageTally tally,
            final Consumer<String> onStart, final Consumer<String> onEnd) throws XMLStreamException {
        Deque<String> open = new ArrayDeque<>();
        open.push(name());
        while (!open.isEmpty()) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String element = name();
                String parent = open.peek();
                if (structure.getOrDefault(parent, Set.of()).contains(element)) {
                    open.push(element);
                    onStart.accept(element);
                }
                else {
                    skipOutOfPlace(element, parent, coverage, tally);
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                onEnd.accept(open.pop());
            }
        }
    }

    private void skipOutOfPlace(final String element, final String parent, final Set<String> coverage,
            final CoverageTally tally) throws XMLStreamException {
        int line = line();
        int hidden = coverage.contains(element) ? 1 : 0;
        int depth = 1;
        while (depth > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (coverage.contains(name())) {
                    hidden++;
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (hidden == 0) {
            return;
        }
        String what = coverage.contains(element)
                ? "<" + element + "> inside <" + parent + ">, where its format never puts it"
                        + (hidden > 1 ? " (with " + (hidden - 1) + " coverage elements inside)" : "")
                : hidden + " coverage element" + (hidden == 1 ? "" : "s") + " inside <" + Counts.abbreviate(element)
                        + "> in <" + parent + ">, an element this reader does not know";
        tally.addStructureProblem(CoverageProblems.structure(file, line, what));
    }

    boolean hasNext() throws XMLStreamException {
        return reader.hasNext();
    }

    /** Returns the name of the current element. */
    String name() {
        return reader.getLocalName();
    }

    /** Returns the line of the current event, or 0 if the parser does not know it. */
    int line() {
        return lineOf(reader.getLocation());
    }

    static int lineOf(@CheckForNull final Location location) {
        return location == null ? 0 : Math.max(0, location.getLineNumber());
    }

    /** Returns the value of an attribute of the current element, or {@code null} if it has none of that name. */
    @CheckForNull
    String attribute(final String attribute) {
        int count = reader.getAttributeCount();
        for (int i = 0; i < count; i++) {
            if (attribute.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** Returns the value of an attribute of the current element, or the default if it has none of that name. */
    String attribute(final String attribute, final String defaultValue) {
        String value = attribute(attribute);
        return value == null ? defaultValue : value;
    }

    /** Returns an attribute of the current element that must be a whole number from 0 to {@link Long#MAX_VALUE}. */
    long count(final String attribute) {
        String value = attribute(attribute);
        if (value == null) {
            throw CoverageProblems.invalidCount(file, line(),
                    "element <" + name() + "> has no attribute '" + attribute + "'");
        }
        return Counts.parse(value, () -> "attribute '" + attribute + "' of <" + name() + ">", file, line());
    }

    /** Returns an attribute of the current element that must be a whole number from 0 to {@link Integer#MAX_VALUE}. */
    int smallCount(final String attribute) {
        long value = count(attribute);
        if (value > Integer.MAX_VALUE) {
            throw CoverageProblems.invalidCount(file, line(), "attribute '" + attribute + "' of <" + name()
                    + "> is too large: " + value);
        }
        return (int) value;
    }

    /**
     * Returns whether the text of a DTD event holds an internal subset. The JDK gives the whole declaration, Woodstox
     * only the internal subset.
     */
    static boolean hasInternalSubset(@CheckForNull final String dtd) {
        if (dtd == null || dtd.isBlank()) {
            return false;
        }
        String text = dtd.strip();
        if (!text.startsWith(DOCTYPE)) {
            return true;
        }
        char quote = 0;
        for (int i = DOCTYPE.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'') {
                quote = c;
            }
            else if (c == '[') {
                return true;
            }
        }
        return false;
    }
}
