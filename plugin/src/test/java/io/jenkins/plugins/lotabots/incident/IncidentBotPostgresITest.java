package io.jenkins.plugins.lotabots.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
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
    private final String server = System.getenv("POSTGRES_URL");
    private final String user = System.getenv("POSTGRES_USER");
    private final String password = System.getenv("POSTGRES_PASSWORD");
    private String database;

    private Connection connect() throws java.sql.SQLException {
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(server);
        return source.getConnection(user, password);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (database != null) {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void shouldKeepIncidentsInTheConfiguredDatabaseWithTheCredentialsLogin(final JenkinsRule j) throws Exception {
        assertThat(server != null && user != null && password != null)
                .as("POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD are not set: start the test PostgreSQL with"
                        + " scripts/services and export what it prints")
                .isTrue();
        database = "lotabots_plugin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "incident-db", "", user, password));
        SystemCredentialsProvider.getInstance().save();
        LotaBotsConfiguration.get().setIncidentDatabaseUrl(server.substring(0, server.lastIndexOf('/') + 1)
                + database);
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
