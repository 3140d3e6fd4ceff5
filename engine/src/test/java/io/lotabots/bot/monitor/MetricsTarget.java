package io.lotabots.bot.monitor;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The application the test Prometheus scrapes: {@code 127.0.0.1:19464/metrics} in the Prometheus text format, with
 * counters and a latency histogram that grow with the time since the target started, per app label:
 * <ul>
 *   <li>{@code healthy}: 100 requests/s, no errors, every request 80 ms;</li>
 *   <li>{@code failing}: 100 requests/s, 20 % of them 500, every request 800 ms;</li>
 *   <li>{@code flapping}: 100 requests/s, 50 % errors from second 5 to second 10, none before or after;</li>
 *   <li>{@code idle}: no requests at all, so that an error ratio is 0/0, NaN;</li>
 *   <li>{@code leaky}: a gauge {@code app_memory_bytes} of 100 MB growing 5 MB a second.</li>
 * </ul>
 * Every series carries {@code run}, unique per target, so that samples of earlier test runs in the same Prometheus
 * never count.
 */
final class MetricsTarget implements AutoCloseable {
    /** The port scripts/services configures Prometheus to scrape. */
    static final int PORT = 19464;

    private static final double[] BOUNDS = {0.05, 0.1, 0.5, 1};

    private final HttpServer server;
    private final String run;
    private final long startNanos;
    private final double startEpochSeconds;

    MetricsTarget(final String run) throws IOException {
        this.run = run;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
        this.startNanos = System.nanoTime();
        this.startEpochSeconds = System.currentTimeMillis() / 1000.0;
        server.createContext("/metrics", exchange -> {
            byte[] body = render((System.nanoTime() - startNanos) / 1e9).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /**
     * Returns when the target started.
     *
     * @return epoch seconds
     */
    double startEpochSeconds() {
        return startEpochSeconds;
    }

    String render(final double t) {
        StringBuilder text = new StringBuilder();
        text.append("# HELP http_server_requests_seconds Request latency\n");
        text.append("# TYPE http_server_requests_seconds histogram\n");
        requests(text, "healthy", 100 * t, 0, 0.08);
        requests(text, "failing", 80 * t, 20 * t, 0.8);
        double errors = 50 * Math.max(0, Math.min(t, 10) - 5);
        requests(text, "flapping", 100 * t - errors, errors, 0.08);
        requests(text, "idle", 0, 0, 0.08);
        text.append("# TYPE app_memory_bytes gauge\n");
        text.append(String.format(Locale.ROOT, "app_memory_bytes{app=\"leaky\",run=\"%s\"} %.1f%n", run,
                100e6 + 5e6 * t));
        return text.toString();
    }

    private void requests(final StringBuilder text, final String app, final double ok, final double failed,
            final double latency) {
        series(text, app, "200", ok, latency);
        series(text, app, "500", failed, latency);
    }

    private void series(final StringBuilder text, final String app, final String status, final double count,
            final double latency) {
        String labels = "app=\"" + app + "\",run=\"" + run + "\",status=\"" + status + "\"";
        for (double bound : BOUNDS) {
            text.append(String.format(Locale.ROOT, "http_server_requests_seconds_bucket{%s,le=\"%s\"} %.3f%n",
                    labels, bound, latency <= bound ? count : 0));
        }
        text.append(String.format(Locale.ROOT, "http_server_requests_seconds_bucket{%s,le=\"+Inf\"} %.3f%n", labels,
                count));
        text.append(String.format(Locale.ROOT, "http_server_requests_seconds_count{%s} %.3f%n", labels, count));
        text.append(String.format(Locale.ROOT, "http_server_requests_seconds_sum{%s} %.3f%n", labels,
                count * latency));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
