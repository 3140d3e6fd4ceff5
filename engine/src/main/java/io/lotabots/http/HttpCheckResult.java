package io.lotabots.http;

import java.time.Duration;
import java.util.Locale;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * How a check went: on its last attempt, whether it passed, the status (or none when no answer came), the time the
 * attempt took and, when it failed, why.
 *
 * @param check the check
 * @param passed whether the last attempt passed
 * @param status the status of the last answer, or {@code null} when there was none
 * @param latency time of the last attempt
 * @param attempts attempts made, at least 1
 * @param problem why the last attempt failed, or {@code null} when it passed
 */
public record HttpCheckResult(HttpCheck check, boolean passed, @CheckForNull Integer status, Duration latency,
        int attempts, @CheckForNull String problem) {
    /**
     * Returns one line for logs: {@code PASS http://... 200 in 12ms} or
     * {@code FAIL http://... after 3 attempts: expected 200, got 503}.
     *
     * @return the line
     */
    public String describe() {
        String attemptsText = attempts == 1 ? "" : " after " + attempts + " attempts";
        if (passed) {
            return String.format(Locale.ROOT, "PASS %s %d in %s%s", check.url(), status,
                    io.lotabots.util.Durations.format(latency), attemptsText);
        }
        return String.format(Locale.ROOT, "FAIL %s%s: %s", check.url(), attemptsText, problem);
    }
}
