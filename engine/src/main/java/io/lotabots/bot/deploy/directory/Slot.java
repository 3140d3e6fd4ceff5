package io.lotabots.bot.deploy.directory;

import io.lotabots.error.LotaBotsException;

import java.util.Locale;

/**
 * The two places a release can run: blue on one port, green on the other.
 */
enum Slot {
    BLUE, GREEN;

    /**
     * Returns the name used in files and results.
     *
     * @return {@code blue} or {@code green}
     */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }

    static Slot of(final String id) {
        for (Slot slot : values()) {
            if (slot.id().equalsIgnoreCase(id)) {
                return slot;
            }
        }
        throw LotaBotsException.of(DirectoryErrorCode.INVALID_SETTINGS,
                "The slot '" + id + "' is neither blue nor green");
    }
}
