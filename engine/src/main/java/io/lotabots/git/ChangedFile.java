package io.lotabots.git;

import java.util.List;
import java.util.Objects;

/**
 * A file whose content was added or changed, with the lines of its current version that are new.
 *
 * @param path the path relative to the repository's work tree, with {@code /} as separator
 * @param lines the added or modified lines of the current version, in order and not overlapping; empty for a
 *        binary file, whose lines cannot be told
 * @param binary whether Git treats the file as binary (a NUL byte near its start, or too large to diff)
 */
public record ChangedFile(String path, List<LineRange> lines, boolean binary) {
    /**
     * Checks and copies the values.
     */
    public ChangedFile {
        Objects.requireNonNull(path, "path");
        lines = List.copyOf(lines);
    }

    /**
     * Returns whether a line of the current version is new.
     *
     * @param line the line, from 1
     * @return whether one of the ranges holds it
     */
    public boolean isChanged(final int line) {
        for (LineRange range : lines) {
            if (range.contains(line)) {
                return true;
            }
            if (range.first() > line) {
                return false;
            }
        }
        return false;
    }

    /**
     * Returns the number of new lines.
     *
     * @return the sum of the ranges' lengths
     */
    public int lineCount() {
        return lines.stream().mapToInt(range -> range.last() - range.first() + 1).sum();
    }
}
