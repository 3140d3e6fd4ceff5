package io.lotabots.bot.deploy.directory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/**
 * A tiny service that the directory target's tests package into a jar and deploy. Like the sample app it reads
 * its port from {@code PORT} and its version from {@code APP_VERSION}. How it behaves comes from
 * {@code test-service.properties} inside its jar ({@code mode=healthy}, {@code unhealthy}: /health answers 503,
 * {@code crash}: prints a message and exits with code 3, {@code degrading}: /health answers 200 to the first
 * {@value #DEGRADING_HEALTHY_CHECKS} checks and 503 after, a release that passes its start and smoke test and fails
 * its canary watch), so that a broken build is a broken artifact.
 * {@code GET /shutdown} ends it, for the stop command; {@code GET /args} answers the arguments it was started with,
 * which tells which start command started it.
 */
public final class TestService {
    /** How many health checks a {@code degrading} service passes: the start's and the smoke test's. */
    static final int DEGRADING_HEALTHY_CHECKS = 2;

    private TestService() {
    }

    /**
     * Starts the service.
     *
     * @param args printed to the log, nothing else
     * @throws IOException if the port cannot be opened
     */
    public static void main(final String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Properties properties = new Properties();
        try (InputStream in = TestService.class.getResourceAsStream("/test-service.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        String mode = properties.getProperty("mode", "healthy");
        int port = Integer.parseInt(System.getenv("PORT"));
        String version = System.getenv("APP_VERSION");
        out.println("TestService " + version + " on port " + port + ", mode " + mode + ", args "
                + Arrays.toString(args));
        if ("crash".equals(mode)) {
            out.println("boom: cannot open the database");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        java.util.concurrent.atomic.AtomicInteger healthChecks = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/health", exchange -> {
            boolean down = "unhealthy".equals(mode)
                    || "degrading".equals(mode) && healthChecks.incrementAndGet() > DEGRADING_HEALTHY_CHECKS;
            respond(exchange, down ? 503 : 200, "{\"status\":\"" + (down ? "DOWN" : "UP") + "\",\"version\":\""
                    + version + "\",\"pid\":" + ProcessHandle.current().pid() + "}");
        });
        server.createContext("/shutdown", exchange -> {
            out.println("shutdown requested");
            respond(exchange, 200, "bye");
            server.stop(0);
            System.exit(0);
        });
        server.createContext("/args", exchange -> respond(exchange, 200, String.join(" ", args)));
        server.createContext("/", exchange -> respond(exchange, 200, "version " + version));
        server.start();
    }

    private static void respond(final HttpExchange exchange, final int status, final String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }
}
