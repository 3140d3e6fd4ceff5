package io.lotabots.report.junit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.util.LogSink;

import java.util.Locale;
import java.util.OptionalLong;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one report from a StAX reader, element by element, into a {@link JUnitReportCollector}. Passing test cases
 * are counted and forgotten; text (failure messages, stack traces) is read in chunks into {@link FirstLines}, and
 * {@code <system-out>}, {@code <properties>} and every element it does not know are skipped unread. One instance
 * reads one file.
 */
final class JUnitXmlReader {
    /** No tool nests suites this deep; a document that does is broken or hostile. */
    static final int MAX_SUITE_DEPTH = 100;
    /** The most warnings about one file that are logged one by one; the rest are counted. */
    static final int MAX_WARNINGS = 10;

    private static final int MAX_VALUE_IN_WARNING = 40;
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final String file;
    private final LogSink log;
    private final JUnitReportCollector collector = new JUnitReportCollector();
    private boolean rootSeen;
    private int warnings;

    JUnitXmlReader(final String file, final LogSink log) {
        this.file = file;
        this.log = log;
    }

    /**
     * Returns whether the reader got as far as the root element, so that a later error is one in an XML document
     * rather than a sign that the file is not XML at all.
     *
     * @return {@code true} once the root element was read
     */
    boolean isRootSeen() {
        return rootSeen;
    }

    /**
     * Reads the document to its end.
     *
     * @param xml the reader, positioned at the start of the document
     * @return the summary of the document
     * @throws XMLStreamException if the document is not well-formed
     */
    JUnitReport read(final XMLStreamReader xml) throws XMLStreamException {
        String root = readRoot(xml);
        switch (root) {
            case "testsuites" -> readTestSuites(xml);
            case "testsuite" -> readSuite(xml, 1);
            case "assemblies" -> readAssemblies(xml);
            case "assembly" -> readAssembly(xml);
            case "failsafe-summary" -> {
                log.info("Skipped '" + file + "': it is a Failsafe summary, not a test report; the TEST-*.xml files"
                        + " next to it hold the results");
                collector.addIgnoredFile(file);
                return collector.toReport();
            }
            default -> throw JUnitReportErrors.notAReport(file, root, line(xml));
        }
        while (xml.hasNext()) {
            xml.next();
        }
        if (warnings > MAX_WARNINGS) {
            log.error("JUnit report '" + file + "': " + (warnings - MAX_WARNINGS) + " more warnings not shown");
        }
        collector.addFile(file);
        return collector.toReport();
    }

