package io.lotabots.git;

import io.lotabots.error.ErrorCode;

/**
 * Codes for Git information that cannot be read.
 */
public enum GitErrorCode implements ErrorCode {
    /** There is no Git repository in or above the workspace. */
    NO_REPOSITORY,
    /** The repository has no commit yet. */
    NO_COMMIT,
    /** A ref does not exist. */
    UNKNOWN_REF,
    /** A ref and HEAD have no common ancestor, or it is missing from a shallow clone. */
    NO_MERGE_BASE,
    /** The repository is bare: it has no working tree whose changes could be read. */
    NO_WORK_TREE,
    /** The repository cannot be read. */
    IO_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
