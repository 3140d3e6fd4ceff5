package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobXmlTest {
    private static final String HOSTILE = """
            // <script> & </script>, ]]> and "quotes" 'single' ${env.X} \\n
            pipeline { agent any; stages { stage('A & B') { steps { echo "<b>bold</b> &amp; ü ✓ 😀" } } } }
            """ + "windows line\r\nend\ttab";

    @Test
    void shouldKeepAJenkinsfileWithMarkupCharactersIntactInThePipelineXml() throws Exception {
        Document xml = parse(JobXml.pipeline("desc <with> & marks", HOSTILE));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("flow-definition");
        Element definition = (Element) root.getElementsByTagName("definition").item(0);
        assertThat(definition.getAttribute("class")).isEqualTo("org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition");
        assertThat(text(definition, "script")).isEqualTo(HOSTILE);
        assertThat(text(definition, "sandbox")).isEqualTo("true");
        assertThat(text(root, "description")).isEqualTo("desc <with> & marks");
    }

    @Test
    void shouldWriteAFreestyleJobWithTheShellStepAndEachRecorderWithItsFields() throws Exception {
        Map<String, Map<String, String>> recorders = new LinkedHashMap<>();
        recorders.put("io.jenkins.plugins.lotabots.test.TestBotRecorder", Map.of("minCoverage", "80.0"));
        recorders.put("io.jenkins.plugins.lotabots.notify.NotificationBotRecorder", Map.of());

        Document xml = parse(JobXml.freestyle("d", "cat > a <<'X'\n<x a=\"1\"/> & more\nX\n", recorders));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("project");
        assertThat(text(root, "command")).isEqualTo("cat > a <<'X'\n<x a=\"1\"/> & more\nX\n");
        Element publishers = (Element) root.getElementsByTagName("publishers").item(0);
        assertThat(publishers.getElementsByTagName("*").item(0).getNodeName())
                .isEqualTo("io.jenkins.plugins.lotabots.test.TestBotRecorder");
        assertThat(text(publishers, "minCoverage")).isEqualTo("80.0");
        assertThat(publishers.getElementsByTagName("minCoverage").item(0).getParentNode().getNodeName())
                .isEqualTo("options");
        assertThat(publishers.getElementsByTagName("io.jenkins.plugins.lotabots.notify.NotificationBotRecorder")
                .getLength()).isEqualTo(1);
    }

    @Test
    void shouldRefuseCharactersXmlCannotCarryNamingTheirPosition() {
        assertThatThrownBy(() -> JobXml.pipeline("d", "echo 'a'\u0000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000 at position 8");
        assertThatThrownBy(() -> JobXml.escape("bell\u0007")).hasMessageContaining("U+0007");
    }

    @Test
    void shouldRefuseRecorderAndFieldNamesThatWouldInjectMarkup() {
        assertThatThrownBy(() -> JobXml.freestyle("d", "true", Map.of("a><evil", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a><evil");
        assertThatThrownBy(() -> JobXml.freestyle("d", "true", Map.of("ok.Recorder", Map.of("x y", "1"))))
                .hasMessageContaining("'x y'");
    }

    private static String text(final Element parent, final String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static Document parse(final String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
