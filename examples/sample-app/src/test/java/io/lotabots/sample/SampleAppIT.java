package io.lotabots.sample;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP endpoints of a running service on loopback. */
class SampleAppIT {
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = SampleApp.start(0, "1.2.3");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldReportHealthWithItsVersion() throws Exception {
        HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\",\"version\":\"1.2.3\"}", response.body());
    }

    @Test
    void shouldGreetByNameOverHttp() throws Exception {
        HttpResponse<String> response = get("/greeting?name=Grace");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Hello, Grace!"), response.body());
    }

    @Test
    void shouldGoDownAfterItsHealthyChecksToShowARollback() throws Exception {
        server.stop(0);
        server = SampleApp.start(0, "1.2.4", 1);

        assertEquals(200, get("/health").statusCode());
        HttpResponse<String> broken = get("/health");
        assertEquals(503, broken.statusCode());
        assertEquals("{\"status\":\"DOWN\",\"version\":\"1.2.4\"}", broken.body());
    }

    private HttpResponse<String> get(final String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
