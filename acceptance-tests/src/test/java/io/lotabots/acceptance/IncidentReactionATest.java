package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's reaction in a real Jenkins: a job subscribed with the rule "a critical alert within 30 minutes of a
 * deploy to the same environment" is started by the {@code alert.triggered} of the deploying job, opens the
 * incident of that alert with {@code incidentBot} on the controller and acknowledges it, and its LotaBots page shows
 * the incident's timeline with the deploy and the alert.
 */
@RequiresJenkins
class IncidentReactionATest {
    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldOpenTheIncidentOfACriticalAlertAfterADeployInAJobTheRuleStarts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = Map.of("ENVIRONMENT", "at-" + run, "SERVICE", "web-" + run);
        String responder = JENKINS.pipeline("incident-response", "incident-response.Jenkinsfile", values);
        BuildRun registering = JENKINS.registerTrigger(responder);
        String source = JENKINS.pipeline("build-test-deploy", "incident-source.Jenkinsfile", values);

        BuildRun deploy = JENKINS.run(source, Map.of());

        assertThat(deploy.result()).as("%s", deploy).isEqualTo("SUCCESS");
        BuildRun response = JENKINS.nextFinished(responder, registering.number());
        assertThat(response.result()).as("%s", response).isEqualTo("SUCCESS");
        Map<String, String> reported = response.console().values();
        assertThat(reported).as("%s", response).containsEntry("started", "by-message")
                .containsEntry("rule", "incident-after-deploy").containsEntry("severity", "P1")
                .containsEntry("title", "HighErrorRate on web-" + run + " (at-" + run + ")")
                .containsEntry("status", "acknowledged");
        String id = reported.get("id");
        assertThat(id).matches("INC-\\d+");
        String page = JENKINS.client().getText("job/" + responder + "/" + response.number() + "/lotabots/");
        assertThat(page).contains(id).contains("T+0").contains("deploy.completed")
                .contains("alert.triggered").contains("oncall");
    }
}
