package io.lotabots.bus;

import io.lotabots.error.ErrorCode;

/**
 * Codes for journals that cannot be read or written.
 */
public enum JournalErrorCode implements ErrorCode {
    /** The journal file cannot be opened, read or written. */
    IO_FAILURE {
        @Override
        public boolean isUserError() {
            return false;
        }
    },
    /** The journal path is a directory or otherwise not a regular file. */
    NOT_A_FILE
}
