package io.lotabots.bot.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

import io.lotabots.bot.deploy.DeployErrorCode;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpChecker.Sleeper;
import io.lotabots.http.NetworkErrors;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls the Kubernetes API with retries: a conflict (409, someone else changed the object; the call reads it again),
 * too many requests (429), a server error (500, 502, 503, 504) or a broken connection are retried with exponential
 * backoff; then the call fails with an error that names the operation, the attempts and the last answer. Other
 * answers (400, 403, 404, 422) are not retried.
 */
final class ApiCalls {
    /** The attempts of one call, the first included. */
    static final int DEFAULT_ATTEMPTS = 5;
    /** The wait before the first retry; each later wait doubles. */
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);

    private static final Set<Integer> RETRIED = Set.of(409, 429, 500, 502, 503, 504);

    private final Sleeper sleeper;
    private final LogSink log;
    private final int attempts;
    private final Duration backoff;

    ApiCalls(final Sleeper sleeper, final LogSink log) {
        this(sleeper, log, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    ApiCalls(final Sleeper sleeper, final LogSink log, final int attempts, final Duration backoff) {
        this.sleeper = sleeper;
        this.log = log;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /**
     * Runs a call, retrying what can be retried.
     *
     * @param what the operation, for log lines and the final error: {@code update Deployment shop}
     * @param call the call; it is run again as a whole on a retry, so it reads what it changes itself
     * @param <T> the result type
     * @return the result
     * @throws LotaBotsException with {@link DeployErrorCode#KUBERNETES_API} when the call keeps failing
     */
    <T> T call(final String what, final Supplier<T> call) {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            }
            catch (KubernetesClientException e) {
                boolean retried = isRetried(e);
                if (!retried || attempt >= attempts) {
                    throw failure(what, e, attempt, retried);
                }
                log.info("Kubernetes API: %s failed (%s); retrying in %s (attempt %d of %d)", what, describe(e),
                        io.lotabots.util.Durations.format(wait), attempt + 1, attempts);
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    /**
     * Runs a call that returns nothing.
     *
     * @param what the operation
     * @param call the call
     */
    void run(final String what, final Runnable call) {
        call(what, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    private void sleep(final Duration wait) {
        try {
            sleeper.sleep(wait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LotaBotsException.of(DeployErrorCode.KUBERNETES_API, "Interrupted while waiting to retry", e);
        }
    }

    static boolean isRetried(final KubernetesClientException e) {
        return RETRIED.contains(e.getCode()) || e.getCode() <= 0 && hasIoCause(e);
    }

    private static boolean hasIoCause(final Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static String describe(final KubernetesClientException e) {
        if (e.getCode() > 0) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            return "HTTP " + e.getCode() + ": " + firstLine(message);
        }
        return NetworkErrors.describe(e.getCause() == null ? e : e.getCause());
    }

    private static String firstLine(final String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static LotaBotsException failure(final String what, final KubernetesClientException e,
            final int attempt, final boolean retried) {
        String hint = switch (e.getCode()) {
            case 401, 403 -> " The credentials of the environment were refused; check the kubeconfig, context and"
                    + " the permissions of its user in the namespace.";
            case 404 -> " The object or namespace does not exist.";
            case 400, 422 -> " The API server rejected the object; check the manifest.";
            default -> retried ? " Check that the API server is reachable and healthy, then deploy again." : "";
        };
        return LotaBotsException.of(DeployErrorCode.KUBERNETES_API, "Kubernetes API: " + what + " failed"
                + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + describe(e) + "." + hint, e);
    }
}
