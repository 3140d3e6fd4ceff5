package io.lotabots.bot.security.deps;

import io.lotabots.error.ErrorCode;

/**
 * Classifies the failures of reading dependency files and of matching them.
 */
public enum DependencyErrorCode implements ErrorCode {
    /** A dependency file is not valid in its format. */
    FILE_MALFORMED,
    /** A dependency file is larger than the limit. */
    FILE_TOO_LARGE,
    /** A path (given, included or linked) points outside the workspace. */
    OUTSIDE_WORKSPACE,
    /** A dependency file cannot be read. */
    FILE_UNREADABLE,
    /** Maven could not list the resolved dependencies of a pom. */
    MAVEN_FAILED,
    /** No advisory with the given id or alias is known. */
    ADVISORY_NOT_FOUND
}
