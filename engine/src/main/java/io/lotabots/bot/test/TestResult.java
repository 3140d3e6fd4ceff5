package io.lotabots.bot.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.GateResult;
import io.lotabots.message.Message;
import io.lotabots.message.TestCounts;
import io.lotabots.report.junit.JUnitTestCase;
import io.lotabots.util.EngineLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a TestBot run found: totals overall and per kind, coverage, the gates and which one decided, the failed
 * tests' first lines, and the reports that could not be read.
 */
public final class TestResult extends AbstractBotResult {
    /** The most failed tests listed in the outputs; the log and the reports have them all. */
    static final int MAX_FAILURES_SHOWN = 20;
    private static final int MAX_MESSAGE_CHARS = 300;

    private final TestCounts totals;
    private final int flaky;
    private final double duration;
    private final Map<String, TestCounts> byKind;
    @CheckForNull
    private final Double coverage;
    @CheckForNull
    private final Double branchCoverage;
    private final List<GateResult> gates;
    @CheckForNull
    private final String decidingGate;
    private final List<JUnitTestCase> failures;
    private final List<String> unreadableReports;
    private final int reports;

    @SuppressWarnings("checkstyle:ParameterNumber")
    TestResult(final BotStatus status, final String summary, final EngineLog log, final List<Message> messages,
            final TestCounts totals, final int flaky, final double duration, final Map<String, TestCounts> byKind,
            @CheckForNull final Double coverage, @CheckForNull final Double branchCoverage,
            final List<GateResult> gates, @CheckForNull final String decidingGate,
            final List<JUnitTestCase> failures, final List<String> unreadableReports, final int reports) {
        super(status, summary, log, messages);
        this.totals = totals;
        this.flaky = flaky;
        this.duration = duration;
        this.byKind = Map.copyOf(byKind);
        this.coverage = coverage;
        this.branchCoverage = branchCoverage;
        this.gates = List.copyOf(gates);
        this.decidingGate = decidingGate;
        this.failures = List.copyOf(failures);
        this.unreadableReports = List.copyOf(unreadableReports);
        this.reports = reports;
    }

    /**
     * Returns the totals of the counted results.
     *
     * @return total, passed, failed (failures and errors) and skipped tests
     */
    public TestCounts getTotals() {
        return totals;
    }

    /**
     * Returns how many tests passed only on a rerun.
     *
     * @return the flaky tests
     */
    public int getFlaky() {
        return flaky;
    }

    /**
     * Returns the sum of the test durations.
     *
     * @return seconds
     */
    public double getDuration() {
        return duration;
    }

    /**
     * Returns the totals per kind: {@code unit}, {@code integration}, {@code e2e}.
     *
     * @return the totals of the kinds that have tests
     */
    public Map<String, TestCounts> getByKind() {
        return byKind;
    }

    /**
     * Returns the line coverage.
     *
     * @return percent, or empty without coverage reports
     */
    public Optional<Double> getCoverage() {
        return Optional.ofNullable(coverage);
    }

    /**
     * Returns the branch coverage.
     *
     * @return percent, or empty without branch data
     */
    public Optional<Double> getBranchCoverage() {
        return Optional.ofNullable(branchCoverage);
    }

    /**
     * Returns every gate that was applied.
     *
     * @return the gates
     */
    public List<GateResult> getGates() {
        return gates;
    }

    /**
     * Returns the gate that decided a status other than SUCCESS.
     *
     * @return the gate, such as {@code maxFailures} or {@code minCoverage}
     */
    public Optional<String> getDecidingGate() {
        return Optional.ofNullable(decidingGate);
    }

    /**
     * Returns the failed tests with the first lines of their messages (at most 1,000).
     *
     * @return the failures
     */
    public List<JUnitTestCase> getFailures() {
        return failures;
    }

    /**
     * Returns the reports that could not be read, each with the reason, in lenient mode.
     *
     * @return one line per report
     */
    public List<String> getUnreadableReports() {
        return unreadableReports;
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("status", getStatus().name());
        outputs.put("total", totals.total());
        outputs.put("passed", totals.passed());
        outputs.put("failed", java.util.Objects.requireNonNullElse(totals.failed(), 0));
        outputs.put("skipped", java.util.Objects.requireNonNullElse(totals.skipped(), 0));
        outputs.put("flaky", flaky);
        outputs.put("duration", duration);
        outputs.put("reports", reports);
        if (coverage != null) {
            outputs.put("coverage", coverage);
        }
        if (branchCoverage != null) {
            outputs.put("branchCoverage", branchCoverage);
        }
        if (decidingGate != null) {
            outputs.put("gate", decidingGate);
        }
        Map<String, Object> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, counts) -> kinds.put(kind, Map.of("total", counts.total(), "passed", counts.passed(),
                "failed", java.util.Objects.requireNonNullElse(counts.failed(), 0))));
        outputs.put("byKind", kinds);
        outputs.put("failures", failures.stream().limit(MAX_FAILURES_SHOWN).map(failure -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("test", failure.className() + "." + failure.testName());
            one.put("status", failure.status().name());
            one.put("message", failure.message().length() > MAX_MESSAGE_CHARS
                    ? failure.message().substring(0, MAX_MESSAGE_CHARS) + "…" : failure.message());
            one.put("file", failure.file());
            return one;
        }).toList());
        return outputs;
    }
}
