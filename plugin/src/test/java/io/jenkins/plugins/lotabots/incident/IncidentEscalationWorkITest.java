package io.jenkins.plugins.lotabots.incident;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.fasterxml.jackson.databind.JsonNode;

import hudson.ExtensionList;
import hudson.model.Result;
import hudson.util.Secret;
import hudson.util.StreamTaskListener;

import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import io.lotabots.bot.incident.FileIncidentStore;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentResult;
import io.lotabots.bot.notify.FakeVendorServer;
import io.lotabots.bot.notify.FakeVendorServer.Request;
import io.lotabots.bot.notify.FakeVendorServer.Vendor;
import io.lotabots.bot.notify.IncidentPaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller escalates the incidents of the {@code incidentBot} step's store by itself, with the paging settings
 * of the global configuration: the incident nobody acknowledged is re-paged once on the fake PagerDuty, the
 * acknowledged one is left alone, also in the PostgreSQL store of the global configuration (the test server of
 * {@code scripts/services}: {@code POSTGRES_URL}, {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}), and without
 * paging settings nothing happens.
 */
@WithJenkins
class IncidentEscalationWorkITest {
    private FakeVendorServer vendors;
    private String database;

    @BeforeEach
    void startVendors() {
        vendors = FakeVendorServer.start();
    }

