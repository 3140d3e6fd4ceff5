package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.SecureXml;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JaCoCo or Cobertura XML report in one streaming pass: finds the root element (refusing entities on the
 * way), checks it against the expected format, hands the cursor to the reader of that format, and turns parser
 * failures into {@link LotaBotsException}s that name the file and line.
 */
final class XmlReportReader {
    private static final int BUFFER_SIZE = 1 << 16;

    private XmlReportReader() {
    }

    /**
     * Reads the report and returns its format.
     */
    static CoverageFormat read(final Path path, final String file, final InputStream in,
            @CheckForNull final CoverageFormat expected, final XMLInputFactory factory, final CoverageTally tally)
            throws IOException {
        XMLStreamReader reader = null;
        try {
            // a gigabyte attribute or text node would be held whole by the parser
            reader = factory.createXMLStreamReader(SecureXml.bounded(in, SecureXml.MAX_TEXT_BYTES));
            XmlCursor xml = new XmlCursor(reader, file);
            String root = findRoot(xml);
            CoverageFormat format = formatOf(root, xml);
            if (expected != null && expected != format) {
                throw CoverageProblems.formatMismatch(file, expected, "it is " + CoverageProblems.withArticle(format)
                        + " (root element <" + root + ">)");
            }
            if (format == CoverageFormat.JACOCO) {
                JacocoXmlReader.read(xml, tally);
            }
            else {
                CoberturaXmlReader.read(xml, tally);
            }
            return format;
        }
        catch (XMLStreamException exception) {
            throw translate(path, file, exception, exception.getLocation());
        }
        catch (LotaBotsException exception) {
            throw exception;
        }
        catch (RuntimeException exception) {
            // Woodstox reports some parse errors lazily, as an unchecked exception around an XMLStreamException
            if (exception.getCause() instanceof XMLStreamException) {
                XMLStreamException cause = (XMLStreamException) exception.getCause();
                throw translate(path, file, cause, cause.getLocation());
            }
            throw exception;
        }
        finally {
            close(reader);
        }
    }

    private static String findRoot(final XmlCursor xml) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                return xml.name();
            }
        }
        throw CoverageProblems.empty(xml.getFile(), "is an XML document without elements");
    }

    private static CoverageFormat formatOf(final String root, final XmlCursor xml) {
        if (JacocoXmlReader.ROOT.equals(root)) {
            return CoverageFormat.JACOCO;
        }
        if (CoberturaXmlReader.ROOT.equals(root)) {
            return CoverageFormat.COBERTURA;
        }
        String hint = "testsuite".equals(root) || "testsuites".equals(root) ? " (a JUnit test report?)" : "";
        throw CoverageProblems.unknownFormat(xml.getFile(), "is XML of another kind: its root element is <" + root
                + ">" + hint + ", not <report> (JaCoCo) or <coverage> (Cobertura)");
    }

    private static LotaBotsException translate(final Path path, final String file,
            final XMLStreamException exception, @CheckForNull final Location location) {
        int line = XmlCursor.lineOf(location);
        String detail = parserMessage(exception);
        if (location != null && isAtEnd(path, line, location.getColumnNumber())) {
            return CoverageProblems.truncated(file, line, detail, exception);
        }
        return CoverageProblems.malformed(file, line, detail, exception);
    }

    /** Returns the parser's message without the location prefix the JDK's parser puts in front. */
    private static String parserMessage(final XMLStreamException exception) {
        String message = String.valueOf(exception.getMessage()).strip();
        int marker = message.indexOf("Message: ");
        if (marker >= 0) {
            message = message.substring(marker + "Message: ".length());
        }
        int woodstoxLocation = message.indexOf(" at [row,col");
        if (woodstoxLocation >= 0) {
            message = message.substring(0, woodstoxLocation);
        }
        return message.strip();
    }

    /**
     * Returns whether a parse error lies at the very end of the file, which means the file was cut off rather
     * than broken in the middle. Only called after an error, it reads the file once more to find its last line.
     */
    private static boolean isAtEnd(final Path path, final int line, final int column) {
        if (line <= 0) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int lines = 1;
            long lastLineChars = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        lines++;
                        lastLineChars = 0;
                    }
                    else if ((b & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
                        lastLineChars++;
                    }
                }
            }
            return line > lines || line == lines && column >= lastLineChars - 1;
        }
        catch (IOException exception) {
            return false;
        }
    }

    private static void close(@CheckForNull final XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            }
            catch (XMLStreamException exception) {
                // nothing left to read; the stream itself is closed by the caller
            }
        }
    }
}
