package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.CriterionResult;

/**
 * How one criterion came out over the window.
 *
 * @param criterion the criterion, with its metric resolved
 * @param result pass, warning or fail
 * @param value the value judged, in base units, or {@code null} when there were no samples
 * @param limit the limit the pass comparison set, or {@code null} for a relative criterion without baseline
 * @param baseline the baseline, or {@code null}
 * @param detail one line: what was compared with what
 */
public record CriterionOutcome(Criterion criterion, Verdict result, @CheckForNull Double value,
        @CheckForNull Double limit, @CheckForNull Double baseline, String detail) {
    /**
     * Returns the payload form for {@code monitor.verdict}.
     *
     * @return the criterion result
     */
    public CriterionResult toMessage() {
        return new CriterionResult(criterion.text(), result.key(), value, criterion.weight());
    }
}
