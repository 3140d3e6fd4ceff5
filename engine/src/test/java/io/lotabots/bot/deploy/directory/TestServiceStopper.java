package io.lotabots.bot.deploy.directory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The stop command of the tests: asks the {@link TestService} on the port in {@code PORT} to shut down.
 */
public final class TestServiceStopper {
    private TestServiceStopper() {
    }

    /**
     * Sends {@code GET /shutdown}.
     *
     * @param args unused
     * @throws IOException if the service does not answer
     * @throws InterruptedException if interrupted
     */
    public static void main(final String[] args) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + System.getenv("PORT") + "/shutdown");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    }
}
