package io.lotabots.bot.security.policy;

import io.lotabots.bot.security.findings.SecurityFinding;

import java.util.Objects;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A finding as the policy sees it.
 *
 * @param finding the finding
 * @param isNew whether it was not among the baseline's findings (always {@code true} without a baseline)
 * @param state whether it counts, is suppressed, or counts again because its suppression expired
 * @param suppression the matching suppression, or {@code null}
 */
public record AssessedFinding(SecurityFinding finding, boolean isNew, State state, @CheckForNull Suppression suppression) {
    /**
     * Checks the values.
     */
    public AssessedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Returns whether the finding counts in totals and gates.
     *
     * @return {@code true} unless suppressed or accepted
     */
    public boolean counts() {
        return state == State.ACTIVE || state == State.SUPPRESSION_EXPIRED;
    }

    /**
     * Whether a finding counts.
     */
    public enum State {
        /** Counts. */
        ACTIVE,
        /** Matched by a suppression that still holds. */
        SUPPRESSED,
        /** Matched by a suppression whose expiry date has passed: it counts again. */
        SUPPRESSION_EXPIRED,
        /** A secret accepted by the secret scanner's baseline or an inline allow comment. */
        ACCEPTED
    }
}
