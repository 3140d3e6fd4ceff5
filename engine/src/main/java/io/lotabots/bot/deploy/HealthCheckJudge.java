package io.lotabots.bot.deploy;

import io.lotabots.http.HttpChecker.Sleeper;
import io.lotabots.util.Durations;
import io.lotabots.util.LogSink;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * DeployBot's own canary judge: runs the health checks (the smoke tests) every interval until the window has
 * passed; the first check that fails, after its retries, fails the canary.
 */
public final class HealthCheckJudge implements CanaryJudge {
    private final Function<URI, CheckOutcome> checks;
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LogSink log;

    /**
     * Creates the judge.
     *
     * @param checks runs the health checks against a base URL
     * @param interval the time between two rounds
     * @param clock the clock that times the window
     * @param sleeper waits between rounds
     * @param log where each round is logged
     */
    public HealthCheckJudge(final Function<URI, CheckOutcome> checks, final Duration interval, final Clock clock,
            final Sleeper sleeper, final LogSink log) {
        this.checks = checks;
        this.interval = interval.isNegative() || interval.isZero() ? Duration.ofSeconds(1) : interval;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    @Override
    public CheckOutcome judge(final Canary canary) {
        Instant end = clock.instant().plus(canary.window());
        List<String> lines = new ArrayList<>();
        int rounds = 0;
        while (true) {
            CheckOutcome round = checks.apply(canary.baseUrl());
            rounds++;
            lines.addAll(round.lines());
            if (!round.passed()) {
                return new CheckOutcome(false, String.format(Locale.ROOT, "health check round %d failed: %s",
                        rounds, round.summary()), lines);
            }
            Instant now = clock.instant();
            if (!now.isBefore(end)) {
                return new CheckOutcome(true, String.format(Locale.ROOT, "%d rounds of health checks passed over %s",
                        rounds, Durations.format(canary.window())), lines);
            }
            log.progress(String.format(Locale.ROOT, "Canary %s: health check round %d passed; %s of the window"
                    + " left", canary.version(), rounds, Durations.format(Duration.between(now, end))));
            try {
                Duration left = Duration.between(now, end);
                sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CheckOutcome(false, "interrupted while watching the canary", lines);
            }
        }
    }
}
