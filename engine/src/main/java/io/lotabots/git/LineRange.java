package io.lotabots.git;

/**
 * A range of lines of a file, both ends included, counted from 1.
 *
 * @param first the first line, at least 1
 * @param last the last line, at least {@code first}
 */
public record LineRange(int first, int last) {
    /**
     * Checks the values.
     */
    public LineRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("A line range needs 1 <= first <= last, was " + first + ".." + last);
        }
    }

    /**
     * Returns whether a line is in this range.
     *
     * @param line the line, from 1
     * @return whether {@code first <= line <= last}
     */
    public boolean contains(final int line) {
        return line >= first && line <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
