package io.lotabots.bot.security.policy;

import io.lotabots.bot.GateResult;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.SecurityFinding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Applies a {@link SecurityPolicy} to findings: marks each as new or known against the baseline, applies the
 * suppressions (an expired one no longer holds, and the outcome says so), counts, and decides the gate.
 */
public final class PolicyEvaluator {
    /** How many offending findings the gate's detail names before it says "and N more". */
    static final int NAMED_IN_DETAIL = 5;

    private final SecurityPolicy policy;
    private final Suppressions suppressions;
    private final Optional<Baseline> baseline;

    /**
     * Creates an evaluator.
     *
     * @param policy the gate
     * @param suppressions the suppressions
     * @param baseline the baseline's fingerprints, or empty
     */
    public PolicyEvaluator(final SecurityPolicy policy, final Suppressions suppressions, final Optional<Baseline> baseline) {
        this.policy = policy;
        this.suppressions = suppressions;
        this.baseline = baseline;
    }

    /**
     * Evaluates findings.
     *
     * @param findings the findings of this run
     * @param accepted fingerprints of secrets the secret scanner accepted (its baseline, inline allow comments)
     * @param today the day, for expiry dates
     * @return the outcome
     */
    public PolicyOutcome evaluate(final List<SecurityFinding> findings, final Set<String> accepted, final LocalDate today) {
        Set<String> previous = baseline.map(Baseline::fingerprints).orElse(Set.of());
        List<AssessedFinding> assessed = new ArrayList<>(findings.size());
        Set<String> current = new HashSet<>();
        for (SecurityFinding finding : findings) {
            current.add(finding.fingerprint());
            boolean isNew = !previous.contains(finding.fingerprint());
            Optional<Suppression> suppression = suppressions.find(finding);
            AssessedFinding.State state;
            if (finding.kind() == FindingKind.SECRET && accepted.contains(finding.fingerprint())) {
                state = AssessedFinding.State.ACCEPTED;
            } else if (suppression.isEmpty()) {
                state = AssessedFinding.State.ACTIVE;
            } else if (suppression.get().isExpiredOn(today)) {
                state = AssessedFinding.State.SUPPRESSION_EXPIRED;
            } else {
                state = AssessedFinding.State.SUPPRESSED;
            }
            assessed.add(new AssessedFinding(finding, isNew, state, suppression.orElse(null)));
        }
        List<String> fixed = new ArrayList<>(new TreeSet<>(previous));
        fixed.removeAll(current);

        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String key : List.of("critical", "high", "medium", "low", "unknown")) {
            counts.put(key, 0);
        }
        int secrets = 0;
        for (AssessedFinding finding : assessed) {
            if (!finding.counts()) {
                continue;
            }
            if (finding.finding().kind() == FindingKind.SECRET) {
                secrets++;
            } else {
                counts.merge(severityKey(finding.finding().severity()), 1, Integer::sum);
            }
        }
        return new PolicyOutcome(assessed, baseline.isPresent() ? fixed : List.of(), baseline.isPresent(), counts,
                secrets, gate(assessed));
    }

    private GateResult gate(final List<AssessedFinding> assessed) {
        Severity failOn = policy.failOn();
        if (failOn == null) {
            return new GateResult("failOn", true, policy.criticality(), "failOn none: the gate never fails");
        }
        List<AssessedFinding> offending = assessed.stream()
                .filter(AssessedFinding::counts)
                .filter(f -> !policy.newOnly() || f.isNew())
                .filter(f -> policy.fails(f.finding().severity()))
                .toList();
        String threshold = failOn.name().toLowerCase(Locale.ROOT) + " or above";
        String scope = policy.newOnly() ? "new findings" : "findings";
        if (offending.isEmpty()) {
            return new GateResult("failOn", true, policy.criticality(), "no " + scope + " at " + threshold);
        }
        String named = offending.stream().limit(NAMED_IN_DETAIL)
                .map(f -> f.finding().ruleId() + " (" + f.finding().severity().name().toLowerCase(Locale.ROOT) + ", "
                        + f.finding().location() + ")")
                .collect(Collectors.joining(", "));
        String more = offending.size() > NAMED_IN_DETAIL ? " and " + (offending.size() - NAMED_IN_DETAIL) + " more" : "";
        return new GateResult("failOn", false, policy.criticality(),
                offending.size() + " " + scope + " at " + threshold + ": " + named + more);
    }

    /**
     * Returns the key of {@code security.scan_completed}'s {@code vulnerabilities} map for a severity.
     *
     * @param severity the severity
     * @return {@code critical}, {@code high}, {@code medium}, {@code low} (also for none) or {@code unknown}
     */
    public static String severityKey(final Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "high";
            case MEDIUM -> "medium";
            case LOW, NONE -> "low";
            case UNKNOWN -> "unknown";
        };
    }
}