    @AfterEach
    void stopVendors() throws Exception {
        vendors.close();
        System.clearProperty(IncidentEscalationWork.PERIOD_PROPERTY);
        if (database != null) {
            try (Connection connection = DriverManager.getConnection(System.getenv("POSTGRES_URL"),
                    System.getenv("POSTGRES_USER"), System.getenv("POSTGRES_PASSWORD"));
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void shouldRepageTheIncidentNobodyAcknowledgedOnceAndLeaveTheAcknowledgedOneAlone(final JenkinsRule j)
            throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "pagerduty", "", Secret.fromString(FakeVendorServer.PAGERDUTY_ROUTING_KEY)));
        SystemCredentialsProvider.getInstance().save();
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        configuration.setPagerDutyCredentialsId("pagerduty");
        configuration.setEscalationPagerDutyUrl(vendors.pagerDutyUrl());
        // due as soon as opened: the pass below finds both incidents due
        configuration.setEscalationRepageAfter("1ms");
        String page = "pagerdutyUrl: '" + vendors.pagerDutyUrl() + "', retries: 0";
        run(j, "opener", "incidentBot action: 'open', service: 'checkout', alertName: 'HighErrorRate',"
                + " alertSeverity: 'critical', " + page + "\n"
                + "incidentBot action: 'open', service: 'search', alertName: 'HighLatency', alertSeverity: 'critical', "
                + page + "\n"
                + "incidentBot action: 'acknowledge', id: 'INC-2', by: 'alice', " + page + "\n");
        assertThat(triggers("INC-1")).hasSize(1);
        System.setProperty(IncidentEscalationWork.PERIOD_PROPERTY, "2000");
        IncidentEscalationWork work = ExtensionList.lookupSingleton(IncidentEscalationWork.class);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Optional<IncidentResult> first = work.escalate(new StreamTaskListener(log, StandardCharsets.UTF_8));
        Optional<IncidentResult> second = work.escalate(new StreamTaskListener(log, StandardCharsets.UTF_8));

        assertThat(work.getRecurrencePeriod()).isEqualTo(2000L);
        assertThat(first).hasValueSatisfying(result -> assertThat(result.getIncidents()).extracting(Incident::id)
                .containsExactly("INC-1"));
        assertThat(second).hasValueSatisfying(result -> assertThat(result.getIncidents()).isEmpty());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Escalated 1 of 1 triggered incident: 1 step(s)")
                .contains("Nothing to escalate now (1 triggered incident in the incident folder '"
                        + ControllerIncidents.storeFolder());
        assertThat(triggers("INC-1")).hasSize(2).last().satisfies(event -> {
            assertThat(event.path("routing_key").asText()).isEqualTo(FakeVendorServer.PAGERDUTY_ROUTING_KEY);
            assertThat(event.path("payload").path("summary").asText()).startsWith("INC-1 P1");
        });
        assertThat(triggers("INC-2")).hasSize(1);
        FileIncidentStore store = FileIncidentStore.in(ControllerIncidents.storeFolder());
        assertThat(store.find("INC-1").orElseThrow().lastEvent(IncidentPaging.REPAGED).orElseThrow().text())
                .endsWith("PagerDuty triggered again");
        assertThat(store.find("INC-2").orElseThrow().events()).extracting(IncidentEvent::kind)
                .doesNotContain(IncidentPaging.REPAGED);

        // as Jenkins runs it: in a thread of its own, its lines in the task's log
        work.doRun();
        java.nio.file.Path taskLog = j.jenkins.getRootDir().toPath().resolve("logs/tasks/" + work.name + ".log");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.exists(taskLog) && Files.readString(taskLog).contains("Nothing to escalate now"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(taskLog).content().contains("Nothing to escalate now");
        assertThat(triggers("INC-1")).hasSize(2);
    }

    @Test
    void shouldEscalateTheIncidentsOfTheConfiguredDatabaseWithTheCredentialsLogin(final JenkinsRule j)
            throws Exception {
        String server = System.getenv("POSTGRES_URL");
        String user = System.getenv("POSTGRES_USER");
        String password = System.getenv("POSTGRES_PASSWORD");
        assertThat(server != null && user != null && password != null)
                .as("POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD are not set: start the test PostgreSQL with"
                        + " scripts/services and export what it prints")
                .isTrue();
        database = "lotabots_escalation_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(server, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "incident-db", "", user, password));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "pagerduty", "", Secret.fromString(FakeVendorServer.PAGERDUTY_ROUTING_KEY)));
        SystemCredentialsProvider.getInstance().save();
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        configuration.setIncidentDatabaseUrl(server.substring(0, server.lastIndexOf('/') + 1) + database);
        configuration.setIncidentDatabaseCredentialsId("incident-db");
        configuration.setPagerDutyCredentialsId("pagerduty");
        configuration.setEscalationPagerDutyUrl(vendors.pagerDutyUrl());
        configuration.setEscalationRepageAfter("1ms");
        run(j, "opener", "incidentBot action: 'open', service: 'checkout', alertName: 'HighErrorRate',"
                + " alertSeverity: 'critical', pagerdutyUrl: '" + vendors.pagerDutyUrl() + "', retries: 0\n");
        IncidentEscalationWork work = ExtensionList.lookupSingleton(IncidentEscalationWork.class);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Optional<IncidentResult> result = work.escalate(new StreamTaskListener(log, StandardCharsets.UTF_8));

        assertThat(result).as(log.toString(StandardCharsets.UTF_8)).hasValueSatisfying(escalated ->
                assertThat(escalated.getIncidents()).extracting(Incident::id).containsExactly("INC-1"));
        assertThat(triggers("INC-1")).hasSize(2);
        assertThat(ControllerIncidents.storeFolder().resolve("INC-1.json")).doesNotExist();
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(password);
    }

    @Test
    void shouldDoNothingAndSaySoWithoutAPagerDutyKeyOrOnCallNumbers(final JenkinsRule j) throws Exception {
        LotaBotsConfiguration.get().setEscalationRepageAfter("1ms");
        run(j, "opener", "incidentBot action: 'open', service: 'checkout', alertName: 'HighErrorRate',"
                + " alertSeverity: 'critical'\n");
        IncidentEscalationWork work = ExtensionList.lookupSingleton(IncidentEscalationWork.class);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Optional<IncidentResult> result = work.escalate(new StreamTaskListener(log, StandardCharsets.UTF_8));

        assertThat(result).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(Messages.IncidentEscalationWork_Unset());
        assertThat(FileIncidentStore.in(ControllerIncidents.storeFolder()).find("INC-1").orElseThrow().events())
                .extracting(IncidentEvent::kind).doesNotContain(IncidentPaging.REPAGED);
        assertThat(vendors.requests()).isEmpty();
    }

    private List<JsonNode> triggers(final String id) {
        return vendors.requests(Vendor.PAGERDUTY).stream().map(Request::json)
                .filter(event -> event.path("dedup_key").asText().equals(id))
                .filter(event -> event.path("event_action").asText().equals("trigger")).toList();
    }

    private static void run(final JenkinsRule j, final String name, final String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        j.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));
    }
}
