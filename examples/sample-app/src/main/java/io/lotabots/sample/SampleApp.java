package io.lotabots.sample;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny web service: {@code GET /health} answers {@code {"status":"UP","version":...}} and
 * {@code GET /greeting?name=X} answers a greeting. Port and version come from the PORT and APP_VERSION
 * environment variables.
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
        start(port, version);
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
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> respond(exchange.getResponseBody(), exchange,
                "{\"status\":\"UP\",\"version\":\"" + version + "\"}"));
        server.createContext("/greeting", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String name = query != null && query.startsWith("name=") ? query.substring(5) : "world";
            respond(exchange.getResponseBody(), exchange, "{\"greeting\":\"" + Greeter.greet(name) + "\"}");
        });
        server.start();
        return server;
    }

    private static void respond(final OutputStream body, final com.sun.net.httpserver.HttpExchange exchange,
            final String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (body) {
            body.write(bytes);
        }
    }
}
