package io.lotabots.process;

import io.lotabots.error.ErrorCode;

/**
 * Codes for commands that cannot be run.
 */
public enum ProcessErrorCode implements ErrorCode {
    /** The program does not exist or cannot be executed. */
    CANNOT_START,
    /** The run was interrupted: its processes were stopped and no more are started. */
    INTERRUPTED {
        @Override
        public boolean isUserError() {
            return false;
        }
    }
}
