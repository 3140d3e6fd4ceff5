package io.lotabots.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's Jelly views, checked as text because the plugin cannot be built without the Jenkins repository (the
 * harness' {@code InjectedTest} does the same checks where it can). A Jelly file that Jenkins cannot parse breaks the
 * whole page it is part of: one bad entry in the global configuration hides every section after it and the Save button.
 * So every view must be well-formed XML with the escape-by-default pragma, and every {@code ${%...}} must be a plain
 * message key: Stapler reads {@code (} as the start of message arguments, so {@code ${%Name (context)}} does not parse.
 * A message with arguments, {@code ${%count(it.total, it.fileName)}}, must name a key of the view's properties file.
 */
class PluginJellyFilesTest {
    private static final Path RESOURCES = Path.of(System.getProperty("user.dir"))
            .resolve("../plugin/src/main/resources").normalize();
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}]*)}");
    private static final Pattern PLAIN_KEY = Pattern.compile("[^(){}%\"<>$\\\\]+");
    private static final Pattern KEY_WITH_ARGUMENTS = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*)\\((.*)\\)");

    @TestFactory
    Stream<DynamicTest> everyJellyViewIsWellFormedAndUsesPlainMessageKeys() throws IOException {
        List<Path> views = views();
        assertThat(views).as("Jelly views under %s", RESOURCES).hasSizeGreaterThan(10);
        return views.stream().map(view -> DynamicTest.dynamicTest(RESOURCES.relativize(view).toString(), () -> {
            String text = Files.readString(view, StandardCharsets.UTF_8);
            assertThat(text).as("%s starts with the escape-by-default pragma", view)
                    .startsWith("<?jelly escape-by-default='true'?>");
            assertThat(problemsOf(text, propertiesOf(view))).as("problems of %s", view).isEmpty();
        }));
    }

    @Test
    void shouldReportAKeyWithParenthesesAndMalformedXml() {
        assertThat(problemsOf("<?jelly escape-by-default='true'?>\n<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">\n"
                + "<f:entry title=\"${%Name (kubeconfig context)}\"/></j:jelly>"))
                .singleElement().asString().contains("line 3").contains("Name (kubeconfig context)");
        assertThat(problemsOf("<?jelly escape-by-default='true'?>\n<j:jelly xmlns:j=\"jelly:core\"><a></j:jelly>"))
                .singleElement().asString().contains("not well-formed");
        assertThat(problemsOf("<?jelly escape-by-default='true'?>\n<j:jelly xmlns:j=\"jelly:core\">"
                + "<f:entry title=\"${%Name, the kubeconfig context}\" xmlns:f=\"/lib/form\"/></j:jelly>")).isEmpty();
    }

    @Test
    void shouldAcceptArgumentsOnlyForAKeyOfTheViewsProperties() {
        String view = "<?jelly escape-by-default='true'?>\n<j:jelly xmlns:j=\"jelly:core\">"
                + "${%count(it.total, it.fileName)}</j:jelly>";

        assertThat(problemsOf(view, "\ncount={0} messages in {1}\n")).isEmpty();
        assertThat(problemsOf(view, "")).singleElement().asString().contains("'count'");
    }

    @Test
    void shouldRefuseADoctypeInAView() {
        assertThat(problemsOf("<?jelly escape-by-default='true'?>\n<!DOCTYPE j [<!ENTITY x \"y\">]>"
                + "<j:jelly xmlns:j=\"jelly:core\">&x;</j:jelly>")).singleElement().asString()
                .contains("not well-formed");
    }

    static List<String> problemsOf(final String text) {
        return problemsOf(text, "");
    }

    static List<String> problemsOf(final String text, final String properties) {
        List<String> problems = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        }
        catch (SAXException | IOException | ParserConfigurationException e) {
            problems.add("not well-formed XML: " + e.getMessage());
        }
        Matcher matcher = LOCALIZED.matcher(text);
        while (matcher.find()) {
            String key = matcher.group(1);
            Matcher withArguments = KEY_WITH_ARGUMENTS.matcher(key);
            if (withArguments.matches()) {
                if (!properties.contains("\n" + withArguments.group(1) + "=")) {
                    problems.add("'${%" + key + "}' names the message '" + withArguments.group(1)
                            + "', which the view's properties file does not define");
                }
            }
            else if (!PLAIN_KEY.matcher(key).matches()) {
                int line = 1 + (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
                problems.add("line " + line + ": '${%" + key + "}' is not a plain message key; Stapler reads '(' as"
                        + " the start of message arguments. Reword it without parentheses or braces.");
            }
        }
        return problems;
    }

    private static String propertiesOf(final Path view) throws IOException {
        Path properties = view.resolveSibling(view.getFileName().toString().replace(".jelly", ".properties"));
        return Files.exists(properties) ? "\n" + Files.readString(properties, StandardCharsets.UTF_8) : "";
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(file -> file.toString().endsWith(".jelly")).sorted().toList();
        }
    }
}
