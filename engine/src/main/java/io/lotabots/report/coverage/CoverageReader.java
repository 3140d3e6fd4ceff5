package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecureXml;

import javax.xml.stream.XMLInputFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads coverage reports (JaCoCo XML, Cobertura XML, LCOV) into a {@link CoverageSummary}. The format is detected
 * from the content (an XML root element {@code <report>} or {@code <coverage>}, otherwise LCOV records), or given.
 * Every report is streamed once; memory grows with the number of source lines, not with the size of the file. XML
 * is read through {@link SecureXml}: a DOCTYPE that names an external DTD (JaCoCo writes one) is skipped and the DTD
 * never fetched, while a document that declares or uses entities is refused.
 *
 * <p>Problems that make a report unusable throw a {@link LotaBotsException} with a {@link CoverageErrorCode} and a
 * message naming the file and, where known, the line. In lenient mode, problems inside a report that can be skipped
 * (an LCOV line that is no record, a missing {@code end_of_record}) are logged and skipped, and
 * {@link #readAll} skips and logs a report that cannot be read; in strict mode both throw. A report without any
 * source file is a {@link CoverageErrorCode#REPORT_EMPTY} in both modes.</p>
 */
public final class CoverageReader {
    private static final int SNIFF_SIZE = 8192;
    private static final int BUFFER_SIZE = 1 << 16;

    /**
     * The most memory, estimated, that the data kept for the reports read at once may take: 256 MiB. That is about
     * 10 million source lines (13 to 35 bytes each) or 1 million files, far beyond any one build's report, and fits
     * a JVM of 512 MiB heap together with the parser. A report that would keep more is refused with
     * {@link CoverageErrorCode#REPORT_TOO_LARGE}, naming the file and the limit.
     */
    public static final long DEFAULT_MAX_KEPT_BYTES = 256L * 1024 * 1024;

    /**
     * The longest line of an LCOV tracefile: 1 MiB characters. Real lines hold a path or a function name; a longer
     * one is refused with {@link CoverageErrorCode#REPORT_TOO_LARGE}, naming the file, the line and the limit.
     */
    public static final int MAX_LCOV_LINE_CHARS = 1 << 20;

    private final boolean strict;
    private final Supplier<XMLInputFactory> xmlFactory;
    private final long maxKeptBytes;

    private CoverageReader(final boolean strict, final Supplier<XMLInputFactory> xmlFactory,
            final long maxKeptBytes) {
        this.strict = strict;
        this.xmlFactory = xmlFactory;
        this.maxKeptBytes = maxKeptBytes;
    }

    /**
     * Returns a reader that skips and logs what can be skipped.
     *
     * @return the reader
     */
    public static CoverageReader lenient() {
        return new CoverageReader(false, SecureXml::newInputFactory, DEFAULT_MAX_KEPT_BYTES);
    }

    /**
     * Returns a reader that fails on the first problem.
     *
     * @return the reader
     */
    public static CoverageReader strict() {
        return new CoverageReader(true, SecureXml::newInputFactory, DEFAULT_MAX_KEPT_BYTES);
    }

    /** Returns a reader with another source of XML factories; for tests that run every StAX implementation. */
    static CoverageReader create(final boolean strict, final Supplier<XMLInputFactory> xmlFactory) {
        return new CoverageReader(strict, xmlFactory, DEFAULT_MAX_KEPT_BYTES);
    }

    /** Returns a reader with another memory limit; for tests that show the bound in a small heap. */
    static CoverageReader create(final boolean strict, final long maxKeptBytes) {
        return new CoverageReader(strict, SecureXml::newInputFactory, maxKeptBytes);
    }

    /**
     * Reads one report, detecting its format from the content.
     *
     * @param report the report file
     * @param log receives one info line for the report and the problems that were skipped
     * @return the summary
     * @throws LotaBotsException if the report cannot be read
     */
    public CoverageSummary read(final Path report, final LogSink log) {
        return readOne(report, null, log).toSummary();
    }

    /**
     * Reads one report of the given format.
     *
     * @param report the report file
     * @param format the format the report must have
     * @param log receives one info line for the report and the problems that were skipped
     * @return the summary
     * @throws LotaBotsException if the report cannot be read or is of another format
     *         ({@link CoverageErrorCode#REPORT_FORMAT_MISMATCH})
     */
    public CoverageSummary read(final Path report, final CoverageFormat format, final LogSink log) {
        return readOne(report, Objects.requireNonNull(format, "format"), log).toSummary();
    }

    /**
     * Reads several reports, each in the format detected from its content, and merges them. The counts of
     * different files are added up. A file that several reports cover is counted once and united line by line, as
     * coverage-model merges reports: a line is covered if any report covered it, and a line's branches keep the
     * better of the counts (the reports do not tell which branches they took). Files are the same if their paths in
     * the reports are; for JaCoCo also the report names must be the same (unit and integration test reports of one
     * module are, those of different modules are not), as coverage-model merges its trees by name. Classes are
     * counted once per name.
     *
     * @param reports the report files
     * @param log receives one info line per report and the problems that were skipped
     * @return the merged summary
     * @throws LotaBotsException if no report is given, if none can be read, or in strict mode if one cannot be read
     */
    public CoverageSummary readAll(final Collection<Path> reports, final LogSink log) {
        List<Path> files = List.copyOf(reports);
        if (files.isEmpty()) {
            throw CoverageProblems.noReports("No coverage reports were given. Check the file pattern.", null);
        }
        CoverageTally merged = new CoverageTally(maxKeptBytes);
        int read = 0;
        LotaBotsException first = null;
        for (Path report : files) {
            try {
                CoverageTally one = readOne(report, null, log);
                merged.reading(report.toString());
                merged.addAll(one);
                read++;
            }
            catch (LotaBotsException exception) {
                if (strict) {
                    throw exception;
                }
                log.error(exception.getMessage() + " Skipped this report.");
                if (first == null) {
                    first = exception;
                }
            }
        }
        if (read == 0) {
            throw CoverageProblems.noReports(String.format(Locale.ROOT, "None of the %d coverage reports could be "
                    + "read; the first problem: %s", files.size(), first == null ? "" : first.getMessage()), first);
        }
        CoverageSummary summary = merged.toSummary();
        if (files.size() > 1) {
            log.info(String.format(Locale.ROOT, "Merged %d of %d coverage reports: %s", read, files.size(),
                    describe(summary)));
        }
        return summary;
    }

    private CoverageTally readOne(final Path report, @CheckForNull final CoverageFormat expected, final LogSink log) {
        String file = report.toString();
        CoverageTally tally = new CoverageTally(maxKeptBytes);
        tally.reading(file);
        CoverageFormat format;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(report), BUFFER_SIZE)) {
            Content content = sniff(in);
            if (content == Content.EMPTY) {
                throw CoverageProblems.empty(file, "is empty");
            }
            if (content == Content.XML) {
                format = XmlReportReader.read(report, file, in, expected, xmlFactory.get(), tally);
            }
            else {
                if (expected != null && expected != CoverageFormat.LCOV) {
                    throw CoverageProblems.formatMismatch(file, expected, "it is not XML (it does not start "
                            + "with '<')");
                }
                if (expected == null && content == Content.OTHER) {
                    throw CoverageProblems.unknownFormat(file, "is neither XML nor an LCOV tracefile (its first "
                            + "line is no LCOV record such as TN: or SF:)");
                }
                format = CoverageFormat.LCOV;
                LcovReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), file, tally, log, strict);
            }
        }
        catch (IOException exception) {
            throw CoverageProblems.unreadable(file, exception);
        }
        List<String> problems = tally.getStructureProblems();
        if (!problems.isEmpty()) {
            if (strict) {
                throw CoverageProblems.structureUnknown(problems.get(0));
            }
            problems.forEach(log::error);
        }
        if (tally.getFileCount() == 0) {
            throw CoverageProblems.empty(file, "is " + CoverageProblems.withArticle(format)
                    + " without any source file");
        }
        log.info(String.format(Locale.ROOT, "Read %s '%s': %s", CoverageProblems.displayName(format), file,
                describe(tally.toSummary())));
        return tally;
    }

    private static String describe(final CoverageSummary summary) {
        return "lines " + summary.getLines() + ", branches "
                + summary.getBranches().map(CoverageCounter::toString).orElse("none") + ", "
                + summary.getFileCount() + " files, " + summary.getClassCount() + " classes";
    }

    /** Looks at the start of the stream, then resets it. */
    private static Content sniff(final InputStream in) throws IOException {
        in.mark(SNIFF_SIZE);
        byte[] start = in.readNBytes(SNIFF_SIZE);
        in.reset();
        int i = 0;
        if (start.length >= 2 && (start[0] == (byte) 0xFE && start[1] == (byte) 0xFF
                || start[0] == (byte) 0xFF && start[1] == (byte) 0xFE)) {
            return Content.XML; // UTF-16: the XML parser reads the byte order mark
        }
        if (start.length >= 3 && start[0] == (byte) 0xEF && start[1] == (byte) 0xBB && start[2] == (byte) 0xBF) {
            i = 3;
        }
        while (i < start.length && Character.isWhitespace(start[i])) {
            i++;
        }
        if (i == start.length) {
            return start.length < SNIFF_SIZE ? Content.EMPTY : Content.OTHER;
        }
        if (start[i] == '<') {
            return Content.XML;
        }
        int end = i;
        while (end < start.length && start[end] != '\n' && start[end] != '\r') {
            end++;
        }
        String firstLine = new String(start, i, end - i, StandardCharsets.UTF_8);
        return isLcovRecord(firstLine) ? Content.LCOV : Content.OTHER;
    }

    private static boolean isLcovRecord(final String line) {
        if ("end_of_record".equals(line.strip())) {
            return true;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** What the start of a file looks like. */
    private enum Content {
        EMPTY, XML, LCOV, OTHER
    }
}
