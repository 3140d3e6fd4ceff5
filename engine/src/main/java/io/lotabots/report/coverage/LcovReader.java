package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.util.LogSink;

import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.Set;

/**
 * Streams an LCOV tracefile line by line. Each record runs from {@code SF:<path>} to {@code end_of_record}; lines
 * come from {@code DA:<line>,<hits>[,<checksum>]}, branches from {@code BRDA:<line>,<block>,<branch>,<taken>}
 * ({@code taken} is {@code -} when the block never ran). The summary lines {@code LF}, {@code LH}, {@code BRF} and
 * {@code BRH} are checked against the {@code DA} and {@code BRDA} lines; when they disagree, a warning is logged and
 * the detailed lines win. Records of the same file (tracefiles concatenated from several test runs) are united line
 * by line. Other records ({@code TN}, {@code FN}, {@code FNDA}, {@code FNF}, {@code FNH}, {@code VER}, ...) are
 * skipped; a line that is no record at all is logged and skipped in lenient mode and fails the reading in strict
 * mode. A negative or non-numeric count always fails it: the report is corrupt and its totals would be wrong.
 */
final class LcovReader {
    private static final int MAX_WARNINGS = 20;
    private static final int MAX_QUOTED = 80;
    /**
     * The records that are read elsewhere or hold nothing that is counted: test name, version, functions (lcov 1
     * and 2) and MC/DC conditions. Any other record name is not understood and may hold coverage.
     */
    private static final Set<String> IGNORED_RECORDS = Set.of("TN", "VER", "FN", "FNDA", "FNF", "FNH", "FNL", "FNA",
            "MCDC", "MCF", "MCH");

    private static final int BUFFER_SIZE = 1 << 16;

    private final Reader reader;
    private final char[] buffer = new char[BUFFER_SIZE];
    private final StringBuilder current = new StringBuilder();
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private final String file;
    private final CoverageTally tally;
    private final LogSink log;
    private final boolean strict;

    private int lineNumber;
    private int warnings;
    @CheckForNull
    private Section section;
    @CheckForNull
    private String testName;

    private LcovReader(final Reader reader, final String file, final CoverageTally tally, final LogSink log,
            final boolean strict) {
        this.reader = reader;
        this.file = file;
        this.tally = tally;
        this.log = log;
        this.strict = strict;
    }

    static void read(final Reader reader, final String file, final CoverageTally tally, final LogSink log,
            final boolean strict) throws IOException {
        new LcovReader(reader, file, tally, log, strict).readAll();
    }

    private void readAll() throws IOException {
        for (String raw = readLine(); raw != null; raw = readLine()) {
            lineNumber++;
            String line = lineNumber == 1 && raw.startsWith("\uFEFF") ? raw.substring(1).strip() : raw.strip();
            if (!line.isEmpty()) {
                readRecord(line);
            }
        }
        Section open = section;
        if (open != null) {
            if (strict) {
                throw CoverageProblems.truncated(file, lineNumber, "the record of '" + open.path
                        + "' has no end_of_record", null);
            }
            warn(lineNumber, "the record of '" + open.path + "' has no end_of_record; is the file complete? "
                    + "Its lines are counted");
            finishSection(open);
        }
        if (warnings > MAX_WARNINGS) {
            log.error(String.format(Locale.ROOT, "%s: %d more problems not shown", file, warnings - MAX_WARNINGS));
        }
        tally.addName(testName == null ? JacocoXmlReader.fileName(file) : testName);
    }

