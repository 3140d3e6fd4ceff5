package io.lotabots.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecureXmlTest {
    @TempDir
    private Path folder;

    @Test
    void shouldReadABareDoctypeWithoutFetchingItsDtd() throws XMLStreamException {
        String jacoco = "<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" "
                + "\"http://127.0.0.1:9/report.dtd\"><report name=\"x\"><counter type=\"LINE\"/></report>";

        assertThat(text(jacoco)).isEqualTo("report counter");
    }

    @Test
    void shouldReadThePredefinedEntitiesAsText() throws XMLStreamException {
        XMLStreamReader reader = SecureXml.newReader(input("<a>x &lt; y &amp;&amp; z</a>"));
        reader.nextTag();

        assertThat(reader.getElementText()).isEqualTo("x < y && z");
    }

    @Test
    void shouldRejectBillionLaughs() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<lolz>&lol3;</lolz>";

        assertThatThrownBy(() -> text(bomb)).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("are not accepted");
    }

    @Test
    void shouldRejectExternalEntitiesWithoutReadingTheFile() throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "TOP-SECRET-VALUE");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<r>&x;</r>";

        assertThatThrownBy(() -> text(xxe)).isInstanceOf(XMLStreamException.class)
                .message().doesNotContain("TOP-SECRET-VALUE");
    }

    @Test
    void shouldRejectAnEntityReferenceInsideElementText() {
        assertThatThrownBy(() -> {
            XMLStreamReader reader = SecureXml.newReader(input("<a>before &undeclared; after</a>"));
            reader.nextTag();
            reader.getElementText();
        }).isInstanceOf(XMLStreamException.class);
    }

    private static String text(final String xml) throws XMLStreamException {
        XMLStreamReader reader = SecureXml.newReader(input(xml));
        StringBuilder names = new StringBuilder();
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                names.append(names.length() == 0 ? "" : " ").append(reader.getLocalName());
            }
        }
        return names.toString();
    }

    private static ByteArrayInputStream input(final String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
