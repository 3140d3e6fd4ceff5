package io.lotabots.report.coverage;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

/**
 * How many items of one metric (lines or branches) a report found covered and missed, like a JaCoCo
 * {@code <counter>}. Immutable.
 */
public final class CoverageCounter implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final double HUNDRED = 100.0;

    private final long covered;
    private final long missed;

    private CoverageCounter(final long covered, final long missed) {
        this.covered = covered;
        this.missed = missed;
    }

    /**
     * Returns a counter.
     *
     * @param covered the covered items, 0 or more
     * @param missed the missed items, 0 or more
     * @return the counter
     * @throws IllegalArgumentException if a count is negative or the total overflows
     */
    public static CoverageCounter of(final long covered, final long missed) {
        if (covered < 0 || missed < 0) {
            throw new IllegalArgumentException(
                    "Coverage counts must not be negative: covered " + covered + ", missed " + missed);
        }
        if (covered > Long.MAX_VALUE - missed) {
            throw new IllegalArgumentException("Coverage total overflows: covered " + covered + ", missed " + missed);
        }
        return new CoverageCounter(covered, missed);
    }

    /**
     * Returns the counter of nothing: 0 covered, 0 missed.
     *
     * @return the empty counter
     */
    public static CoverageCounter empty() {
        return new CoverageCounter(0, 0);
    }

    /**
     * Returns the covered items.
     *
     * @return the number covered
     */
    public long getCovered() {
        return covered;
    }

    /**
     * Returns the missed items.
     *
     * @return the number missed
     */
    public long getMissed() {
        return missed;
    }

    /**
     * Returns covered plus missed.
     *
     * @return the total
     */
    public long getTotal() {
        return covered + missed;
    }

    /**
     * Returns the covered share in percent, from 0 to 100, unrounded: {@code 100.0 * covered / total}. A counter
     * with nothing to cover gives 0, so that an empty counter never passes a coverage gate.
     *
     * @return the percentage
     */
    public double getPercentage() {
        long total = getTotal();
        return total == 0 ? 0.0 : HUNDRED * covered / total;
    }

    /**
     * Returns the sum of this counter and the other one.
     *
     * @param other the other counter
     * @return a new counter
     */
    public CoverageCounter add(final CoverageCounter other) {
        return of(Math.addExact(covered, other.covered), Math.addExact(missed, other.missed));
    }

    @Override
    public boolean equals(@CheckForNull final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CoverageCounter)) {
            return false;
        }
        CoverageCounter that = (CoverageCounter) o;
        return covered == that.covered && missed == that.missed;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(covered) * 31 + Long.hashCode(missed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f%% (%d/%d)", getPercentage(), covered, getTotal());
    }
}
