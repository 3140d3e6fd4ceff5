package io.lotabots.util;

import javax.xml.stream.XMLInputFactory;

/**
 * The one way the engine reads XML: a StAX factory that refuses DTDs and external entities, so that an XXE or
 * billion-laughs report is rejected instead of reading files outside the workspace or exhausting memory.
 * Readers stream; no report is loaded as a DOM.
 */
public final class SecureXml {
    private SecureXml() {
    }

    /**
     * Returns a new StAX input factory with DTDs, external entities and entity replacement turned off.
     * A document with a {@code <!DOCTYPE>} makes the reader throw when it reaches it.
     *
     * @return the factory
     */
    public static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("External entities are not allowed: " + systemId);
        });
        return factory;
    }
}
