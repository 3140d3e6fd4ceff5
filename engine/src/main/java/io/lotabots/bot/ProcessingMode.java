package io.lotabots.bot;

/**
 * Decides which problems stop a bot, as coverage-model does: in {@code LENIENT} mode a bad input that the bot can
 * skip (one unreadable report of many) is recorded as an error line and the bot goes on; in {@code STRICT} mode it
 * fails the bot.
 */
public enum ProcessingMode {
    /** Skip what can be skipped, record it, go on. */
    LENIENT,
    /** Fail on the first bad input. */
    STRICT
}
