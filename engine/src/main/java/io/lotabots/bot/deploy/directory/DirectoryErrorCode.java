package io.lotabots.bot.deploy.directory;

import io.lotabots.error.ErrorCode;

/**
 * Codes for directory deployments that cannot start, do not become healthy or cannot be rolled back.
 */
public enum DirectoryErrorCode implements ErrorCode {
    /** A setting is unusable: an empty start command, equal ports, a health path without a leading slash. */
    INVALID_SETTINGS,
    /** The version is empty or holds characters that cannot be part of a directory name. */
    INVALID_VERSION,
    /** The artifact does not exist or is neither a file nor a directory. */
    ARTIFACT_MISSING,
    /** The artifact lies outside the workspace. */
    ARTIFACT_OUTSIDE_WORKSPACE,
    /** The releases directory cannot be created or written. */
    RELEASES_DIR_UNWRITABLE,
    /** The port of the slot is held by a program that this target did not start. */
    PORT_IN_USE,
    /** Another deployment or rollback of the same environment holds the lock. */
    DEPLOY_IN_PROGRESS,
    /** The start command cannot be run, or the service exited before it became healthy. */
    START_FAILED,
    /** The service did not answer its health path in time. */
    NOT_HEALTHY,
    /** The checks before the switch, or the canary check, threw instead of answering. */
    CHECK_FAILED,
    /** There is no earlier release to roll back to. */
    NOTHING_TO_ROLL_BACK,
    /** The state file of the environment is malformed or too large. */
    STATE_UNREADABLE,
    /** The waiting was interrupted. */
    INTERRUPTED {
        @Override
        public boolean isUserError() {
            return false;
        }
    },
    /** Reading or writing the releases failed for a reason outside the user's input. */
    IO_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
