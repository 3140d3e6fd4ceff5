package io.lotabots.pipeline

/**
 * Stands for hudson.AbortException, which a Pipeline step throws to fail the build with a message and no stack
 * trace (the LotaBots bot steps on FAILURE, the error step).
 */
class AbortException extends IOException {
    AbortException(String message) {
        super(message)
    }
}
