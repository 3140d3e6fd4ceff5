package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 from end to end in a real Jenkins, on the sample app: the build-test-deploy job deploys a good release to
 * production, then one that passes every check of its run and breaks a little later; a scheduled watch of production
 * raises {@code alert.triggered}; the job subscribed with the reaction rule "a critical alert within 30 minutes of a
 * deploy to the same environment" runs {@code lotabotsIncidentResponse}: the incident is opened, the on-call approves
 * the rollback on the build's input, production serves the good release again, the watch after it passes, and the
 * incident is resolved with its post-mortem. Needs what {@link ExampleJenkinsfilesATest} needs: the agent on this
 * machine, Maven and Maven Central.
 */
@RequiresJenkins
class IncidentResponseEndToEndATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @RegisterExtension
    static final SampleAppWorkspaces WORKSPACES = new SampleAppWorkspaces(JENKINS);

    @Test
    void shouldRollProductionBackThroughTheIncidentResponseJobThatTheAlertAfterABrokenDeployStarts()
            throws Exception {
        // job names of this run only: a build's correlation id is its job's name and number, and a job made again
        // under an earlier run's name would share its builds' correlation ids with that run's messages
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        Path workspace = SampleAppWorkspaces.copySampleApp(WORKSPACES.work().resolve("incident-e2e"));
        String approver = System.getenv().getOrDefault("JENKINS_USER", "admin");
        Map<String, String> values = Map.of("WORKSPACE", workspace.toAbsolutePath().toString(),
                "STAGING_BLUE", String.valueOf(SampleAppWorkspaces.freePort()),
                "STAGING_GREEN", String.valueOf(SampleAppWorkspaces.freePort()),
                "BLUE", String.valueOf(SampleAppWorkspaces.freePort()),
                "GREEN", String.valueOf(SampleAppWorkspaces.freePort()),
                "APPROVER", approver);
        String responder = JENKINS.pipeline("incident-e2e-response-" + run, "incident-e2e-response.Jenkinsfile", values);
        BuildRun registering = JENKINS.registerTrigger(responder);
        String delivery = JENKINS.pipeline("incident-e2e-delivery-" + run, "incident-e2e-delivery.Jenkinsfile", values);

        BuildRun good = scenario(delivery, Map.of());
        BuildRun broken = scenario(delivery, Map.of("START",
                "env SAMPLE_APP_HEALTHY_CHECKS=10 java -jar ${ARTIFACT}"));

        assertThat(good.result()).as("%s", good).isEqualTo("SUCCESS");
        assertThat(broken.result()).as("the broken release passes every check of its own run: %s", broken)
                .isEqualTo("SUCCESS");
        String goodVersion = good.console().values().get("version");
        String brokenVersion = broken.console().values().get("version");
        URI production = URI.create(broken.console().values().get("url"));
        assertThat(health(production)).startsWith("200 ").contains(brokenVersion);

        String watch = JENKINS.pipeline("incident-e2e-watch-" + run, "incident-e2e-watch.Jenkinsfile", Map.of());
        BuildRun watched = JENKINS.run(watch, Map.of());

        assertThat(watched.result()).as("%s", watched).isEqualTo("FAILURE");
        BotMessagesView alerts = JENKINS.messages(watched);
        assertThat(alerts.messagesOfType("alert.triggered")).as("%s", alerts).isNotEmpty()
                .allSatisfy(alert -> assertThat(alert.path("data").path("severity").asText())
                        .isEqualTo("critical"));
        assertThat(watched.console().text()).contains("Watching the health of " + brokenVersion + " in production");
        int response = JENKINS.nextBuild(responder, registering.number());
        String asked = JENKINS.client().approveInput(responder, response, JenkinsJobs.buildDeadline());
        assertThat(asked).contains("Roll production back");
        BuildRun responded = JENKINS.finished(responder, response);

        assertThat(responded.result()).as("%s", responded).isEqualTo("SUCCESS");
        Map<String, String> reported = responded.console().values();
        assertThat(reported).as("%s", responded).containsEntry("status", "SUCCESS")
                .containsEntry("restored", goodVersion).containsEntry("verdict", "pass");
        assertThat(reported.get("incident")).matches("INC-\\d+");
        // production serves the good release again, where the broken one answered
        String restored = JENKINS.messages(responded).messagesOfType("deploy.rolled_back").stream()
                .map(message -> message.path("data").path("url").asText()).findFirst().orElseThrow();
        assertThat(health(URI.create(restored))).startsWith("200 ").contains(goodVersion);
        BotMessagesView messages = JENKINS.messages(responded);
        assertThat(messages.countsByType()).as("%s", messages).containsKeys("incident.created", "approval.granted",
                "deploy.rolled_back", "monitor.verdict", "incident.resolved", "incident.postmortem_written");
        assertThat(messages.messagesOfType("approval.granted").get(0).path("data").path("approver").asText())
                .as("who approved the rollback on the input").isEqualTo(approver);
        JsonNode rollback = messages.messagesOfType("deploy.rolled_back").get(0).path("data");
        assertThat(rollback.path("from_version").asText()).isEqualTo(brokenVersion);
        assertThat(rollback.path("to_version").asText()).isEqualTo(goodVersion);
        String page = JENKINS.client().getText("job/" + responder + "/" + responded.number() + "/lotabots/");
        assertThat(page).contains(reported.get("incident")).contains("T+0").contains("alert.triggered")
                .contains("deploy.rolled_back");
    }

    private static BuildRun scenario(final String job, final Map<String, String> parameters) throws Exception {
        int number = JENKINS.client().build(job, parameters, JenkinsJobs.buildDeadline());
        String result = JENKINS.client().waitForResult(job, number, SampleAppWorkspaces.scenarioDeadline());
        return new BuildRun(job, number, result, JENKINS.client().consoleText(job, number));
    }

    /** The status and body of the release's health page, for example {@code 200 UP 1.0.1}. */
    private static String health(final URI base) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
    }
}
