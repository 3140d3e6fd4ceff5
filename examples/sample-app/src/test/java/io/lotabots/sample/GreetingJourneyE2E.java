package io.lotabots.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: the packaged jar started as its own process, as a deployment starts it. */
class GreetingJourneyE2E {
    private Process service;
    private int port;

    @BeforeEach
    void startPackagedService() throws Exception {
        Path jar = Files.list(Path.of("target")).filter(path -> path.getFileName().toString().matches(
                "sample-app-.*\\.jar")).findFirst().orElseThrow(() -> new IllegalStateException(
                "run 'mvn verify': the end-to-end test needs the packaged jar in target/"));
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("APP_VERSION", "e2e");
        service = builder.redirectErrorStream(true).start();
        waitUntilHealthy();
    }

    @AfterEach
    void stopService() {
        service.destroy();
    }

    @Test
    void shouldServeAGreetingJourneyFromThePackagedJar() throws Exception {
        HttpResponse<String> health = get("/health");
        HttpResponse<String> greeting = get("/greeting?name=Linus");

        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"version\":\"e2e\""), health.body());
        assertTrue(greeting.body().contains("Hello, Linus!"), greeting.body());
    }

    private void waitUntilHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            }
            catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the packaged service did not answer /health within 20 s");
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
