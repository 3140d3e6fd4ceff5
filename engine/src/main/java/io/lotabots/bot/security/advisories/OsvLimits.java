package io.lotabots.bot.security.advisories;

/**
 * The limits that keep reading an advisory database bounded.
 *
 * @param maxFileBytes the largest advisory file; larger ones are refused with their size
 * @param maxArchiveBytes the most uncompressed bytes read from one zip archive
 * @param maxArchiveEntries the most entries of one zip archive
 */
public record OsvLimits(long maxFileBytes, long maxArchiveBytes, int maxArchiveEntries) {
    /** The largest advisory file by default: 4 MiB. Real OSV records are a few KiB, rarely a few hundred. */
    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** The most uncompressed bytes of one zip archive by default: 2 GiB. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 2L * 1024 * 1024 * 1024;

    /** The most entries of one zip archive by default: 1,000,000. */
    public static final int DEFAULT_MAX_ARCHIVE_ENTRIES = 1_000_000;

    /**
     * Checks the values.
     */
    public OsvLimits {
        if (maxFileBytes <= 0 || maxArchiveBytes <= 0 || maxArchiveEntries <= 0) {
            throw new IllegalArgumentException("All limits must be positive");
        }
    }

    /**
     * Returns the default limits.
     *
     * @return the limits
     */
    public static OsvLimits defaults() {
        return new OsvLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ARCHIVE_ENTRIES);
    }
}