    private String readRoot(final XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw JUnitReportErrors.doctype(file, line(xml));
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                rootSeen = true;
                return xml.getLocalName();
            }
        }
        throw new XMLStreamException("no root element", xml.getLocation());
    }

    private void readTestSuites(final XMLStreamReader xml) throws XMLStreamException {
        readTestSuites(xml, 1);
    }

    /**
     * Reads a {@code <testsuites>} element. Tools nest them (a {@code <testsuites>} per module inside the report's
     * own); the JUnit plugin reads every suite at any depth, and so does this reader.
     */
    private void readTestSuites(final XMLStreamReader xml, final int depth) throws XMLStreamException {
        if (depth > MAX_SUITE_DEPTH) {
            throw JUnitReportErrors.tooDeep(file, line(xml), MAX_SUITE_DEPTH);
        }
        SuiteFrame root = new SuiteFrame(attribute(xml, "name"), OptionalLong.empty());
        while (nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "testsuite" -> readSuite(xml, depth);
                case "testsuites" -> readTestSuites(xml, depth + 1);
                case "testcase" -> readTestCase(xml, root);
                default -> skipUnknown(xml, "testsuites");
            }
        }
        if (root.tests > 0) {
            collector.addSuite(root.toSuite(file));
        }
    }

    private void readSuite(final XMLStreamReader xml, final int depth) throws XMLStreamException {
        if (depth > MAX_SUITE_DEPTH) {
            throw JUnitReportErrors.tooDeep(file, line(xml), MAX_SUITE_DEPTH);
        }
        SuiteFrame suite = new SuiteFrame(attribute(xml, "name"), time(xml, "testsuite"));
        while (nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "testcase" -> readTestCase(xml, suite);
                case "testsuite" -> {
                    suite.nested = true;
                    readSuite(xml, depth + 1);
                }
                default -> skipUnknown(xml, "testsuite");
            }
        }
        if (suite.tests > 0 || !suite.nested) {
            collector.addSuite(suite.toSuite(file));
        }
    }

    private void readTestCase(final XMLStreamReader xml, final SuiteFrame suite) throws XMLStreamException {
        String name = attribute(xml, "name");
        String className = attribute(xml, "classname");
        if (className.isEmpty()) {
            className = attribute(xml, "class");
        }
        long micros = time(xml, "testcase").orElse(0);
        JUnitTestStatus status = JUnitTestStatus.PASSED;
        Problem failure = null;
        Problem firstFlakyRun = null;
        int reruns = 0;
        while (nextChild(xml)) {
            String element = xml.getLocalName();
            switch (element) {
                case "failure", "error" -> {
                    if (failure == null) {
                        status = "failure".equals(element) ? JUnitTestStatus.FAILED : JUnitTestStatus.ERROR;
                        failure = collector.keepsMoreFailures() ? readProblem(xml) : skipProblem(xml);
                    }
                    else {
                        skipElement(xml);
                    }
                }
                case "skipped" -> {
                    if (failure == null) {
                        status = JUnitTestStatus.SKIPPED;
                    }
                    skipElement(xml);
                }
                case "flakyFailure", "flakyError" -> {
                    reruns++;
                    if (firstFlakyRun == null) {
                        firstFlakyRun = collector.keepsMoreFlakyTests() ? readProblem(xml) : skipProblem(xml);
                    }
                    else {
                        skipElement(xml);
                    }
                }
                case "rerunFailure", "rerunError" -> {
                    reruns++;
                    skipElement(xml);
                }
                default -> skipElement(xml);
            }
        }
        boolean flaky = status == JUnitTestStatus.PASSED && firstFlakyRun != null;
        Problem shown = status.isFailure() ? failure : firstFlakyRun;
        add(suite, className, name, micros, status, flaky, reruns, flaky || status.isFailure() ? shown : null);
    }

    private Problem readProblem(final XMLStreamReader xml) throws XMLStreamException {
        Problem problem = new Problem(attribute(xml, "type"));
        problem.message.append(attribute(xml, "message"));
        readText(xml, problem.details);
        return problem;
    }

    /** Skips a problem that will only be counted, because the report already keeps as many as it may. */
    private static Problem skipProblem(final XMLStreamReader xml) throws XMLStreamException {
        skipElement(xml);
        return new Problem("");
    }

    private void readAssemblies(final XMLStreamReader xml) throws XMLStreamException {
        while (nextChild(xml)) {
            if ("assembly".equals(xml.getLocalName())) {
                readAssembly(xml);
            }
            else {
                skipUnknown(xml, "assemblies");
            }
        }
    }

    private void readAssembly(final XMLStreamReader xml) throws XMLStreamException {
        String assembly = attribute(xml, "name");
        while (nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "collection" -> readCollection(xml);
                case "errors" -> readXunitErrors(xml, assembly);
                default -> skipUnknown(xml, "assembly");
            }
        }
    }

    private void readCollection(final XMLStreamReader xml) throws XMLStreamException {
        SuiteFrame collection = new SuiteFrame(attribute(xml, "name"), time(xml, "collection"));
        while (nextChild(xml)) {
            if ("test".equals(xml.getLocalName())) {
                readXunitTest(xml, collection);
            }
            else {
                skipUnknown(xml, "collection");
            }
        }
        collector.addSuite(collection.toSuite(file));
    }

    private void readXunitTest(final XMLStreamReader xml, final SuiteFrame collection) throws XMLStreamException {
        String type = attribute(xml, "type");
        String name = attribute(xml, "name");
        if (!type.isEmpty() && name.startsWith(type + ".")) {
            name = name.substring(type.length() + 1);
        }
        long micros = time(xml, "test").orElse(0);
        String result = attribute(xml, "result");
        JUnitTestStatus status = switch (result.toLowerCase(Locale.ROOT)) {
            case "pass" -> JUnitTestStatus.PASSED;
            case "fail" -> JUnitTestStatus.FAILED;
            case "skip", "notrun" -> JUnitTestStatus.SKIPPED;
            default -> {
                warn(xml, "result=\"" + abbreviate(result) + "\" of <test> is not Pass, Fail or Skip; counted as an"
                        + " error");
                yield JUnitTestStatus.ERROR;
            }
        };
        Problem failure = new Problem("");
        while (nextChild(xml)) {
            if ("failure".equals(xml.getLocalName())) {
                failure = readXunitFailure(xml);
            }
            else {
                skipElement(xml);
            }
        }
        add(collection, type, name, micros, status, false, 0, status.isFailure() ? failure : null);
    }

    private void readXunitErrors(final XMLStreamReader xml, final String assembly) throws XMLStreamException {
        SuiteFrame errors = new SuiteFrame(assembly, OptionalLong.empty());
        while (nextChild(xml)) {
            if ("error".equals(xml.getLocalName())) {
                String kind = attribute(xml, "type");
                String name = attribute(xml, "name");
                Problem failure = new Problem("");
                while (nextChild(xml)) {
                    if ("failure".equals(xml.getLocalName())) {
                        failure = readXunitFailure(xml);
                    }
                    else {
                        skipElement(xml);
                    }
                }
                add(errors, name, kind, 0, JUnitTestStatus.ERROR, false, 0, failure);
            }
            else {
                skipElement(xml);
            }
        }
        if (errors.tests > 0) {
            collector.addSuite(errors.toSuite(file));
        }
    }

    private Problem readXunitFailure(final XMLStreamReader xml) throws XMLStreamException {
        Problem failure = new Problem(attribute(xml, "exception-type"));
        while (nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "message" -> readText(xml, failure.message);
                case "stack-trace" -> readText(xml, failure.details);
                default -> skipElement(xml);
            }
        }
        return failure;
    }

    /**
     * Counts a test case in its suite and in the report, and keeps it if it comes with a problem to show.
     */
    private void add(final SuiteFrame suite, final String className, final String name, final long micros,
            final JUnitTestStatus status, final boolean flaky, final int reruns, @CheckForNull final Problem problem) {
        suite.count(status, micros);
        if (problem == null) {
            collector.count(status, micros, reruns);
        }
        else {
            collector.add(new JUnitTestCase(suite.name, className, name, file, micros / MICROS_PER_SECOND, status,
                    flaky, reruns, problem.type, problem.message.toString(), problem.details.toString()), micros);
        }
    }

    private OptionalLong time(final XMLStreamReader xml, final String element) {
        String value = attribute(xml, "time");
        if (value.isBlank()) {
            return OptionalLong.empty();
        }
        OptionalLong micros = TimeAttribute.parseMicros(value);
        if (micros.isEmpty()) {
            warn(xml, "time=\"" + abbreviate(value) + "\" of <" + element + "> is not a number of seconds; counted"
                    + " as 0");
        }
        return micros;
    }

    private void warn(final XMLStreamReader xml, final String problem) {
        warnings++;
        if (warnings <= MAX_WARNINGS) {
            log.error("JUnit report '" + file + "' line " + line(xml) + ": " + problem);
        }
    }

    private static String abbreviate(final String value) {
        return value.length() <= MAX_VALUE_IN_WARNING ? value : value.substring(0, MAX_VALUE_IN_WARNING) + "...";
    }

    /**
     * Returns an attribute of the current start element by its name as written, whatever the reader's namespace
     * handling.
     */
    private static String attribute(final XMLStreamReader xml, final String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (name.equals(xml.getAttributeLocalName(i))) {
                return xml.getAttributeValue(i);
            }
        }
        return "";
    }

    /**
     * Moves to the next child of the current element.
     *
     * @return {@code true} at the child's start tag, {@code false} at the current element's end tag
     */
    private static boolean nextChild(final XMLStreamReader xml) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /**
     * Skips an element the reader does not read ({@code <properties>}, {@code <system-out>}, a tool's own data), but
     * not silently when it holds tests: a {@code <testcase>}, {@code <testsuite>} or {@code <testsuites>} inside it
     * would be dropped from the counts, so that is recorded as a problem of the report's structure, with its line.
     */
    private void skipUnknown(final XMLStreamReader xml, final String parent) throws XMLStreamException {
        String element = xml.getLocalName();
        int depth = 1;
        int hidden = 0;
        int firstLine = -1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if ("testcase".equals(name) || "testsuite".equals(name) || "testsuites".equals(name)
                        || "test".equals(name)) {
                    hidden++;
                    firstLine = firstLine < 0 ? line(xml) : firstLine;
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (hidden > 0) {
            String problem = "JUnit report '" + file + "' line " + firstLine + ": " + hidden + " test element"
                    + (hidden == 1 ? "" : "s") + " inside <" + abbreviate(element) + "> in <" + parent
                    + ">, a structure this reader does not know; those tests are not counted. Write the tests as"
                    + " <testcase> elements of a <testsuite>.";
            warnings++;
            log.error(problem);
            collector.addStructureProblem(problem);
        }
    }

    /** Moves to the end tag of the current element without looking at its content. */
    private static void skipElement(final XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /**
     * Moves to the end tag of the current element and keeps the first lines of its text, including the text of
     * children such as Surefire's {@code <stackTrace>}, but not of captured output.
     */
    private static void readText(final XMLStreamReader xml, final FirstLines text) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String element = xml.getLocalName();
                if ("system-out".equals(element) || "system-err".equals(element)) {
                    skipElement(xml);
                }
                else {
                    depth++;
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
        }
    }

    private static int line(final XMLStreamReader xml) {
        Location location = xml.getLocation();
        return location == null ? -1 : location.getLineNumber();
    }

    /** A failure, error or failed run: its exception type and the first lines of its message and text. */
    private static final class Problem {
        private final String type;
        private final FirstLines message = new FirstLines();
        private final FirstLines details = new FirstLines();

        Problem(final String type) {
            this.type = type;
        }
    }

    /** The counts of the suite being read. */
    private static final class SuiteFrame {
        private final String name;
        private final OptionalLong declaredMicros;
        private int tests;
        private int failed;
        private int errors;
        private int skipped;
        private long micros;
        private boolean nested;

        SuiteFrame(final String name, final OptionalLong declaredMicros) {
            this.name = name;
            this.declaredMicros = declaredMicros;
        }

        void count(final JUnitTestStatus status, final long testMicros) {
            tests++;
            micros += testMicros;
            switch (status) {
                case FAILED -> failed++;
                case ERROR -> errors++;
                case SKIPPED -> skipped++;
                default -> {
                    // passed
                }
            }
        }

        JUnitSuite toSuite(final String file) {
            return new JUnitSuite(name, file, tests, failed, errors, skipped,
                    declaredMicros.orElse(micros) / MICROS_PER_SECOND);
        }
    }
}
