package io.lotabots.util;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test says so, for example when the sleeper of a test watch advances it instead of
 * waiting, or when a test lets time pass between two incident changes.
 */
public final class ManualClock extends Clock {
    private Instant now;

    /**
     * Starts the clock.
     *
     * @param start the first moment it shows
     */
    public ManualClock(final Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock on.
     *
     * @param duration how far
     */
    public synchronized void advance(final Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }
}
