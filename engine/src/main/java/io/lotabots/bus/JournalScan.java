package io.lotabots.bus;

import java.util.List;

/**
 * What a journal read found: how many lines it read, how many messages it kept, and the lines it skipped with the
 * reason for each. Skipped lines never stop a read; every complete line survives.
 *
 * @param lines the number of non-empty lines read
 * @param matched the number of messages the filter kept
 * @param skipped the number of lines skipped as unreadable
 * @param warnings one line per skipped line, naming the file and line number, at most {@value #MAX_WARNINGS}
 */
public record JournalScan(long lines, long matched, long skipped, List<String> warnings) {
    /** The most warnings kept; further skipped lines are only counted. */
    public static final int MAX_WARNINGS = 100;

    /**
     * Copies the warnings.
     */
    public JournalScan {
        warnings = List.copyOf(warnings);
    }
}