    /**
     * Returns the next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or {@code null} at
     * the end. A line longer than {@link CoverageReader#MAX_LCOV_LINE_CHARS} is refused before it is kept, so that
     * a file without line breaks cannot exhaust the memory.
     */
    @CheckForNull
    private String readLine() throws IOException {
        current.setLength(0);
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return current.length() == 0 ? null : current.toString();
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (current.length() + position - start > CoverageReader.MAX_LCOV_LINE_CHARS) {
                throw CoverageProblems.tooLarge(file, lineNumber + 1, "the line is longer than "
                        + CoverageReader.MAX_LCOV_LINE_CHARS + " characters, the limit for one LCOV line");
            }
            current.append(buffer, start, position - start);
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                return current.toString();
            }
        }
    }

    private void readRecord(final String line) {
        if ("end_of_record".equals(line)) {
            Section open = section;
            if (open == null) {
                skip(line, "end_of_record without SF record");
            }
            else {
                finishSection(open);
            }
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !isRecordName(line, colon)) {
            skip(line, "not an LCOV record");
            return;
        }
        String value = line.substring(colon + 1);
        switch (line.substring(0, colon)) {
            case "TN":
                if (testName == null && !value.isBlank()) {
                    testName = value.strip();
                }
                break;
            case "SF":
                startSection(line, value.strip());
                break;
            case "DA":
                readLineRecord(line, value);
                break;
            case "BRDA":
                readBranchRecord(line, value);
                break;
            case "LF":
                summary(line).linesFound = count(value, "LF");
                break;
            case "LH":
                summary(line).linesHit = count(value, "LH");
                break;
            case "BRF":
                summary(line).branchesFound = count(value, "BRF");
                break;
            case "BRH":
                summary(line).branchesHit = count(value, "BRH");
                break;
            default:
                if (!IGNORED_RECORDS.contains(line.substring(0, colon))) {
                    structure(line, "the record " + line.substring(0, colon) + ", which this reader does not know");
                }
                break;
        }
    }

    private void startSection(final String line, final String path) {
        Section open = section;
        if (open != null) {
            skip(line, "SF record inside the record of '" + open.path + "' (end_of_record missing)");
            finishSection(open);
        }
        if (path.isEmpty()) {
            skip(line, "SF record without a path");
            return;
        }
        section = new Section(path.replace('\\', '/'), lineNumber, tally.newTable());
    }

    private void readLineRecord(final String line, final String value) {
        Section open = section;
        if (open == null) {
            structure(line, "DA record outside of a SF record");
            return;
        }
        String[] parts = value.split(",", 3);
        if (parts.length < 2) {
            skip(line, "DA record without an execution count");
            return;
        }
        int number = Counts.parseLineNumber(parts[0], () -> "the line number of DA", file, lineNumber);
        long hits = Counts.parse(parts[1], () -> "the execution count of DA", file, lineNumber);
        open.lines.addLine(number, hits > 0);
    }

    private void readBranchRecord(final String line, final String value) {
        Section open = section;
        if (open == null) {
            structure(line, "BRDA record outside of a SF record");
            return;
        }
        String[] parts = value.split(",", -1);
        if (parts.length < 4) {
            skip(line, "BRDA record without line, block, branch and taken");
            return;
        }
        int number = Counts.parseLineNumber(parts[0], () -> "the line number of BRDA", file, lineNumber);
        String taken = parts[parts.length - 1].strip();
        boolean wasTaken = !"-".equals(taken)
                && Counts.parse(taken, () -> "the taken count of BRDA", file, lineNumber) > 0;
        open.lines.addBranch(number, wasTaken);
    }

    private Section summary(final String line) {
        Section open = section;
        if (open == null) {
            structure(line, "summary record outside of a SF record");
            return new Section("", lineNumber, new LineTable()); // checked against nothing, then dropped
        }
        return open;
    }

    private long count(final String value, final String record) {
        return Counts.parse(value, () -> "the count of " + record, file, lineNumber);
    }

    private void finishSection(final Section open) {
        section = null;
        long[] counts = open.lines.count();
        check(open, "LF", open.linesFound, counts[0] + counts[1], "lines in DA records", "DA");
        check(open, "LH", open.linesHit, counts[0], "lines with hits in DA records", "DA");
        check(open, "BRF", open.branchesFound, counts[2] + counts[3], "branches in BRDA records", "BRDA");
        check(open, "BRH", open.branchesHit, counts[2], "branches taken in BRDA records", "BRDA");
        tally.file(open.path).addAll(open.lines);
        tally.release(open.lines.bytes());
    }

    private void check(final Section open, final String record, final long declared, final long counted,
            final String what, final String source) {
        if (declared >= 0 && declared != counted) {
            warn(open.start, String.format(Locale.ROOT, "%s:%d of '%s' disagrees with its %d %s; the %s records "
                    + "are used", record, declared, open.path, counted, what, source));
        }
    }

    /**
     * Records a line that may hold coverage but cannot be counted: a problem of the report's structure, which the
     * caller logs, and which fails a strict reading.
     */
    private void structure(final String line, final String problem) {
        String quoted = line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "..." : line;
        tally.addStructureProblem(CoverageProblems.structure(file, lineNumber, problem + ": '" + quoted + "'"));
    }

    private void skip(final String line, final String problem) {
        String quoted = line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "..." : line;
        if (strict) {
            throw CoverageProblems.invalidRecord(file, lineNumber, problem + ": '" + quoted + "'");
        }
        warn(lineNumber, "skipped, " + problem + ": '" + quoted + "'");
    }

    private void warn(final int line, final String message) {
        warnings++;
        if (warnings <= MAX_WARNINGS) {
            log.error(CoverageProblems.where(file, line) + ": " + message);
        }
    }

    private static boolean isRecordName(final String line, final int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if ((c < 'A' || c > 'Z') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** One SF ... end_of_record record. */
    private static final class Section {
        private final String path;
        private final int start;
        private final LineTable lines;
        private long linesFound = -1;
        private long linesHit = -1;
        private long branchesFound = -1;
        private long branchesHit = -1;

        Section(final String path, final int start, final LineTable lines) {
            this.path = path;
            this.start = start;
            this.lines = lines;
        }
    }
}
