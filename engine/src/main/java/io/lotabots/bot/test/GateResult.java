package io.lotabots.bot.test;

/**
 * The outcome of one gate.
 *
 * @param gate the gate's name, as the option that set it: {@code maxFailures}, {@code minCoverage}, ...
 * @param passed whether it passed
 * @param criticality what a failure does
 * @param detail what was measured against what, for example {@code coverage 72.5% < 80.0%}
 */
record GateResult(String gate, boolean passed, Criticality criticality, String detail) {
}
