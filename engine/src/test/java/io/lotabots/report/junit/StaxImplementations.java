package io.lotabots.report.junit;

import io.lotabots.util.SecureXml;

import org.junit.jupiter.api.Named;

import java.util.List;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;

/**
 * The StAX implementations a parser may meet: whatever {@link SecureXml} finds on the class path (Woodstox in the
 * engine's tests, because a test dependency brings it) and the JDK's built-in reader, locked down with exactly
 * the settings {@link SecureXml} uses. Error classification must not depend on which one is used.
 */
final class StaxImplementations {
    private static final List<String> SECURE_PROPERTIES = List.of(XMLInputFactory.SUPPORT_DTD,
            XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES,
            XMLInputFactory.IS_NAMESPACE_AWARE, XMLInputFactory.IS_COALESCING);

    private StaxImplementations() {
    }

    static Stream<Named<JUnitReportParser>> parsers() {
        return Stream.of(
                Named.of("SecureXml (" + SecureXml.newInputFactory().getClass().getSimpleName() + ")",
                        new JUnitReportParser()),
                Named.of("JDK built-in StAX", new JUnitReportParser(StaxImplementations::jdkFactory)));
    }

    static XMLInputFactory jdkFactory() {
        XMLInputFactory secure = SecureXml.newInputFactory();
        XMLInputFactory jdk = XMLInputFactory.newDefaultFactory();
        for (String property : SECURE_PROPERTIES) {
            jdk.setProperty(property, secure.getProperty(property));
        }
        jdk.setXMLResolver(secure.getXMLResolver());
        return jdk;
    }
}
