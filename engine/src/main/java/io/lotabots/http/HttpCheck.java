package io.lotabots.http;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.Durations;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One HTTP check: a GET of {@code url} that passes when the status is {@code expectedStatus} and, if given, the body
 * contains {@code bodyContains}. A failed attempt is retried {@code retries} times, {@code retryDelay} apart; each
 * attempt has {@code timeout} for the whole exchange.
 *
 * @param url the URL, {@code http} or {@code https}
 * @param expectedStatus the status that passes, 100 to 599
 * @param bodyContains text the body must contain, or {@code null}
 * @param timeout time allowed for one attempt
 * @param retries attempts after the first, 0 or more
 * @param retryDelay time between attempts
 */
public record HttpCheck(URI url, int expectedStatus, @CheckForNull String bodyContains, Duration timeout, int retries,
        Duration retryDelay) {
    /** The timeout of one attempt when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The delay between attempts when none is given. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);
    /** The most retries a check may ask for. */
    public static final int MAX_RETRIES = 1000;

    /**
     * Checks every field.
     */
    public HttpCheck {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The check URL '" + url + "' is not an http or https URL with a host; give one like http://localhost:8080/health");
        }
        if (expectedStatus < 100 || expectedStatus > 599) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The expected status " + expectedStatus + " of the check " + url + " is not an HTTP status (100-599)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The timeout of the check " + url + " must be positive; was " + Durations.format(timeout));
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The retries of the check " + url + " must be between 0 and " + MAX_RETRIES + "; were " + retries);
        }
        if (retryDelay.isNegative()) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The retry delay of the check " + url + " must not be negative");
        }
        if (bodyContains != null && bodyContains.isEmpty()) {
            bodyContains = null;
        }
    }

    /**
     * Returns a check of {@code url} that expects 200, with the default timeout, no retries.
     *
     * @param url the URL
     * @return the check
     */
    public static HttpCheck of(final String url) {
        return new HttpCheck(parseUrl(url), 200, null, DEFAULT_TIMEOUT, 0, DEFAULT_RETRY_DELAY);
    }

    /**
     * Parses a check written as {@code URL[ STATUS][ ~TEXT]}, the form the command line and the bot options use:
     * {@code http://localhost:8080/health}, {@code http://localhost:8080/ 204} or
     * {@code http://localhost:8080/health 200 ~UP}.
     *
     * @param text the text
     * @return the check, with the default timeout and no retries
     */
    public static HttpCheck parse(final String text) {
        String trimmed = text.strip();
        String bodyText = null;
        int tilde = trimmed.indexOf(" ~");
        if (tilde >= 0) {
            bodyText = trimmed.substring(tilde + 2);
            trimmed = trimmed.substring(0, tilde).strip();
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length > 2 || parts[0].isEmpty()) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The check '" + text + "' is not of the form URL[ STATUS][ ~TEXT], e.g. 'http://localhost:8080/health 200 ~UP'");
        }
        int status = 200;
        if (parts.length == 2) {
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                        "The status '" + parts[1] + "' of the check '" + text + "' is not a number", e);
            }
        }
        return new HttpCheck(parseUrl(parts[0]), status, bodyText, DEFAULT_TIMEOUT, 0, DEFAULT_RETRY_DELAY);
    }

    /**
     * Returns this check with another number of retries and delay between them.
     *
     * @param count the retries
     * @param delay the delay
     * @return the check
     */
    public HttpCheck withRetries(final int count, final Duration delay) {
        return new HttpCheck(url, expectedStatus, bodyContains, timeout, count, delay);
    }

    /**
     * Returns this check with another timeout per attempt.
     *
     * @param value the timeout
     * @return the check
     */
    public HttpCheck withTimeout(final Duration value) {
        return new HttpCheck(url, expectedStatus, bodyContains, value, retries, retryDelay);
    }

    private static URI parseUrl(final String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw LotaBotsException.of(HttpErrorCode.INVALID_CHECK,
                    "The check URL '" + url + "' is not a valid URL: " + e.getReason(), e);
        }
    }
}
