package io.jenkins.plugins.lotabots.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import io.lotabots.bot.incident.TestPostgresDatabase;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code incidentBot} step with the PostgreSQL store of the global configuration, against the test server of
 * {@code scripts/services} ({@code POSTGRES_URL}, {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}), in a database of
 * its own. Without those variables it fails and says how to start the server,
 * as the engine's PostgreSQL tests do.
 */
@WithJenkins
class IncidentBotPostgresITest {
    private TestPostgresDatabase database;

    @AfterEach
    void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldKeepIncidentsInTheConfiguredDatabaseWithTheCredentialsLogin(final JenkinsRule j) throws Exception {
        database = TestPostgresDatabase.create("lotabots_plugin_");
        String user = database.user();
        String password = database.password();
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "incident-db", "", user, password));
        SystemCredentialsProvider.getInstance().save();
        LotaBotsConfiguration.get().setIncidentDatabaseUrl(database.url());
        LotaBotsConfiguration.get().setIncidentDatabaseCredentialsId("incident-db");

        WorkflowRun opened = run(j, "open", "def r = incidentBot action: 'open', service: 'web', alertName: 'HighErrorRate',"
                + " alertSeverity: 'critical'\necho \"id=${r.id} created=${r.created}\"\n");
        WorkflowRun acknowledged = run(j, "ack", "def r = incidentBot action: 'acknowledge', id: 'INC-1', by: 'bob'\n"
                + "echo \"status=${r.incidentStatus}\"\n");

        j.assertLogContains("id=INC-1 created=true", opened);
        j.assertLogContains("status=acknowledged", acknowledged);
        j.assertLogNotContains(password, opened);
        assertThat(ControllerIncidents.storeFolder().resolve("INC-1.json")).doesNotExist();
        HtmlPage page = j.createWebClient().getPage(acknowledged, "lotabots/");
        assertThat(page.asNormalizedText()).contains("INC-1: HighErrorRate on web (production)").contains("T+0");
    }

    private static WorkflowRun run(final JenkinsRule j, final String name, final String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));
    }
}
