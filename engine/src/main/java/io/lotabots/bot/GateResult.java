package io.lotabots.bot;

/**
 * The outcome of one gate.
 *
 * @param gate the gate's name, as the option that set it: {@code maxFailures}, {@code minCoverage}, ...
 * @param passed whether it passed
 * @param criticality what a failure does
 * @param detail what was measured against what, for example {@code coverage 72.5% < 80.0%}
 */
public record GateResult(String gate, boolean passed, Criticality criticality, String detail) {
    /**
     * Returns the status this gate gives the run: SUCCESS when it passed, else its criticality's.
     *
     * @return the status
     */
    public BotStatus toStatus() {
        return passed ? BotStatus.SUCCESS : criticality.toStatus();
    }
}
