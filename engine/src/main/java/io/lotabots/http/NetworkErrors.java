package io.lotabots.http;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLException;

/**
 * Puts a failed network call into words, the one place every call to a server goes through for its error text
 * (health checks, notifications, Prometheus, SMTP, the Kubernetes API): "connection refused (nothing listens on
 * localhost:8181)" instead of {@code ConnectException}, "unknown host 'hooks.exmaple.com'" instead of
 * {@code UnknownHostException}, "the TLS handshake with ... failed" instead of {@code SSLHandshakeException}. It
 * looks through the causes, since Java's HTTP client often wraps the telling exception in one without a message.
 */
public final class NetworkErrors {
    private static final int MAX_CAUSES = 16;

    private NetworkErrors() {
    }

    /**
     * Describes the failure of a call to a URL.
     *
     * @param error what was thrown
     * @param target the URL that was called
     * @return the words, for example {@code connection refused (nothing listens on localhost:8181)}
     */
    public static String describe(@CheckForNull final Throwable error, @CheckForNull final URI target) {
        if (target == null || target.getHost() == null) {
            return describe(error, null, -1);
        }
        int port = target.getPort() >= 0 ? target.getPort()
                : "https".equalsIgnoreCase(target.getScheme()) ? 443 : "http".equalsIgnoreCase(target.getScheme()) ? 80
                : -1;
        return describe(error, target.getHost(), port);
    }

    /**
     * Describes the failure of a call to a host and port.
     *
     * @param error what was thrown
     * @param host the host, or {@code null} if unknown
     * @param port the port, or a negative number if unknown
     * @return the words
     */
    public static String describe(@CheckForNull final Throwable error, @CheckForNull final String host,
            final int port) {
        if (error == null) {
            return "unknown error";
        }
        String where = host == null ? null : port < 0 ? host : host + ":" + port;
        Set<Throwable> seen = new HashSet<>();
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < MAX_CAUSES && seen.add(cause);
                cause = cause.getCause(), depth++) {
            String words = words(cause, where, host);
            if (words != null) {
                return words;
            }
        }
        return fallback(error);
    }

    /**
     * Describes a failure without a known server, such as an error while reading a file.
     *
     * @param error what was thrown
     * @return the words
     */
    public static String describe(@CheckForNull final Throwable error) {
        return describe(error, null, -1);
    }

    @CheckForNull
    private static String words(final Throwable cause, @CheckForNull final String where,
            @CheckForNull final String host) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            String name = host != null ? host : message.isBlank() ? "?" : message.split(":")[0].trim();
            return "unknown host '" + name + "' (the name does not resolve; check its spelling and the DNS)";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to " + (where == null ? "the host" : where) + " (the network cannot reach it)";
        }
        if (cause instanceof HttpConnectTimeoutException
                || cause instanceof ConnectException && lower.contains("timed out")) {
            return "no connection to " + (where == null ? "the server" : where) + " in time (the host is down, or"
                    + " a firewall drops the connection)";
        }
        if (cause instanceof ConnectException) {
            return "connection refused" + (where == null ? "" : " (nothing listens on " + where + ")");
        }
        if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
            return "no answer from " + (where == null ? "the server" : where) + " in time";
        }
        if (cause instanceof SSLHandshakeException) {
            String on = where == null ? "the server" : where;
            if (lower.contains("pkix") || lower.contains("certificate")) {
                return "the TLS handshake with " + on + " failed: its certificate is not trusted by this Java ("
                        + firstLine(message) + "); add its CA to the trust store, or check the URL";
            }
            return "the TLS handshake with " + on + " failed (" + firstLine(message) + "); does it speak HTTPS"
                    + " on that port?";
        }
        if (cause instanceof SSLException) {
            String on = where == null ? "the server" : where;
            if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")) {
                return on + " does not speak TLS: use http://, or the port of its HTTPS listener";
            }
            return "a TLS error with " + on + " (" + firstLine(message) + ")";
        }
        if (cause instanceof SocketException && lower.contains("reset")) {
            return "the connection to " + (where == null ? "the server" : where) + " was reset";
        }
        if (cause instanceof SocketException && lower.contains("closed")
                || cause instanceof EOFException || lower.contains("received no bytes")) {
            return (where == null ? "the server" : where) + " closed the connection without an answer";
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file: " + message;
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        return null;
    }

    private static String fallback(final Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                return firstLine(message);
            }
        }
        // nothing says more than the kind of error: put it in words, ConnectionClosedException -> connection closed
        String name = error.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String firstLine(final String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}
