package io.lotabots.bot.security.advisories;

import io.lotabots.error.ErrorCode;

/**
 * Classifies the failures of reading an OSV advisory database.
 */
public enum AdvisoryErrorCode implements ErrorCode {
    /** The database path does not exist or cannot be read. */
    DATABASE_UNREADABLE,
    /** One advisory file is no valid JSON or no valid OSV record. */
    ADVISORY_MALFORMED,
    /** One advisory file is larger than the limit. */
    ADVISORY_TOO_LARGE,
    /** A zip entry has an absolute path or a {@code ..} segment. */
    ARCHIVE_ENTRY_UNSAFE,
    /** A zip archive has more entries or more uncompressed bytes than the limits allow. */
    ARCHIVE_TOO_LARGE,
    /** The advisories kept for matching would take more memory than the limit allows. */
    DATABASE_TOO_LARGE,
    /** A version is not valid in the version scheme of its ecosystem. */
    VERSION_INVALID
}
