package io.lotabots.bot.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Criticality;
import io.lotabots.bot.GateResult;
import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.ProcessingMode;
import io.lotabots.error.LotaBotsException;
import io.lotabots.git.JGitInfo;
import io.lotabots.message.Message;
import io.lotabots.message.TestCompleted;
import io.lotabots.message.TestCounts;
import io.lotabots.report.coverage.CoverageCounter;
import io.lotabots.report.coverage.CoverageReader;
import io.lotabots.report.coverage.CoverageSummary;
import io.lotabots.report.junit.JUnitReport;
import io.lotabots.report.junit.JUnitReportParser;
import io.lotabots.report.junit.JUnitSuite;
import io.lotabots.report.junit.JUnitTestCase;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JUnit XML and coverage reports a build wrote, keeps those of the requested scope, classifies each suite
 * as unit, integration or end-to-end, applies the gates (most failed tests, least line and branch coverage, each
 * with its criticality) and publishes {@code test.completed}. An unreadable report is skipped and named in the
 * result in lenient mode (the run becomes UNSTABLE), and fails the run in strict mode.
 */
public final class TestBot implements Bot<TestRequest, TestResult> {
    private static final int MAX_FAILURES_SHOWN = 10;

    private final JUnitReportParser parser = new JUnitReportParser();

    @Override
    public BotDescriptor<TestRequest> getDescriptor() {
        return TestBotDescriptor.get();
    }

