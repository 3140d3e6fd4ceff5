package io.lotabots.report.coverage;

import io.lotabots.util.SecureXml;

import org.junit.jupiter.api.Named;

import javax.xml.stream.XMLInputFactory;

import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The StAX implementations a coverage report may meet: the one {@link SecureXml} finds on the class path (Woodstox
 * in these tests, which s3proxy brings along) and the JDK's own (what the engine gets where no other is present).
 * Both are configured by {@link SecureXml}; they differ in how they report entities, so safety tests run on both.
 */
final class StaxFactories {
    private static final String FACTORY_PROPERTY = XMLInputFactory.class.getName();
    private static final String JDK_FACTORY = "com.sun.xml.internal.stream.XMLInputFactoryImpl";

    private StaxFactories() {
    }

    /** Returns both factories, named, for {@code @MethodSource}. */
    static Stream<Named<Supplier<XMLInputFactory>>> both() {
        return Stream.of(Named.of("class path StAX", SecureXml::newInputFactory),
                Named.of("JDK StAX", StaxFactories::jdk));
    }

    /** Returns {@link SecureXml}'s factory, built on the JDK's implementation. */
    static synchronized XMLInputFactory jdk() {
        String previous = System.getProperty(FACTORY_PROPERTY);
        System.setProperty(FACTORY_PROPERTY, JDK_FACTORY);
        try {
            return SecureXml.newInputFactory();
        }
        finally {
            if (previous == null) {
                System.clearProperty(FACTORY_PROPERTY);
            }
            else {
                System.setProperty(FACTORY_PROPERTY, previous);
            }
        }
    }
}
