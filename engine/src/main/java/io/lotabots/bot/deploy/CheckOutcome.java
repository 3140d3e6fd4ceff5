package io.lotabots.bot.deploy;

import java.util.List;

/**
 * The outcome of smoke tests or a canary check.
 *
 * @param passed whether the new version may get traffic
 * @param summary one sentence, naming the first failing check when one failed
 * @param lines one line per check run
 */
public record CheckOutcome(boolean passed, String summary, List<String> lines) {
    /**
     * Copies the lines.
     */
    public CheckOutcome {
        lines = List.copyOf(lines);
    }

    /**
     * Returns a passing outcome.
     *
     * @param summary the summary
     * @return the outcome
     */
    public static CheckOutcome pass(final String summary) {
        return new CheckOutcome(true, summary, List.of());
    }

    /**
     * Returns a failing outcome.
     *
     * @param summary the summary
     * @return the outcome
     */
    public static CheckOutcome fail(final String summary) {
        return new CheckOutcome(false, summary, List.of());
    }
}
