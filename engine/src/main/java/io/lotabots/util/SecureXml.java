package io.lotabots.util;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * The one way the engine reads XML: StAX with DTDs and external entities turned off, so that an XXE or
 * billion-laughs report is rejected instead of reading files outside the workspace or exhausting memory. Readers
 * stream; no report is loaded as a DOM.
 *
 * <p>{@link #newReader(InputStream)} goes further and rejects every document that declares entities or refers to
 * one: a {@code <!DOCTYPE>} with an internal subset, and any entity reference other than the five predefined
 * ones. A bare {@code <!DOCTYPE report PUBLIC "..." "report.dtd">}, as JaCoCo writes, is accepted and its DTD is
 * not fetched.</p>
 */
public final class SecureXml {
    /** The longest tag (a start tag with its attributes) {@link #bounded} lets through: 16 MiB. */
    public static final long MAX_TAG_BYTES = 16L * 1024 * 1024;
    /** The longest text between two tags {@link #bounded} lets through when asked to: 32 MiB. */
    public static final long MAX_TEXT_BYTES = 32L * 1024 * 1024;

    private SecureXml() {
    }

    /**
     * Bounds what one XML token can make a parser hold: the StAX parser keeps a whole start tag with its attributes
     * in memory, and, when it coalesces text, a whole text node. A document with a tag longer than
     * {@link #MAX_TAG_BYTES} (a gigabyte attribute), or with text longer than {@code maxTextBytes} between two
     * tags, fails with an {@link IOException} that says so, before the parser runs out of memory.
     *
     * @param in the document
     * @param maxTextBytes the longest text between tags, or {@code Long.MAX_VALUE} for a reader that takes text in
     *        chunks
     * @return the guarded stream
     */
    public static InputStream bounded(final InputStream in, final long maxTextBytes) {
        return new TokenBound(in, MAX_TAG_BYTES, maxTextBytes);
    }

    /**
     * Counts the bytes since the last {@code <} or {@code >}.
     */
    static final class TokenBound extends FilterInputStream {
        private final long maxTag;
        private final long maxText;
        private boolean inTag;
        private long run;

        TokenBound(final InputStream in, final long maxTag, final long maxText) {
            super(in);
            this.maxTag = maxTag;
            this.maxText = maxText;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count((byte) b);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(final byte b) throws IOException {
            if (b == '<') {
                inTag = true;
                run = 0;
            }
            else if (b == '>') {
                inTag = false;
                run = 0;
            }
            else if (++run > (inTag ? maxTag : maxText)) {
                throw new IOException(String.format(Locale.ROOT, "the document has %s longer than %d MiB; no"
                        + " report needs one that large, so it is not read", inTag ? "a tag (an attribute value)"
                        : "a text between tags", (inTag ? maxTag : maxText) / (1024 * 1024)));
            }
        }
    }

    /**
     * Returns a new StAX input factory with DTDs, external entities and entity replacement turned off. It is always
     * the JDK's own implementation, whatever else is on the class path (Woodstox, in Jenkins or next to a test
     * server), so that the engine behaves the same everywhere.
     *
     * @return the factory
     */
    public static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("External entities are not allowed: " + systemId);
        });
        return factory;
    }

    /**
     * Returns a reader that throws on entity declarations and entity references.
     *
     * @param in the document
     * @return the reader
     * @throws XMLStreamException if the document cannot be opened
     */
    public static XMLStreamReader newReader(final InputStream in) throws XMLStreamException {
        return new Guarded(newInputFactory().createXMLStreamReader(bounded(in, MAX_TEXT_BYTES)));
    }

    /**
     * Rejects what entity declarations and references would bring in.
     */
    private static final class Guarded extends StreamReaderDelegate {
        Guarded(final XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.DTD && getText() != null && getText().contains("[")) {
                throw new XMLStreamException("Documents that declare entities (a DOCTYPE with an internal subset)"
                        + " are not accepted", getLocation());
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("Entity references such as &" + getLocalName()
                        + "; are not accepted", getLocation());
            }
            return event;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace()
                    || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                    || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected a start or end tag", getLocation());
            }
            return event;
        }

        @Override
        public String getElementText() throws XMLStreamException {
            if (getEventType() != XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("the element text can only be read at a start tag", getLocation());
            }
            StringBuilder text = new StringBuilder();
            int event = next();
            while (event != XMLStreamConstants.END_ELEMENT) {
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    text.append(getText());
                }
                else if (event == XMLStreamConstants.START_ELEMENT) {
                    throw new XMLStreamException("expected text, found the element <" + getLocalName() + ">",
                            getLocation());
                }
                else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new XMLStreamException("unexpected end of file while reading element text",
                            getLocation());
                }
                event = next();
            }
            return text.toString();
        }
    }
}
