package io.lotabots.report.coverage;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The coverage of one source file, line by line: whether the line was executed and how many of its branches were
 * taken. An open-addressing hash table of primitive arrays, so that a report of 20,000 files keeps a few bytes a
 * line. Lines seen more than once are united (see {@link #addLine} and {@link #addBranches}).
 */
final class LineTable {
    private static final int FREE = -1;
    private static final byte NO_LINE = 0;
    private static final byte MISSED = 1;
    private static final byte COVERED = 2;
    private static final int INITIAL_CAPACITY = 16;
    /** The bytes of one slot: line number, state, branches covered and total. */
    static final long SLOT_BYTES = 4 + 1 + 4 + 4;
    /** The bytes of a new table: the object, four array headers and the first slots. */
    static final long INITIAL_BYTES = 16 + 4 * 16 + INITIAL_CAPACITY * SLOT_BYTES;

    private final LongConsumer memory;

    private int[] lines = newKeys(INITIAL_CAPACITY);
    private byte[] states = new byte[INITIAL_CAPACITY];
    private int[] branchesCovered = new int[INITIAL_CAPACITY];
    private int[] branchesTotal = new int[INITIAL_CAPACITY];
    private int size;

    /** Returns a table that charges no memory budget; for tests. */
    LineTable() {
        this(bytes -> { });
    }

    /**
     * Returns a table that charges the bytes of its arrays to a budget before it grows them.
     *
     * @param memory receives the bytes of every larger set of arrays, and may throw to refuse them
     */
    LineTable(final LongConsumer memory) {
        this.memory = memory;
    }

    /**
     * Records that a line has code; it counts as covered if any report or record says so.
     */
    void addLine(final int line, final boolean covered) {
        int slot = slotOf(line);
        byte state = covered ? COVERED : MISSED;
        if (state > states[slot]) {
            states[slot] = state;
        }
    }

    /**
     * Counts one more branch of a line, within one record (LCOV {@code BRDA}).
     */
    void addBranch(final int line, final boolean taken) {
        int slot = slotOf(line);
        branchesTotal[slot] = Math.addExact(branchesTotal[slot], 1);
        if (taken) {
            branchesCovered[slot]++;
        }
    }

    /**
     * Unites the branches of a line with the ones known already. Which branches two reports took cannot be told
     * from counts, so, like coverage-model when it merges reports, the better count is kept: the larger total, and
     * the larger number covered (at most that total).
     */
    void addBranches(final int line, final int covered, final int total) {
        if (total == 0) {
            return;
        }
        int slot = slotOf(line);
        if (branchesTotal[slot] == 0) {
            branchesTotal[slot] = total;
            branchesCovered[slot] = covered;
        }
        else {
            int mergedTotal = Math.max(total, branchesTotal[slot]);
            branchesCovered[slot] = Math.min(mergedTotal, Math.max(covered, branchesCovered[slot]));
            branchesTotal[slot] = mergedTotal;
        }
    }

    /**
     * Unites another table of the same file into this one, line by line.
     */
    void addAll(final LineTable other) {
        for (int slot = 0; slot < other.lines.length; slot++) {
            int line = other.lines[slot];
            if (line != FREE) {
                if (other.states[slot] != NO_LINE) {
                    addLine(line, other.states[slot] == COVERED);
                }
                addBranches(line, other.branchesCovered[slot], other.branchesTotal[slot]);
            }
        }
    }

    /** Returns the estimated bytes of this table. */
    long bytes() {
        return INITIAL_BYTES + (lines.length - INITIAL_CAPACITY) * SLOT_BYTES;
    }

    /** Returns the counts of this table: lines covered, lines missed, branches covered, branches missed. */
    long[] count() {
        long[] counts = new long[4];
        for (int slot = 0; slot < lines.length; slot++) {
            if (lines[slot] != FREE) {
                if (states[slot] == COVERED) {
                    counts[0]++;
                }
                else if (states[slot] == MISSED) {
                    counts[1]++;
                }
                counts[2] += branchesCovered[slot];
                counts[3] += branchesTotal[slot] - branchesCovered[slot];
            }
        }
        return counts;
    }

    private int slotOf(final int line) {
        if ((size + 1) * 4 > lines.length * 3) {
            grow();
        }
        int mask = lines.length - 1;
        int slot = mix(line) & mask;
        while (lines[slot] != line) {
            if (lines[slot] == FREE) {
                lines[slot] = line;
                size++;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldLines = lines;
        byte[] oldStates = states;
        int[] oldCovered = branchesCovered;
        int[] oldTotal = branchesTotal;
        int capacity = oldLines.length * 2;
        memory.accept(capacity * SLOT_BYTES);
        lines = newKeys(capacity);
        states = new byte[capacity];
        branchesCovered = new int[capacity];
        branchesTotal = new int[capacity];
        int mask = capacity - 1;
        for (int old = 0; old < oldLines.length; old++) {
            if (oldLines[old] != FREE) {
                int slot = mix(oldLines[old]) & mask;
                while (lines[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                lines[slot] = oldLines[old];
                states[slot] = oldStates[old];
                branchesCovered[slot] = oldCovered[old];
                branchesTotal[slot] = oldTotal[old];
            }
        }
    }

    private static int mix(final int line) {
        return line * 0x9E3779B9 >>> 7 ^ line;
    }

    private static int[] newKeys(final int capacity) {
        int[] keys = new int[capacity];
        Arrays.fill(keys, FREE);
        return keys;
    }
}
