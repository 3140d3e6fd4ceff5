package io.lotabots.bot.security.deps;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.util.SecureXml;

import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.xml.sax.SAXParseException;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a CycloneDX SBOM (JSON or XML, spec 1.2 to 1.6) with cyclonedx-core-java. The ecosystem comes from each
 * component's purl; components of other purl types, or without a purl, are kept as not matchable. XML is first
 * streamed through {@link SecureXml}, so that a document with a DTD internal subset (XXE, billion laughs) or an
 * entity reference is refused before cyclonedx-core-java sees it.
 */
final class CycloneDxReader {
    private CycloneDxReader() {
    }

    static boolean isXml(final byte[] content) {
        for (byte b : content) {
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB
                    && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    static void read(final byte[] content, final String file, final ReadSink sink) {
        boolean xml = isXml(content);
        Bom bom;
        try {
            if (xml) {
                precheck(content);
                bom = new XmlParser().parse(new ByteArrayInputStream(content));
            }
            else {
                bom = new JsonParser().parse(content);
            }
        }
        catch (XMLStreamException exception) {
            Location location = exception.getLocation();
            sink.error(file, location == null ? 0 : location.getLineNumber(),
                    location == null ? 0 : location.getColumnNumber(), String.format(Locale.ROOT,
                            "Cannot read the CycloneDX SBOM %s: %s. Give the SBOM as the CycloneDX tools write it.",
                            ReadSink.at(file, location == null ? 0 : location.getLineNumber(),
                                    location == null ? 0 : location.getColumnNumber()), clean(exception)));
            return;
        }
        catch (ParseException | RuntimeException exception) {
            int[] position = position(exception);
            sink.error(file, position[0], position[1], String.format(Locale.ROOT,
                    "Cannot parse the CycloneDX %s SBOM %s: %s. Is it a complete CycloneDX 1.2 to 1.6 document?",
                    xml ? "XML" : "JSON", ReadSink.at(file, position[0], position[1]), reason(exception)));
            return;
        }
        if (bom == null) {
            sink.error(file, 0, 0, "Cannot read the CycloneDX SBOM '" + file + "': the file is empty.");
            return;
        }
        Set<String> direct = new HashSet<>();
        boolean graph = directRefs(bom, direct);
        String root = bom.getMetadata() == null || bom.getMetadata().getComponent() == null ? null
                : bom.getMetadata().getComponent().getBomRef();
        if (bom.getComponents() != null) {
            for (org.cyclonedx.model.Component component : bom.getComponents()) {
                add(component, file, graph, direct, root, sink, 0);
            }
        }
    }

    private static void precheck(final byte[] content) throws XMLStreamException {
        XMLStreamReader reader = SecureXml.newReader(new ByteArrayInputStream(content));
        try {
            while (reader.hasNext()) {
                reader.next();
            }
        }
        finally {
            reader.close();
        }
    }

    private static boolean directRefs(final Bom bom, final Set<String> direct) {
        if (bom.getMetadata() == null || bom.getMetadata().getComponent() == null
                || bom.getMetadata().getComponent().getBomRef() == null || bom.getDependencies() == null) {
            return false;
        }
        String root = bom.getMetadata().getComponent().getBomRef();
        for (Dependency dependency : bom.getDependencies()) {
            if (root.equals(dependency.getRef())) {
                if (dependency.getDependencies() != null) {
                    for (Dependency child : dependency.getDependencies()) {
                        direct.add(child.getRef());
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static void add(final org.cyclonedx.model.Component component, final String file, final boolean graph,
            final Set<String> direct, @CheckForNull final String root, final ReadSink sink, final int depth) {
        if (depth > 32) {
            return;
        }
        if (component.getComponents() != null) {
            for (org.cyclonedx.model.Component child : component.getComponents()) {
                add(child, file, graph, direct, root, sink, depth + 1);
            }
        }
        if (component.getBomRef() != null && component.getBomRef().equals(root)) {
            return;
        }
        Relation relation = graph ? direct.contains(component.getBomRef()) ? Relation.DIRECT : Relation.TRANSITIVE
                : Relation.UNKNOWN;
        String scope = component.getScope() == null ? null
                : component.getScope().name().toLowerCase(Locale.ROOT);
        String purlText = component.getPurl();
        PackageURL purl = null;
        if (purlText != null && !purlText.isBlank()) {
            try {
                purl = new PackageURL(purlText.strip());
            }
            catch (MalformedPackageURLException exception) {
                sink.warning(file, 0, String.format(Locale.ROOT, "Component '%s' of the SBOM '%s' has the invalid "
                        + "purl '%s' (%s); it is kept but cannot be matched.", label(component), file, purlText,
                        exception.getMessage()));
            }
        }
        String version = component.getVersion() != null && !component.getVersion().isBlank()
                ? component.getVersion().strip() : purl != null && purl.getVersion() != null ? purl.getVersion() : null;
        if (version == null) {
            sink.warning(file, 0, String.format(Locale.ROOT, "Component '%s' of the SBOM '%s' has no version; it "
                    + "is left out. Generate the SBOM from the resolved dependencies.", label(component), file));
            return;
        }
        if (purl == null) {
            String group = component.getGroup();
            String name = group == null || group.isBlank() ? component.getName() : group + "/" + component.getName();
            sink.add(new Component(null, "unknown", name == null ? "?" : name, version, file, 0, relation, scope));
            return;
        }
        Ecosystem ecosystem = ecosystemOf(purl.getType());
        String name;
        if (ecosystem == Ecosystem.MAVEN) {
            name = purl.getNamespace() == null ? purl.getName() : purl.getNamespace() + ":" + purl.getName();
        }
        else {
            name = purl.getNamespace() == null ? purl.getName() : purl.getNamespace() + "/" + purl.getName();
        }
        sink.add(new Component(ecosystem, purl.getType(), name, version, file, 0, relation, scope));
    }

    @CheckForNull
    static Ecosystem ecosystemOf(final String purlType) {
        switch (purlType.toLowerCase(Locale.ROOT)) {
            case "maven":
                return Ecosystem.MAVEN;
            case "npm":
                return Ecosystem.NPM;
            case "pypi":
                return Ecosystem.PYPI;
            default:
                return null;
        }
    }

    private static String label(final org.cyclonedx.model.Component component) {
        String name = component.getName() == null ? "?" : component.getName();
        return component.getGroup() == null ? name : component.getGroup() + ":" + name;
    }

    private static int[] position(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                JsonLocation location = ((JsonProcessingException) cause).getLocation();
                if (location != null) {
                    return new int[] {location.getLineNr(), location.getColumnNr()};
                }
            }
            if (cause instanceof SAXParseException) {
                SAXParseException sax = (SAXParseException) cause;
                return new int[] {sax.getLineNumber(), sax.getColumnNumber()};
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new int[] {0, 0};
    }

    private static String reason(final Throwable exception) {
        Throwable deepest = exception;
        for (Throwable cause = exception; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            deepest = cause;
            if (cause instanceof JsonProcessingException) {
                return ((JsonProcessingException) cause).getOriginalMessage();
            }
        }
        String message = deepest.getMessage();
        return message == null ? deepest.getClass().getSimpleName() : firstLine(message);
    }

    private static String clean(final XMLStreamException exception) {
        String message = exception.getMessage() == null ? "invalid XML" : exception.getMessage();
        int index = message.indexOf("Message: ");
        return firstLine(index >= 0 ? message.substring(index + "Message: ".length()) : message);
    }

    static String firstLine(final String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
