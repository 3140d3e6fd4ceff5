package io.lotabots.bot.security.policy;

import io.lotabots.bot.GateResult;
import io.lotabots.bot.security.findings.FindingKind;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the policy made of a scan.
 *
 * @param findings every finding, assessed, in the order given
 * @param fixed fingerprints of the baseline that are gone, sorted; empty without a baseline
 * @param hasBaseline whether a baseline was given, so that new and fixed mean something
 * @param vulnerabilities counting vulnerability and code findings per severity key ({@code critical}, {@code high},
 *     {@code medium}, {@code low}, {@code unknown}), every key present
 * @param secretsFound counting secret findings
 * @param gate the severity gate
 */
public record PolicyOutcome(List<AssessedFinding> findings, List<String> fixed, boolean hasBaseline,
        Map<String, Integer> vulnerabilities, int secretsFound, GateResult gate) {
    /**
     * Copies the collections.
     */
    public PolicyOutcome {
        findings = List.copyOf(findings);
        fixed = List.copyOf(fixed);
        vulnerabilities = Map.copyOf(vulnerabilities);
        Objects.requireNonNull(gate, "gate");
    }

    /**
     * Returns the findings that count and were not in the baseline.
     *
     * @return the new findings
     */
    public List<AssessedFinding> getNew() {
        return findings.stream().filter(f -> f.counts() && f.isNew()).toList();
    }

    /**
     * Returns the findings that count and were in the baseline too.
     *
     * @return the outstanding findings
     */
    public List<AssessedFinding> getOutstanding() {
        return findings.stream().filter(f -> f.counts() && !f.isNew()).toList();
    }

    /**
     * Returns the findings whose suppression has expired, so that they count again.
     *
     * @return the findings
     */
    public List<AssessedFinding> getExpiredSuppressions() {
        return findings.stream().filter(f -> f.state() == AssessedFinding.State.SUPPRESSION_EXPIRED).toList();
    }

    /**
     * Returns the findings that count, of one kind.
     *
     * @param kind the kind
     * @return the findings
     */
    public List<AssessedFinding> getCounting(final FindingKind kind) {
        return findings.stream().filter(f -> f.counts() && f.finding().kind() == kind).toList();
    }
}
