package io.lotabots.http;

import com.sun.net.httpserver.HttpServer;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpCheckerTest {
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Duration> sleeps = new ArrayList<>();
    private HttpChecker checker;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/flaky", exchange -> respond(exchange, calls.incrementAndGet() < 3 ? 503 : 200, "ok"));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late");
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the checker stopped reading
            }
        });
        server.start();
        checker = new HttpChecker(HttpClient.newHttpClient(), java.time.Clock.systemUTC(), sleeps::add);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void respond(final com.sun.net.httpserver.HttpExchange exchange, final int status, final String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void passesWhenStatusAndBodyTextMatch() throws InterruptedException {
        HttpCheckResult result = checker.run(HttpCheck.parse(url("/health") + " 200 ~UP"));

        assertThat(result.passed()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.describe()).startsWith("PASS " + url("/health") + " 200 in ");
    }

    @Test
    void failsWhenBodyLacksTheExpectedText() throws InterruptedException {
        HttpCheckResult result = checker.run(HttpCheck.parse(url("/health") + " ~DOWN"));

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).isEqualTo("the body does not contain 'DOWN'");
    }

    @Test
    void failsOnAnotherStatusAndSaysWhichCame() throws InterruptedException {
        HttpCheckResult result = checker.run(HttpCheck.parse(url("/missing")));

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isEqualTo(404);
        assertThat(result.problem()).isEqualTo("expected status 200, got 404");
    }

    @Test
    void retriesUntilTheServicePassesWaitingTheDelayBetweenAttempts() throws InterruptedException {
        HttpCheck check = HttpCheck.of(url("/flaky")).withRetries(5, Duration.ofMillis(250));

        HttpCheckResult result = checker.run(check);

        assertThat(result.passed()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }

    @Test
    void stopsRetryingAfterTheLastAttemptAndReportsIt() throws InterruptedException {
        HttpCheck check = HttpCheck.of(url("/missing")).withRetries(2, Duration.ZERO);

        HttpCheckResult result = checker.run(check);

        assertThat(result.passed()).isFalse();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.describe()).isEqualTo("FAIL " + url("/missing") + " after 3 attempts: expected status 200, got 404");
    }

    @Test
    void givesUpOnASlowServiceAtTheTimeout() throws InterruptedException {
        HttpCheck check = HttpCheck.of(url("/slow")).withTimeout(Duration.ofMillis(200));

        HttpCheckResult result = checker.run(check);

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isNull();
        assertThat(result.problem()).isEqualTo("no answer within 200ms");
        assertThat(result.latency()).isLessThan(Duration.ofMillis(1_900));
    }

    @Test
    void reportsARefusedConnectionAsAFailureNotAnException() throws IOException, InterruptedException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }

        HttpCheckResult result = checker.run(HttpCheck.of("http://127.0.0.1:" + freePort + "/health"));

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).isEqualTo("connection refused (nothing listens on 127.0.0.1:" + freePort + ")");
    }

    @Test
    void readsOnlyTheStartOfAHugeBodyWhenLookingForText() throws InterruptedException {
        HttpCheckResult result = checker.run(HttpCheck.parse(url("/endless") + " ~never-there"));

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).isEqualTo("the body does not contain 'never-there'");
    }

    @Test
    void parsesStatusAndBodyTextFromTheShortForm() {
        HttpCheck check = HttpCheck.parse("http://localhost:8080/ 204 ~all good");

        assertThat(check.expectedStatus()).isEqualTo(204);
        assertThat(check.bodyContains()).isEqualTo("all good");
        assertThat(check.retries()).isZero();
    }

    @Test
    void refusesChecksThatCannotBeRun() {
        assertThatThrownBy(() -> HttpCheck.of("ftp://example.org/file"))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> HttpCheck.parse("http://localhost/ abc"))
                .hasMessage("The status 'abc' of the check 'http://localhost/ abc' is not a number");
        assertThatThrownBy(() -> HttpCheck.parse("http://localhost/ 700"))
                .hasMessageContaining("is not an HTTP status");
        assertThatThrownBy(() -> HttpCheck.parse("http://localhost/ 200 extra"))
                .hasMessageContaining("is not of the form URL[ STATUS][ ~TEXT]");
        assertThatThrownBy(() -> HttpCheck.of("http://local host/"))
                .hasMessageContaining("is not a valid URL");
        assertThatThrownBy(() -> HttpCheck.of("http://localhost/").withRetries(-1, Duration.ZERO))
                .hasMessageContaining("must be between 0 and 1000");
    }
}
