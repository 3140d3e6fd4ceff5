package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
     * Walks the elements below the current one until it closes, calling the handlers with each element's name.
     *
     * @param onStart called at each start tag
     * @param onEnd called at each end tag
     * @throws XMLStreamException if the document is not well formed
     */
    void walk(final java.util.function.Consumer<String> onStart, final java.util.function.Consumer<String> onEnd)
            throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = next();
            if (event == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                depth++;
                onStart.accept(name());
            }
            else if (event == javax.xml.stream.XMLStreamConstants.END_ELEMENT) {
                depth--;
                onEnd.accept(name());
            }
        }
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
