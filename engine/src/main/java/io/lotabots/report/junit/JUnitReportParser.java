package io.lotabots.report.junit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecureXml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one JUnit XML report into a {@link JUnitReport}. It understands the shapes real tools write: Maven
 * Surefire and Failsafe ({@code TEST-*.xml}, with reruns: {@code <flakyFailure>}, {@code <flakyError>},
 * {@code <rerunFailure>}, {@code <rerunError>}), Gradle, pytest, jest-junit, go-junit-report, suites nested in
 * suites (PHPUnit), and xUnit.net v2 ({@code <assemblies>}). Failsafe's {@code failsafe-summary.xml} is recognised
 * and skipped with a note in the log.
 *
 * <p>The parser streams: memory does not grow with the number of passing tests nor with the size of captured
 * output, so a report of hundreds of megabytes is fine. Every XML read goes through {@link SecureXml}: a document
 * with a DOCTYPE is refused before any entity could be resolved.</p>
 *
 * <p>A report that cannot be read at all throws a {@link LotaBotsException} with a {@link JUnitErrorCode} and a
 * message that names the file and the line. Smaller problems (a {@code time} that is not a number) are written to
 * the log as error lines and parsing goes on, so a caller in strict mode can escalate them by checking the log.
 * Instances are stateless and may be shared between threads.</p>
 */
public final class JUnitReportParser {
    /** The JDK's StAX property that splits CDATA sections into chunks of this many characters. */
    private static final String JDK_CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";
    private static final int CHUNK_SIZE = 8192;
    private static final int MAX_DETAIL = 200;
    /** What the JDK's reader (in English) and Woodstox say when a document ends too early. */
    private static final List<String> END_OF_INPUT = List.of("end of file", "same entity", "unexpected eof",
            "end of input");

    private final Supplier<XMLInputFactory> factories;

    /**
     * Creates a parser that reads through {@link SecureXml}.
     */
    public JUnitReportParser() {
        this(SecureXml::newInputFactory);
    }

    /**
     * Creates a parser that reads through the given factories, so that tests can cover more than one StAX
     * implementation. The factories must be as locked down as {@link SecureXml}'s.
     *
     * @param factories creates a new factory for each report
     */
    JUnitReportParser(final Supplier<XMLInputFactory> factories) {
        this.factories = factories;
    }

    /**
     * Reads a report file.
     *
     * @param file the report
     * @param log receives warnings about parts of the report that were read leniently, and notes about skipped
     *         files
     * @return the summary of the report
     * @throws LotaBotsException if the file cannot be read or is not a well-formed JUnit report
     */
    public JUnitReport parse(final Path file, final LogSink log) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw JUnitReportErrors.directory(name);
        }
        InputStream input;
        try {
            input = new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        }
        catch (IOException e) {
            throw JUnitReportErrors.notReadable(name, e);
        }
        try (input) {
            return parse(input, name, log);
        }
        catch (IOException e) {
            throw JUnitReportErrors.ioFailure(name, e);
        }
    }

    /**
     * Reads a report from a stream. The stream is read to the end of the report but not closed.
     *
     * @param input the report's bytes; the encoding is taken from the XML declaration or byte order mark
     * @param fileName the name to show in the summary and in messages, usually the report's path
     * @param log receives warnings about parts of the report that were read leniently, and notes about skipped
     *         files
     * @return the summary of the report
     * @throws LotaBotsException if the stream cannot be read or is not a well-formed JUnit report
     */
    public JUnitReport parse(final InputStream input, final String fileName, final LogSink log) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(log, "log");
        TrackingInputStream tracked = new TrackingInputStream(input);
        JUnitXmlReader reader = new JUnitXmlReader(fileName, log);
        XMLStreamReader xml = null;
        try {
            // text comes in chunks; a gigabyte attribute would be held whole by the parser
            xml = newFactory().createXMLStreamReader(SecureXml.bounded(tracked, Long.MAX_VALUE));
            return reader.read(xml);
        }
        catch (XMLStreamException e) {
            throw classify(e, tracked, reader, fileName);
        }
        catch (LotaBotsException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // Some readers (Woodstox) parse text lazily and report its errors wrapped in an unchecked exception.
            if (e.getCause() instanceof XMLStreamException) {
                throw classify((XMLStreamException) e.getCause(), tracked, reader, fileName);
            }
            throw e;
        }
        finally {
            close(xml);
        }
    }

    private XMLInputFactory newFactory() {
        XMLInputFactory factory = factories.get();
        // Deliver text in chunks rather than one string per text node, so that a huge <system-out> or stack trace
        // is never held in memory; the reader keeps only the first lines of what it needs.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            factory.setProperty(JDK_CDATA_CHUNK_SIZE, CHUNK_SIZE);
        }
        catch (IllegalArgumentException e) {
            // not the JDK's reader: Woodstox, for example, splits long text without being asked
        }
        return factory;
    }

    private static LotaBotsException classify(final XMLStreamException e, final TrackingInputStream tracked,
            final JUnitXmlReader reader, final String fileName) {
        IOException failure = tracked.getFailure();
        if (failure != null) {
            return JUnitReportErrors.ioFailure(fileName, failure);
        }
        if (tracked.isEndReached() && !tracked.hasContent()) {
            return JUnitReportErrors.empty(fileName);
        }
        if (tracked.isEndReached() && tracked.startsLikeXml() && endsInUnfinishedMarkup(e, tracked)) {
            return JUnitReportErrors.truncated(fileName, tracked.getLastContentLine(), e);
        }
        Location location = e.getLocation();
        int line = location == null ? tracked.getLastContentLine() : location.getLineNumber();
        String detail = detail(e);
        if (reader.isRootSeen()) {
            return JUnitReportErrors.malformed(fileName, line, detail, e);
        }
        return JUnitReportErrors.notXml(fileName, line, detail, e);
    }

    /**
     * Returns whether the reader failed in the last, unfinished piece of markup of a document that was cut off.
     * Readers report the position of such an error differently (Woodstox at the end of the file, the JDK's reader
     * at the start of the unfinished token or of the last chunk of text), so this checks that nothing after that
     * position closes a tag, or, for text that may itself contain {@code >}, that the reader says it ran out of input.
     */
    private static boolean endsInUnfinishedMarkup(final XMLStreamException e, final TrackingInputStream tracked) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (END_OF_INPUT.stream().anyMatch(message::contains)) {
            return true;
        }
        Location location = e.getLocation();
        if (location == null) {
            return false;
        }
        String rest = tracked.textFrom(location.getLineNumber(), location.getColumnNumber());
        return rest != null && rest.indexOf('>') < 0;
    }

    /**
     * Returns the reader's own explanation without the location prefix the JDK adds or the suffix Woodstox adds.
     */
    private static String detail(final XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int marker = message.indexOf("Message: ");
        String detail = (marker >= 0 ? message.substring(marker + "Message: ".length()) : message)
                .lines().findFirst().orElse("").strip();
        if (detail.endsWith(".")) {
            detail = detail.substring(0, detail.length() - 1);
        }
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }

    private static void close(@CheckForNull final XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            }
            catch (XMLStreamException e) {
                // nothing was written; the stream itself belongs to the caller
            }
        }
    }
}
