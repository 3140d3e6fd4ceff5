package io.lotabots.report.junit;

import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Creates the exceptions of this package. Each message names the report, the line where that helps, and what to
 * do.
 */
final class JUnitReportErrors {
    private JUnitReportErrors() {
    }

    static LotaBotsException notReadable(final String file, final IOException cause) {
        String reason = cause instanceof NoSuchFileException ? "the file does not exist" : cause.toString();
        return LotaBotsException.of(JUnitErrorCode.FILE_NOT_READABLE, "Cannot read JUnit report '" + file + "': "
                + reason + ". Check the path and the file pattern.", cause);
    }

    static LotaBotsException directory(final String file) {
        return LotaBotsException.of(JUnitErrorCode.FILE_NOT_READABLE, "Cannot read JUnit report '" + file
                + "': it is a directory. Give a pattern that matches the XML files, for example"
                + " 'target/surefire-reports/TEST-*.xml'.");
    }

    static LotaBotsException ioFailure(final String file, final IOException cause) {
        return LotaBotsException.of(JUnitErrorCode.IO_FAILURE, "Cannot read JUnit report '" + file + "': " + cause
                + ". Check the disk or network share that holds it.", cause);
    }

    static LotaBotsException empty(final String file) {
        return LotaBotsException.of(JUnitErrorCode.EMPTY_FILE, cannotParse(file) + "the file is empty. Did the test"
                + " run finish writing it?");
    }

    static LotaBotsException truncated(final String file, final int line, final Throwable cause) {
        return LotaBotsException.of(JUnitErrorCode.TRUNCATED, cannotParse(file) + "unexpected end of file at line "
                + line + ". Is the file complete?", cause);
    }

    static LotaBotsException notXml(final String file, final int line, final String detail, final Throwable cause) {
        return LotaBotsException.of(JUnitErrorCode.NOT_XML, cannotParse(file) + "it is not an XML file (line " + line
                + ": " + detail + "). Check that the file pattern matches only JUnit XML reports.", cause);
    }

    static LotaBotsException malformed(final String file, final int line, final String detail,
            final Throwable cause) {
        return LotaBotsException.of(JUnitErrorCode.MALFORMED_XML, cannotParse(file) + "malformed XML at line " + line
                + ": " + detail + ". Fix the tool that wrote the report, or exclude the file.", cause);
    }

    static LotaBotsException notAReport(final String file, final String root, final int line) {
        return LotaBotsException.of(JUnitErrorCode.NOT_A_JUNIT_REPORT, cannotParse(file)
                + "it is not a JUnit report: root element <" + root + "> at line " + line + ", expected <testsuites>,"
                + " <testsuite> or xUnit's <assemblies>. Check that the file pattern matches only test reports.");
    }

    static LotaBotsException doctype(final String file, final int line) {
        return LotaBotsException.of(JUnitErrorCode.DOCTYPE_REFUSED, cannotParse(file) + "it has a DOCTYPE declaration"
                + " at line " + line + ". DTDs and entities are refused because they can read local files (XXE) or"
                + " exhaust memory (billion laughs), and no test tool writes one. Remove the DOCTYPE or exclude the"
                + " file.");
    }

    static LotaBotsException tooDeep(final String file, final int line, final int maxDepth) {
        return LotaBotsException.of(JUnitErrorCode.SUITES_TOO_DEEP, cannotParse(file) + "test suites are nested more"
                + " than " + maxDepth + " levels deep at line " + line + ". Check the tool that wrote the report.");
    }

    private static String cannotParse(final String file) {
        return "Cannot parse JUnit report '" + file + "': ";
    }
}
