package io.lotabots.bot.test;

/**
 * Which results a TestBot run counts.
 */
public enum TestScope {
    /** Every report. */
    ALL,
    /** Reports of the modules changed since a git reference, and of the modules depending on them. */
    AFFECTED,
    /** Suites matching the security patterns. */
    SECURITY,
    /** Suites matching the smoke patterns. */
    SMOKE
}
