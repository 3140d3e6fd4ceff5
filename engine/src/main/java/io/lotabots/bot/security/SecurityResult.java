package io.lotabots.bot.security;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.GateResult;
import io.lotabots.bot.security.policy.AssessedFinding;
import io.lotabots.bot.security.policy.PolicyOutcome;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * What SecurityBot found and decided: the assessed findings, the gate, the SARIF report, the inputs it could not
 * read; in CVE alert mode, the verdict.
 */
public final class SecurityResult extends AbstractBotResult {
    @CheckForNull
    private final PolicyOutcome outcome;
    @CheckForNull
    private final String sarif;
    private final List<String> problems;
    private final Map<String, Object> extra;

    SecurityResult(final BotStatus status, final String summary, final EngineLog log, final List<Message> messages,
            @CheckForNull final PolicyOutcome outcome, @CheckForNull final String sarif, final List<String> problems,
            final Map<String, Object> extra) {
        super(status, summary, log, messages);
        this.outcome = outcome;
        this.sarif = sarif;
        this.problems = List.copyOf(problems);
        this.extra = Map.copyOf(extra);
    }

    /**
     * Returns the policy's outcome: every finding assessed, counts, the gate.
     *
     * @return the outcome, or empty in CVE alert mode
     */
    public Optional<PolicyOutcome> getOutcome() {
        return Optional.ofNullable(outcome);
    }

    /**
     * Returns the findings that count.
     *
     * @return the findings
     */
    public List<AssessedFinding> getCountingFindings() {
        return outcome == null ? List.of() : outcome.findings().stream().filter(AssessedFinding::counts).toList();
    }

    /**
     * Returns the gate.
     *
     * @return the gate, or empty in CVE alert mode
     */
    public Optional<GateResult> getGate() {
        return outcome == null ? Optional.empty() : Optional.of(outcome.gate());
    }

    /**
     * Returns the path of the SARIF report, relative to the workspace.
     *
     * @return the path, or empty in CVE alert mode
     */
    public Optional<String> getSarif() {
        return Optional.ofNullable(sarif);
    }

    /**
     * Returns the inputs that could not be read, each with file, position and reason.
     *
     * @return the problems
     */
    public List<String> getProblems() {
        return problems;
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("status", getStatus().name());
        if (outcome != null) {
            outputs.put("vulnerabilities", new LinkedHashMap<>(outcome.vulnerabilities()));
            outputs.put("secretsFound", outcome.secretsFound());
            outputs.put("findings", getCountingFindings().size());
            if (outcome.hasBaseline()) {
                // "new" only ever means new against the baseline the user named
                outputs.put("newFindings", outcome.getNew().size());
                outputs.put("fixedFindings", outcome.fixed().size());
                outputs.put("outstandingFindings", outcome.getOutstanding().size());
            }
            outputs.put("suppressed", (int) outcome.findings().stream()
                    .filter(f -> f.state() == AssessedFinding.State.SUPPRESSED).count());
            outputs.put("expiredSuppressions", outcome.getExpiredSuppressions().size());
            outputs.put("gate", outcome.gate().detail());
            outputs.put("gatePassed", outcome.gate().passed());
        }
        if (sarif != null) {
            outputs.put("sarif", sarif);
        }
        outputs.put("problems", problems.size());
        outputs.putAll(extra);
        return outputs;
    }
}
