package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.http.NetworkErrors;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Posts to a vendor's HTTP API with a hard timeout on every call (connect, send and reading the answer), and sorts
 * the answer into delivered, retry or refused: no answer, HTTP 408, 429 (with its {@code Retry-After}) and 5xx are
 * worth retrying; what else a vendor answers is the channel's to judge.
 */
final class HttpCalls {
    /** The most bytes of an answer read. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** The user agent sent with every call. */
    static final String USER_AGENT = "LotaBots-NotificationBot";

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    HttpCalls(final HttpClient http, final Duration timeout, final Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param headers the headers
     * @param body the body, up to {@link #MAX_ANSWER_BYTES}
     */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(final String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }

        /**
         * Returns the start of the body on one line, for error messages.
         *
         * @return at most 200 characters
         */
        String snippet() {
            String line = body.replaceAll("\\s+", " ").trim();
            return line.length() <= 200 ? line : line.substring(0, 197) + "...";
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Posts a body and judges the answer.
     *
     * @param uri where to post
     * @param contentType the content type of the body
     * @param headers more headers, for example {@code Authorization}
     * @param body the body
     * @param judge judges an answer that is neither 408, 429 nor 5xx
     * @return the outcome
     */
    Attempt post(final URI uri, final String contentType, final Map<String, String> headers, final byte[] body,
            final Function<Answer, Attempt> judge) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", contentType).header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Answer answer;
        try {
            HttpResponse<InputStream> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream in = response.body()) {
                answer = new Answer(response.statusCode(), response.headers().map(),
                        new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8));
            }
        }
        catch (TimeoutException e) {
            future.cancel(true);
            return Attempt.retry("no answer within " + format(timeout), null);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Attempt.retry(cause instanceof HttpTimeoutException ? "no answer within " + format(timeout)
                    : "cannot reach the server: " + NetworkErrors.describe(cause, uri), null);
        }
        catch (IOException e) {
            return Attempt.retry("reading the answer failed: " + describe(e), null);
        }
        catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.refused("interrupted while waiting for an answer");
        }
        if (answer.status() == 429) {
            return Attempt.retry("rate-limited (HTTP 429)", retryAfter(answer).orElse(null));
        }
        if (answer.status() == 408 || answer.status() >= 500) {
            return Attempt.retry("HTTP " + answer.status() + (answer.body().isBlank() ? "" : ": " + answer.snippet()),
                    answer.status() == 503 ? retryAfter(answer).orElse(null) : null);
        }
        return judge.apply(answer);
    }

    /**
     * Reads {@code Retry-After}: seconds, or an HTTP date.
     */
    private Optional<Duration> retryAfter(final Answer answer) {
        Optional<String> header = answer.header("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration wait = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String describe(@CheckForNull final Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        return NetworkErrors.describe(error);
    }

    static String format(final Duration duration) {
        return io.lotabots.util.Durations.format(duration);
    }
}
