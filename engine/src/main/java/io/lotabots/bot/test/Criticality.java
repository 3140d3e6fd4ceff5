package io.lotabots.bot.test;

import io.lotabots.bot.BotStatus;

/**
 * What a failed gate does to the result, with the words of the Jenkins coverage and warnings plugins.
 */
enum Criticality {
    /** The run goes on, marked UNSTABLE. */
    UNSTABLE,
    /** The run fails. */
    FAILURE;

    BotStatus toStatus() {
        return this == UNSTABLE ? BotStatus.UNSTABLE : BotStatus.FAILURE;
    }
}
