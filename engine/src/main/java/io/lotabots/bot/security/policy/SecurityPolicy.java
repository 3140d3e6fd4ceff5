package io.lotabots.bot.security.policy;

import io.lotabots.bot.Criticality;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.error.LotaBotsException;

import java.util.Locale;
import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The gate of a security scan: findings at or above {@code failOn} fail it, with {@code criticality}; with
 * {@code newOnly}, only findings that were not in the baseline count.
 *
 * @param failOn the lowest severity that fails the gate, or {@code null} for a gate that never fails
 * @param criticality what a failed gate does to the run
 * @param newOnly whether only new findings count
 */
public record SecurityPolicy(@CheckForNull Severity failOn, Criticality criticality, boolean newOnly) {
    /** The words {@code failOn} accepts. */
    public static final String FAIL_ON_VALUES = "critical, high, medium, low, none";

    /**
     * Checks the values.
     */
    public SecurityPolicy {
        Objects.requireNonNull(criticality, "criticality");
    }

    /**
     * Reads a {@code failOn} value.
     *
     * @param text {@code critical}, {@code high}, {@code medium}, {@code low}, or {@code none} for a gate that
     *     never fails
     * @return the severity, or {@code null} for {@code none}
     */
    @CheckForNull
    public static Severity parseFailOn(final String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium", "moderate" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            case "none", "never" -> null;
            default -> throw LotaBotsException.of(PolicyErrorCode.INVALID_POLICY,
                    "failOn '" + text + "' is not one of " + FAIL_ON_VALUES);
        };
    }

    /**
     * Returns whether a finding of a severity fails this gate. A finding of unknown severity counts as medium, so
     * that an advisory without a score is not ignored by a {@code failOn: medium} gate.
     *
     * @param severity the severity
     * @return whether it is at or above {@code failOn}
     */
    public boolean fails(final Severity severity) {
        return failOn != null && rank(severity) >= rank(failOn);
    }

    /**
     * Orders severities for gates: critical 4, high 3, medium and unknown 2, low 1, none 0.
     *
     * @param severity the severity
     * @return its rank
     */
    public static int rank(final Severity severity) {
        return switch (severity) {
            case CRITICAL -> 4;
            case HIGH -> 3;
            case MEDIUM, UNKNOWN -> 2;
            case LOW -> 1;
            case NONE -> 0;
        };
    }
}
