package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client of the Jenkins REST API, configured from JENKINS_URL, JENKINS_USER and JENKINS_TOKEN.
 */
final class JenkinsClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private JenkinsClient(final URI base, final String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    static JenkinsClient fromEnvironment() {
        String url = System.getenv("JENKINS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("JENKINS_URL is not set; the acceptance tests need a running Jenkins");
        }
        String user = System.getenv("JENKINS_USER");
        String token = System.getenv("JENKINS_TOKEN");
        String authorization = user == null || token == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return new JenkinsClient(URI.create(url.endsWith("/") ? url : url + "/"), authorization);
    }

    JsonNode getJson(final String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
