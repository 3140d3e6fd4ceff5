package io.lotabots.bot.security.advisories;

/**
 * The limits that keep reading an advisory database bounded in memory and time, whatever the input: the size of one
 * advisory, the uncompressed bytes, entries and compression ratio of a zip archive, and the data kept for matching.
 *
 * @param maxFileBytes the largest advisory file; larger ones are refused with their size, the others are read
 * @param maxArchiveBytes the most uncompressed bytes read from one zip archive; more refuses the archive
 * @param maxArchiveEntries the most entries of one zip archive; more refuses the archive
 * @param maxCompressionRatio the most uncompressed bytes per compressed byte of one zip entry; a higher ratio refuses
 *         the archive as a zip bomb (checked once an entry has expanded to {@link #RATIO_CHECKED_FROM} bytes)
 * @param maxKeptBytes the most memory, estimated, that the advisories kept for matching may take; more refuses the
 *         database as a whole
 */
public record OsvLimits(long maxFileBytes, long maxArchiveBytes, int maxArchiveEntries, int maxCompressionRatio,
        long maxKeptBytes) {
    /** The largest advisory file by default: 4 MiB. Real OSV records are a few KiB, rarely a few hundred. */
    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** The most uncompressed bytes of one zip archive by default: 2 GiB. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 2L * 1024 * 1024 * 1024;

    /** The most entries of one zip archive by default: 1,000,000. */
    public static final int DEFAULT_MAX_ARCHIVE_ENTRIES = 1_000_000;

    /**
     * The highest compression ratio of one zip entry by default: 100. OSV JSON compresses about 5 to 20 times;
     * deflate reaches about 1,000 only on repeated bytes, which is what zip bombs are made of.
     */
    public static final int DEFAULT_MAX_COMPRESSION_RATIO = 100;

    /**
     * The most memory, estimated, of the advisories kept for matching by default: 512 MiB. The OSV exports of Maven,
     * npm and PyPI together keep a fraction of that.
     */
    public static final long DEFAULT_MAX_KEPT_BYTES = 512L * 1024 * 1024;

    /** The uncompressed bytes of an entry from which on its compression ratio is checked: 64 KiB. */
    public static final long RATIO_CHECKED_FROM = 64L * 1024;

    /**
     * Checks the values.
     */
    public OsvLimits {
        if (maxFileBytes <= 0 || maxArchiveBytes <= 0 || maxArchiveEntries <= 0 || maxCompressionRatio <= 0
                || maxKeptBytes <= 0) {
            throw new IllegalArgumentException("All limits must be positive");
        }
    }

    /**
     * Returns limits for file size, archive size and entries, with the default compression ratio and kept memory.
     *
     * @param maxFileBytes the largest advisory file
     * @param maxArchiveBytes the most uncompressed bytes read from one zip archive
     * @param maxArchiveEntries the most entries of one zip archive
     */
    public OsvLimits(final long maxFileBytes, final long maxArchiveBytes, final int maxArchiveEntries) {
        this(maxFileBytes, maxArchiveBytes, maxArchiveEntries, DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_KEPT_BYTES);
    }

    /**
     * Returns the default limits.
     *
     * @return the limits
     */
    public static OsvLimits defaults() {
        return new OsvLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ARCHIVE_ENTRIES,
                DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_KEPT_BYTES);
    }
}