    @Override
    public TestResult run(final TestRequest request, final BotContext context) {
        EngineLog log = new EngineLog("Problems while reading test reports:");
        LogSink sink = log.and(context.getLog());
        Path workspace = context.getWorkspace();
        boolean strict = context.getMode() == ProcessingMode.STRICT;

        ReportSearch.Found selection = ReportSearch.find(workspace, request.junit(), request.excludes());
        selection.skipped().forEach(skipped -> sink.info("Skipped " + skipped.path() + ": " + skipped.reason()));
        List<Path> reports = inScope(request, context, selection, sink);
        sink.info(String.format(Locale.ROOT, "Reading %d test report%s (patterns %s, scope %s)", reports.size(),
                reports.size() == 1 ? "" : "s", String.join(",", request.junit()),
                request.scope().name().toLowerCase(Locale.ROOT)));

        NamePatterns integration = new NamePatterns(request.integrationPatterns());
        NamePatterns e2e = new NamePatterns(request.e2ePatterns());
        NamePatterns scopePatterns = switch (request.scope()) {
            case SECURITY -> new NamePatterns(request.securityPatterns());
            case SMOKE -> new NamePatterns(request.smokePatterns());
            default -> null;
        };
        TestTally overall = new TestTally();
        Map<TestKind, TestTally> byKind = new EnumMap<>(TestKind.class);
        List<JUnitTestCase> failures = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int flaky = 0;
        for (Path report : reports) {
            Path relative = workspace.relativize(report);
            JUnitReport parsed;
            try {
                parsed = parser.parse(report, sink);
            }
            catch (LotaBotsException e) {
                if (strict) {
                    throw e;
                }
                unreadable.add(relative + ": " + e.getMessage());
                sink.error("Skipped unreadable report " + e.getMessage());
                continue;
            }
            unreadable.addAll(parsed.getStructureProblems());
            Set<String> keptSuites = new LinkedHashSet<>();
            for (JUnitSuite suite : parsed.getSuites()) {
                if (scopePatterns != null && !scopePatterns.matches(relative, suite.name())) {
                    continue;
                }
                keptSuites.add(suite.name());
                overall.add(suite);
                TestKind kind = e2e.matches(relative, suite.name()) ? TestKind.E2E
                        : integration.matches(relative, suite.name()) ? TestKind.INTEGRATION : TestKind.UNIT;
                byKind.computeIfAbsent(kind, any -> new TestTally()).add(suite);
            }
            if (parsed.getSuitesNotKept() > 0) {
                sink.error(relative + " has more than " + JUnitReport.MAX_KEPT_SUITES + " suites; only the first "
                        + JUnitReport.MAX_KEPT_SUITES + " are counted");
            }
            for (JUnitTestCase failure : parsed.getFailures()) {
                if (keptSuites.contains(failure.suiteName()) || scopePatterns == null) {
                    // named by the report's path in the workspace, as the log names it
                    failures.add(new JUnitTestCase(failure.suiteName(), failure.className(), failure.testName(),
                            relative.toString().replace('\\', '/'), failure.duration(), failure.status(),
                            failure.flaky(), failure.reruns(), failure.failureType(), failure.message(),
                            failure.details()));
                }
            }
            flaky += scopePatterns == null ? parsed.getFlaky() : (int) parsed.getFlakyTests().stream()
                    .filter(test -> keptSuites.contains(test.suiteName())).count();
        }
        if (strict && log.hasErrors()) {
            throw LotaBotsException.of(TestErrorCode.REPORT_UNREADABLE, "A test report has problems (strict mode): "
                    + log.getErrorLines().get(0));
        }
        CoverageSummary coverage = readCoverage(request, workspace, strict, sink, unreadable);

        List<GateResult> gates = gates(request, overall, coverage, context);
        BotStatus status = BotStatus.SUCCESS;
        String deciding = null;
        for (GateResult gate : gates) {
            if (!gate.passed()) {
                BotStatus gateStatus = gate.criticality().toStatus();
                if (deciding == null || gateStatus.compareTo(status) > 0) {
                    deciding = gate.gate();
                }
                status = status.worse(gateStatus);
                sink.error("Gate " + shown(gate.gate(), context) + " failed: " + gate.detail() + " => "
                        + gate.criticality());
            }
            else {
                sink.info("Gate " + shown(gate.gate(), context) + " passed: " + gate.detail());
            }
        }
        if (!unreadable.isEmpty()) {
            status = status.worse(BotStatus.UNSTABLE);
            deciding = deciding == null ? "unreadableReports" : deciding;
        }
        failures.stream().limit(MAX_FAILURES_SHOWN).forEach(failure -> sink.error("Failed: "
                + failure.className() + (failure.className().isEmpty() ? "" : ".") + failure.testName()
                + (failure.firstLine().isEmpty() ? "" : ": " + failure.firstLine())));

        Double linePercent = coverage == null ? null : round(coverage.getLines().getPercentage());
        Double branchPercent = coverage == null ? null
                : coverage.getBranches().map(CoverageCounter::getPercentage).map(TestBot::round).orElse(null);
        TestCounts totals = overall.toCounts();
        Map<String, TestCounts> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, tally) -> kinds.put(kind.key(), tally.toCounts()));
        String summary = summary(totals, flaky, linePercent, status,
                deciding == null ? null : shown(deciding, context));
        TestCompleted payload = new TestCompleted(totals.total(), totals.passed(), totals.failed(),
                totals.skipped(), flaky, linePercent, branchPercent, round(overall.duration()), kinds,
                status == BotStatus.SUCCESS ? "pass" : status == BotStatus.UNSTABLE ? "unstable" : "fail",
                deciding);
        Message message = context.publish(TestBotDescriptor.NAME, payload);
        return new TestResult(status, summary, log, List.of(message), totals, flaky, round(overall.duration()),
                kinds, linePercent, branchPercent, gates, deciding, failures, unreadable, reports.size());
    }

    private List<Path> inScope(final TestRequest request, final BotContext context,
            final ReportSearch.Found selection, final LogSink sink) {
        if (request.scope() != TestScope.AFFECTED) {
            return selection.files();
        }
        String since = request.since();
        if (since == null || since.isBlank()) {
            throw LotaBotsException.of(TestErrorCode.INVALID_SCOPE, "The affected scope compares with a git"
                    + " reference: give 'since', for example --since origin/main or since: 'HEAD~1'.");
        }
        Path workspace = context.getWorkspace();
        JGitInfo git = JGitInfo.open(workspace, context::getVariable);
        Path repositoryRoot = git.getGitDir().toAbsolutePath().normalize().getParent();
        Set<Path> changed = new LinkedHashSet<>();
        for (String file : git.getChangedFilesSince(since)) {
            Path absolute = repositoryRoot == null ? workspace.resolve(file) : repositoryRoot.resolve(file);
            if (absolute.normalize().startsWith(workspace)) {
                changed.add(workspace.relativize(absolute.normalize()));
            }
        }
        MavenReactor reactor = MavenReactor.read(workspace);
        Set<Path> modules = reactor == null ? folders(changed) : reactor.affectedModules(changed);
        sink.info(changed.size() + " files changed since " + since + "; affected "
                + (reactor == null ? "folders" : "modules") + ": " + (modules.isEmpty() ? "none" : modules));
        List<Path> kept = new ArrayList<>();
        for (Path report : selection.files()) {
            Path relative = workspace.relativize(report);
            if (modules.stream().anyMatch(module -> module.toString().isEmpty() || relative.startsWith(module))) {
                kept.add(report);
            }
        }
        return kept;
    }

    private static Set<Path> folders(final Set<Path> changed) {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path file : changed) {
            Path top = file.getNameCount() > 1 ? file.getName(0) : Path.of("");
            folders.add(top);
        }
        return folders;
    }

    @CheckForNull
    private static CoverageSummary readCoverage(final TestRequest request, final Path workspace,
            final boolean strict, final LogSink sink, final List<String> unreadable) {
        if (request.coverage().isEmpty()) {
            return null;
        }
        List<Path> files = ReportSearch.find(workspace, request.coverage(), List.of()).files();
        if (files.isEmpty()) {
            sink.info("No coverage report matches " + String.join(",", request.coverage()) + " outside test"
                    + " fixtures (" + ReportSearch.FIXTURES_TEXT + " are left out unless a pattern names them)");
            return null;
        }
        CoverageReader reader = strict ? CoverageReader.strict() : CoverageReader.lenient();
        CoverageSummary total = null;
        for (Path file : files) {
            try {
                CoverageSummary summary = reader.read(file, sink);
                unreadable.addAll(summary.getStructureProblems());
                total = total == null ? summary : total.merge(summary);
            }
            catch (LotaBotsException e) {
                if (strict) {
                    throw e;
                }
                unreadable.add(workspace.relativize(file) + ": " + e.getMessage());
                sink.error("Skipped unreadable coverage report " + e.getMessage());
            }
        }
        if (total != null) {
            sink.info(String.format(Locale.ROOT, "Coverage of %d report%s: lines %.1f%%%s", files.size(),
                    files.size() == 1 ? "" : "s", total.getLines().getPercentage(), total.getBranches()
                            .map(branches -> String.format(Locale.ROOT, ", branches %.1f%%",
                                    branches.getPercentage())).orElse("")));
        }
        return total;
    }

    /** A gate named after its option, as the front-end's user writes it: minCoverage, or --min-coverage. */
    private static String shown(final String gate, final BotContext context) {
        return TestBotDescriptor.get().findOption(gate).map(context::nameOf).orElse(gate);
    }

    private static List<GateResult> gates(final TestRequest request, final TestTally overall,
            @CheckForNull final CoverageSummary coverage, final BotContext context) {
        List<GateResult> gates = new ArrayList<>();
        if (overall.total() == 0) {
            gates.add(new GateResult("allowEmpty", request.allowEmpty(), Criticality.FAILURE,
                    request.allowEmpty() ? "no test results, allowed" : "no test results found for "
                            + String.join(",", request.junit()) + " outside test fixtures ("
                            + ReportSearch.FIXTURES_TEXT + " are left out unless a pattern names them); set"
                            + " " + context.nameOf(TestBotDescriptor.ALLOW_EMPTY) + " to accept that"));
        }
        gates.add(new GateResult("maxFailures", overall.failed() <= request.maxFailures(),
                request.failureCriticality(), overall.failed() + " failed tests, at most " + request.maxFailures()
                        + " allowed"));
        Double minCoverage = request.minCoverage();
        if (minCoverage != null) {
            gates.add(coverageGate("minCoverage", "line", minCoverage, coverage == null ? null
                    : coverage.getLines(), request.coverageCriticality()));
        }
        Double minBranchCoverage = request.minBranchCoverage();
        if (minBranchCoverage != null) {
            gates.add(coverageGate("minBranchCoverage", "branch", minBranchCoverage, coverage == null ? null
                    : coverage.getBranches().orElse(null), request.coverageCriticality()));
        }
        return gates;
    }

    private static GateResult coverageGate(final String name, final String metric, final double minimum,
            @CheckForNull final CoverageCounter counter, final Criticality criticality) {
        if (counter == null) {
            return new GateResult(name, false, criticality, "no " + metric + " coverage was reported, "
                    + String.format(Locale.ROOT, "%.1f%%", minimum) + " required; give coverage reports");
        }
        double actual = counter.getPercentage();
        return new GateResult(name, actual >= minimum, criticality, String.format(Locale.ROOT,
                "%s coverage %.1f%% (%d of %d), at least %.1f%% required", metric, actual, counter.getCovered(),
                counter.getTotal(), minimum));
    }

    private static String summary(final TestCounts totals, final int flaky, @CheckForNull final Double coverage,
            final BotStatus status, @CheckForNull final String deciding) {
        StringBuilder text = new StringBuilder();
        text.append(totals.total()).append(" tests, ").append(totals.passed()).append(" passed, ")
                .append(totals.failed()).append(" failed, ").append(totals.skipped()).append(" skipped");
        if (flaky > 0) {
            text.append(", ").append(flaky).append(" flaky");
        }
        if (coverage != null) {
            text.append(String.format(Locale.ROOT, "; coverage %.1f%%", coverage));
        }
        text.append("; ").append(status);
        if (deciding != null) {
            text.append(" (").append(deciding).append(')');
        }
        return text.toString();
    }

    private static double round(final double value) {
        return Math.round(value * 100) / 100.0;
    }
}
