package io.lotabots.bot.build;

import java.util.Locale;

/**
 * How urgent a build is. A critical build (a hotfix) skips the steps marked non-essential.
 */
public enum BuildPriority {
    /** Every step runs. */
    NORMAL,
    /** The non-essential steps are skipped. */
    CRITICAL;

    /**
     * Returns the name used in options and messages.
     *
     * @return {@code normal} or {@code critical}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the name used in options and messages.
     *
     * @param text {@code normal} or {@code critical}, in any case
     * @return the priority
     * @throws IllegalArgumentException for other text
     */
    public static BuildPriority fromWireName(final String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
