package io.lotabots.sample;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny web service: {@code GET /health} answers {@code {"status":"UP","version":...}} and
 * {@code GET /greeting?name=X} answers a greeting. Port and version come from the PORT and APP_VERSION
 * environment variables. SAMPLE_APP_HEALTHY_CHECKS=N makes a release that breaks after it went live: /health answers
 * UP N times, then 503 DOWN, which is how the README shows MonitorBot rolling production back.
 */
public final class SampleApp {
    private SampleApp() {
    }

    /**
     * Starts the service.
     *
     * @param args unused
     * @throws IOException if the port cannot be opened
     */
    public static void main(final String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String version = System.getenv().getOrDefault("APP_VERSION", "dev");
        String healthy = System.getenv("SAMPLE_APP_HEALTHY_CHECKS");
        start(port, version, healthy == null || healthy.isBlank() ? Long.MAX_VALUE : Long.parseLong(healthy.trim()));
    }

    /**
     * Starts the service on loopback.
     *
     * @param port the port, or 0 for any free port
     * @param version the version /health reports
     * @return the running server
     * @throws IOException if the port cannot be opened
     */
    public static HttpServer start(final int port, final String version) throws IOException {
        return start(port, version, Long.MAX_VALUE);
    }

    /**
     * Starts the service on loopback with a health endpoint that fails after a number of checks.
     *
     * @param port the port, or 0 for any free port
     * @param version the version /health reports
     * @param healthyChecks how many /health requests answer UP before it answers 503 DOWN
     * @return the running server
     * @throws IOException if the port cannot be opened
     */
    public static HttpServer start(final int port, final String version, final long healthyChecks)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        AtomicLong checks = new AtomicLong();
        server.createContext("/health", exchange -> {
            boolean up = checks.incrementAndGet() <= healthyChecks;
            respond(exchange.getResponseBody(), exchange, up ? 200 : 503,
                    "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"version\":\"" + version + "\"}");
        });
        server.createContext("/greeting", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String name = query != null && query.startsWith("name=") ? query.substring(5) : "world";
            respond(exchange.getResponseBody(), exchange, 200, "{\"greeting\":\"" + Greeter.greet(name) + "\"}");
        });
        server.start();
        return server;
    }

    private static void respond(final OutputStream body, final com.sun.net.httpserver.HttpExchange exchange,
            final int status, final String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (body) {
            body.write(bytes);
        }
    }
}
