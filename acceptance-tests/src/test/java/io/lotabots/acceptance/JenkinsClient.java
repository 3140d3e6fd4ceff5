package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small client of the Jenkins REST API, configured from JENKINS_URL, JENKINS_USER and JENKINS_TOKEN.
 *
 * <p>With an API token Jenkins needs no crumb; with a password (or anonymously, when anonymous users may create
 * jobs) it does, and the default crumb issuer ties the crumb to the web session, so the client keeps the session
 * cookie of {@code /crumbIssuer/api/json} in a cookie manager and sends it with every later request. Waiting is
 * bounded by deadlines: they only stop a test that would hang, they assert nothing about speed.</p>
 */
final class JenkinsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    private Optional<Crumb> crumb;

    private JenkinsClient(final URI base, final String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    static JenkinsClient fromEnvironment() {
        String url = System.getenv("JENKINS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(JenkinsCondition.REASON);
        }
        String user = System.getenv("JENKINS_USER");
        String token = System.getenv("JENKINS_TOKEN");
        String authorization = user == null || token == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return new JenkinsClient(URI.create(url.endsWith("/") ? url : url + "/"), authorization);
    }

    /** The Jenkins root URL the tests reach Jenkins by, ending in a slash. */
    URI base() {
        return base;
    }

    JsonNode getJson(final String path) throws IOException, InterruptedException {
        return JSON.readTree(getText(path));
    }

    String getText(final String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether a plugin with this short name is installed and active. */
    boolean hasActivePlugin(final String shortName) throws IOException, InterruptedException {
        for (JsonNode plugin : getJson("pluginManager/api/json?tree=plugins[shortName,active]").path("plugins")) {
            if (shortName.equals(plugin.path("shortName").asText()) && plugin.path("active").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Creates a Pipeline job that runs the Jenkinsfile, or replaces the Jenkinsfile of an existing one. */
    void createPipelineJob(final String name, final String jenkinsfile) throws IOException, InterruptedException {
        createOrUpdateJob(name, JobXml.pipeline("Created by the LotaBots acceptance tests", jenkinsfile));
    }

    /** Creates a job from its config.xml, or replaces the configuration of an existing one. */
    void createOrUpdateJob(final String name, final String configXml) throws IOException, InterruptedException {
        String path = get(job(name) + "api/json?tree=name").statusCode() == 200
                ? job(name) + "config.xml"
                : "createItem?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        HttpResponse<String> response = post(path, HttpRequest.BodyPublishers.ofString(configXml),
                "application/xml; charset=UTF-8");
        if (response.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Runs a Groovy script in the script console ({@code /scriptText}, administrators only) and returns what it
     * printed. The acceptance tests use it to read Jenkins' own log and to restore the global configuration.
     */
    String runScript(final String groovy) throws IOException, InterruptedException {
        HttpResponse<String> response = post("scriptText", HttpRequest.BodyPublishers.ofString("script="
                + URLEncoder.encode(groovy, StandardCharsets.UTF_8)), "application/x-www-form-urlencoded");
        if (response.statusCode() != 200) {
            throw new IOException("POST scriptText answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Deletes a job; a job that is not there is fine. */
    void deleteJob(final String name) throws IOException, InterruptedException {
        HttpResponse<String> response = post(job(name) + "doDelete", HttpRequest.BodyPublishers.noBody(), null);
        int status = response.statusCode();
        if (status != 200 && status != 302 && status != 404) {
            throw new IOException("Deleting job " + name + " answered " + status + ": " + response.body());
        }
    }

    /**
     * Starts a build and waits until it leaves the queue.
     *
     * @param name       the job
     * @param parameters build parameters; empty for a job without any
     * @param deadline   how long the build may wait in the queue
     * @return the build number
     */
    int build(final String name, final Map<String, String> parameters, final Duration deadline)
            throws IOException, InterruptedException {
        String path = parameters.isEmpty() ? job(name) + "build" : job(name) + "buildWithParameters?"
                + parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = post(path, HttpRequest.BodyPublishers.noBody(), null);
        if (response.statusCode() != 201) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        long item = QueueLocation.itemNumber(response.headers().firstValue("Location").orElse(null));
        Instant end = Instant.now().plus(deadline);
        while (true) {
            JsonNode queued = getJson("queue/item/" + item + "/api/json?tree=cancelled,why,executable[number]");
            if (queued.path("executable").has("number")) {
                return queued.path("executable").path("number").asInt();
            }
            if (queued.path("cancelled").asBoolean()) {
                throw new IllegalStateException("Queue item " + item + " of " + name + " was cancelled");
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("The build of " + name + " did not leave the queue within "
                        + deadline + ": " + queued.path("why").asText());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until a build has ended.
     *
     * @return its result: SUCCESS, UNSTABLE, FAILURE, ABORTED or NOT_BUILT
     * @throws IllegalStateException with the end of its console when it is still running at the deadline
     */
    String waitForResult(final String name, final int number, final Duration deadline)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            JsonNode build = getJson(job(name) + number + "/api/json?tree=building,result");
            if (!build.path("building").asBoolean(true) && build.hasNonNull("result")) {
                return build.path("result").asText();
            }
            if (Instant.now().isAfter(end)) {
                String console = consoleText(name, number).text();
                throw new IllegalStateException(name + " #" + number + " still runs after " + deadline
                        + "; its console ends with:\n" + console.substring(Math.max(0, console.length() - 4000)));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The number of the job's last build, or 0 when it has none. */
    int lastBuildNumber(final String name) throws IOException, InterruptedException {
        return getJson(job(name) + "api/json?tree=lastBuild[number]").path("lastBuild").path("number").asInt(0);
    }

    ConsoleOutput consoleText(final String name, final int number) throws IOException, InterruptedException {
        return new ConsoleOutput(getText(job(name) + number + "/consoleText"));
    }

    /**
     * The build's LotaBots action over the REST API.
     *
     * @param tree a Stapler {@code tree} expression, or null for the default depth
     */
    BotMessagesView botMessages(final String name, final int number, final String tree)
            throws IOException, InterruptedException {
        String query = tree == null ? "" : "?tree=" + URLEncoder.encode(tree, StandardCharsets.UTF_8);
        return BotMessagesView.of(getJson(job(name) + number + "/lotabots/api/json" + query));
    }

    /**
     * Approves the first input a build waits for, as a person does on the build's input page ("Approve" with no
     * parameters): waits within the deadline until the build asks (the Pipeline REST API's pending inputs), then
     * submits it as the user of this client.
     *
     * @return the message of the input that was approved
     */
    String approveInput(final String name, final int number, final Duration deadline)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            JsonNode pending = getJson(job(name) + number + "/wfapi/pendingInputActions");
            if (pending.isArray() && !pending.isEmpty()) {
                JsonNode input = pending.get(0);
                String id = input.path("id").asText();
                String form = "proceed=Approve&json=" + URLEncoder.encode("{\"parameter\":[]}", StandardCharsets.UTF_8);
                HttpResponse<String> response = post(job(name) + number + "/input/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/submit",
                        HttpRequest.BodyPublishers.ofString(form), "application/x-www-form-urlencoded");
                if (response.statusCode() != 200 && response.statusCode() != 302) {
                    throw new IOException("Approving input " + id + " of " + name + " #" + number + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                return input.path("message").asText();
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(name + " #" + number + " asked for no input within " + deadline
                        + "; its console ends with:\n" + tail(consoleText(name, number).text()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String tail(final String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /** The path of a job, checked to be a plain name (the tests only make such names). */
    static String job(final String name) {
        if (!JOB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Job name '" + name + "' is not a plain name of letters, digits, "
                    + "'.', '_' and '-'");
        }
        return "job/" + name + "/";
    }

    private HttpResponse<String> post(final String path, final HttpRequest.BodyPublisher body,
            final String contentType) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, body, contentType);
        if (response.statusCode() == 403 && response.body().contains("No valid crumb")) {
            crumb = null; // the session expired: ask for a new crumb once
            response = send(path, body, contentType);
        }
        return response;
    }

    private HttpResponse<String> send(final String path, final HttpRequest.BodyPublisher body,
            final String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        crumb().ifPresent(value -> request.header(value.field(), value.value()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private Optional<Crumb> crumb() throws IOException, InterruptedException {
        if (crumb == null) {
            HttpResponse<String> response = get("crumbIssuer/api/json");
            if (response.statusCode() == 404) {
                crumb = Optional.empty(); // CSRF protection is off
            } else if (response.statusCode() == 200) {
                crumb = Optional.of(Crumb.of(JSON.readTree(response.body())));
            } else {
                throw new IOException("GET crumbIssuer/api/json answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        return crumb;
    }

    private HttpRequest.Builder request(final String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /**
     * A crumb as {@code /crumbIssuer/api/json} gives it: the header to send and its value.
     */
    record Crumb(String field, String value) {
        static Crumb of(final JsonNode json) {
            String field = json.path("crumbRequestField").asText("");
            String value = json.path("crumb").asText("");
            if (field.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("The crumb issuer answered without crumbRequestField and crumb: "
                        + json);
            }
            return new Crumb(field, value);
        }
    }
}
