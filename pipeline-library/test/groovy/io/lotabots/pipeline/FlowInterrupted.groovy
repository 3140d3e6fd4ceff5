package io.lotabots.pipeline

/**
 * Stands for FlowInterruptedException, which input throws when a person aborts instead of approving.
 */
class FlowInterrupted extends InterruptedException {
    FlowInterrupted(String message) {
        super(message)
    }
}
