package io.lotabots.bot.test;

import java.util.Locale;

/**
 * The kinds of tests {@code test.completed} reports separately.
 */
enum TestKind {
    UNIT,
    INTEGRATION,
    E2E;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
