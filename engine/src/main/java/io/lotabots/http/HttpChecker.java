package io.lotabots.http;

import io.lotabots.util.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@link HttpCheck}s with an {@link HttpClient}. Each attempt is bounded by the check's timeout for the whole
 * exchange, not only the headers; only the first {@value #MAX_BODY_BYTES} bytes of a body are read, so a huge or
 * endless body neither hangs the check nor fills the heap.
 */
public final class HttpChecker {
    /** The most bytes of a body read to look for the expected text. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * Creates a checker.
     *
     * @param http the client
     * @param clock the clock that times attempts
     * @param sleeper waits between attempts
     */
    public HttpChecker(final HttpClient http, final Clock clock, final Sleeper sleeper) {
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Creates a checker that uses the system clock and really sleeps.
     *
     * @param http the client
     * @return the checker
     */
    public static HttpChecker of(final HttpClient http) {
        return new HttpChecker(http, Clock.systemUTC(), Sleeper.THREAD);
    }

    /**
     * Runs a check, with its retries.
     *
     * @param check the check
     * @return the result of the last attempt
     * @throws InterruptedException when interrupted while waiting
     */
    public HttpCheckResult run(final HttpCheck check) throws InterruptedException {
        HttpCheckResult result = attempt(check, 1);
        for (int attempt = 2; !result.passed() && attempt <= check.retries() + 1; attempt++) {
            sleeper.sleep(check.retryDelay());
            result = attempt(check, attempt);
        }
        return result;
    }

    private HttpCheckResult attempt(final HttpCheck check, final int attempt) throws InterruptedException {
        Instant start = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(check.url()).timeout(check.timeout()).GET()
                .header("User-Agent", "LotaBots-HttpCheck").build();
        CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = future.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            String expected = check.bodyContains();
            String body;
            try (InputStream in = response.body()) {
                body = expected == null ? "" : new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            Duration latency = Duration.between(start, clock.instant());
            int status = response.statusCode();
            if (status != check.expectedStatus()) {
                return new HttpCheckResult(check, false, status, latency, attempt,
                        "expected status " + check.expectedStatus() + ", got " + status);
            }
            if (expected != null && !body.contains(expected)) {
                return new HttpCheckResult(check, false, status, latency, attempt,
                        "the body does not contain '" + expected + "'");
            }
            return new HttpCheckResult(check, true, status, latency, attempt, null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure(check, start, attempt, "no answer within " + Durations.format(check.timeout()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause instanceof HttpTimeoutException
                    ? "no answer within " + Durations.format(check.timeout())
                    : NetworkErrors.describe(cause, check.url());
            return failure(check, start, attempt, reason);
        } catch (IOException e) {
            return failure(check, start, attempt, "reading the body failed: " + e.getMessage());
        }
    }

    private HttpCheckResult failure(final HttpCheck check, final Instant start, final int attempt, final String reason) {
        return new HttpCheckResult(check, false, null, Duration.between(start, clock.instant()), attempt, reason);
    }

    /**
     * Waits between attempts; tests give one that does not sleep.
     */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps on the current thread. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        /**
         * Waits.
         *
         * @param duration how long
         * @throws InterruptedException when interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }
}
