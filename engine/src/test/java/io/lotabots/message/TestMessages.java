package io.lotabots.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical catalogue of valid messages: one payload per message type, with realistic values, and a fixed
 * envelope around it. Shared with the cli and the plugin through the engine's {@code tests} jar, so that every
 * module tests against the same samples (as the CloudEvents SDK does with its {@code Data} class).
 */
public final class TestMessages {
    /** The id of every message built by {@link #message(BusMessage)}. */
    public static final String ID = "0b6f3c1e-8a2d-4f7b-9e15-c4d2a7b8e901";
    /** The time of every message built by {@link #message(BusMessage)}. */
    public static final Instant TIME = Instant.parse("2026-11-24T10:15:30Z");
    /** The correlation id of every message built by {@link #message(BusMessage)}. */
    public static final String CORRELATION_ID = "job/app/main#42";

    /** The content of the artifact in {@link #buildCompleted()}; {@link #ARTIFACT_SHA256} is its digest. */
    public static final String ARTIFACT_CONTENT = "build-12345 app-1.4.2.tar.gz";
    /** The SHA-256 digest of {@link #ARTIFACT_CONTENT}, as {@code sha256sum} prints it. */
    public static final String ARTIFACT_SHA256 = "ce2500ba3a110e95dcdd5574c737106a848d99cb687ec3a6b54306c8d943ed13";
    /** The content of the backup in {@link #backupCreated()}; {@link #BACKUP_SHA256} is its digest. */
    public static final String BACKUP_CONTENT = "orders-db 2026-11-24";
    /** The SHA-256 digest of {@link #BACKUP_CONTENT}, as {@code sha256sum} prints it. */
    public static final String BACKUP_SHA256 = "deaa5e7c9798b8f84e21df96accf50784d5184954b0703bcd521cc6a4b07c88c";

    private static final Map<String, String> SOURCE_BOTS = Map.ofEntries(
            Map.entry("build", "BuildBot"),
            Map.entry("test", "TestBot"),
            Map.entry("security", "SecurityBot"),
            Map.entry("deploy", "DeployBot"),
            Map.entry("monitor", "MonitorBot"),
            Map.entry("alert", "MonitorBot"),
            Map.entry("prediction", "MonitorBot"),
            Map.entry("notification", "NotificationBot"),
            Map.entry("incident", "IncidentBot"),
            Map.entry("review", "ReviewBot"),
            Map.entry("migration", "DatabaseBot"),
            Map.entry("backup", "BackupBot"),
            Map.entry("maintenance", "DeployBot"),
            Map.entry("approval", "DeployBot"),
            Map.entry("run", "WorkflowRunner"),
            Map.entry("scaling", "ScalingBot"));

    private TestMessages() {
        // a catalogue of static samples
    }

    /**
     * Returns one canonical payload of every type in the catalogue, in the catalogue's order (sorted by name).
     *
     * @return the payloads
     */
    public static List<BusMessage> all() {
        return List.of(
                alertResolved(),
                alertTriggered(),
                approvalDenied(),
                approvalGranted(),
                approvalOverridden(),
                approvalRequested(),
                backupCreated(),
                backupRestored(),
                backupVerified(),
                buildCompleted(),
                buildFailed(),
                deployCompleted(),
                deployFailed(),
                deployRolledBack(),
                deployStarted(),
                incidentCreated(),
                incidentPostmortemWritten(),
                incidentResolved(),
                incidentUpdated(),
                maintenanceEnded(),
                maintenanceStarted(),
                migrationCompleted(),
                migrationFailed(),
                migrationStarted(),
                monitorVerdict(),
                notificationFailed(),
                notificationSent(),
                predictionMade(),
                reviewCompleted(),
                runAborted(),
                scalingDown(),
                scalingUp(),
                securityCveAlert(),
                securityScanCompleted(),
                testCompleted());
    }

    /**
     * Returns the canonical payload of a type in the catalogue.
     *
     * @param type the type name, for example {@code test.completed}
     * @return the payload
     * @throws IllegalArgumentException if the type has no sample
     */
    public static BusMessage sample(final String type) {
        return all().stream()
                .filter(payload -> MessageCatalog.of(payload).getName().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No sample for message type " + type));
    }

    /**
     * Builds a complete message around a payload: id {@link #ID}, time {@link #TIME}, the bot that sends this type
     * (see {@link #sourceBot(String)}) and correlation id {@link #CORRELATION_ID}.
     *
     * @param payload the payload
     * @return the message
     */
    public static Message message(final BusMessage payload) {
        return Message.builder(payload)
                .id(ID)
                .time(TIME)
                .source(sourceBot(MessageCatalog.of(payload).getName()))
                .correlationId(CORRELATION_ID)
                .build();
    }

    /**
     * Returns the bot that sends messages of a type in these samples, for example {@code TestBot} for
     * {@code test.completed}.
     *
     * @param type the type name
     * @return the bot name
     */
    public static String sourceBot(final String type) {
        String area = type.substring(0, type.indexOf('.'));
        return SOURCE_BOTS.getOrDefault(area, "BuildBot");
    }

    /**
     * Returns the seed example of {@code build.completed}, with one stored artifact whose digest is real.
     *
     * @return the payload
     */
    public static BuildCompleted buildCompleted() {
        return new BuildCompleted("build-12345", "s3://artifacts/build-12345.tar.gz", "main", "a1b2c3d4",
                List.of(new Artifact("target/app-1.4.2.tar.gz", ARTIFACT_SHA256,
                        (long) ARTIFACT_CONTENT.getBytes(StandardCharsets.UTF_8).length)),
                95.3, "normal", List.of());
    }

    /**
     * Returns a {@code build.failed} of a compilation error.
     *
     * @return the payload
     */
    public static BuildFailed buildFailed() {
        return new BuildFailed("build-12346", "main", "e5f6a7b8", "Compilation failed in module api", 1, 31.7,
                List.of("[ERROR] OrderService.java:[42,17] cannot find symbol", "[INFO] BUILD FAILURE"));
    }

    /**
     * Returns a {@code test.completed} of 370 passed tests out of 370, with 87.5 % coverage in 45.2 seconds.
     *
     * @return the payload
     */
    public static TestCompleted testCompleted() {
        return new TestCompleted(370, 370, 0, 0, 0, 87.5, 74.0, 45.2,
                Map.of("unit", new TestCounts(350, 350, 0, 0), "integration", new TestCounts(20, 20, 0, 0)),
                "pass", null);
    }

    /**
     * Returns a passing {@code security.scan_completed} with two medium and five low findings.
     *
     * @return the payload
     */
    public static SecurityScanCompleted securityScanCompleted() {
        return new SecurityScanCompleted(Map.of("critical", 0, "high", 0, "medium", 2, "low", 5), 0, "pass", 1, 3,
                "reports/security.sarif");
    }

    /**
     * Returns a {@code security.cve_alert} for Log4Shell in an affected version.
     *
     * @return the payload
     */
    public static SecurityCveAlert securityCveAlert() {
        return new SecurityCveAlert("CVE-2021-44228", true, "org.apache.logging.log4j:log4j-core", "2.14.1",
                "critical", List.of("pom.xml"));
    }

    /**
     * Returns a {@code deploy.started} of 1.4.2 to production.
     *
     * @return the payload
     */
    public static DeployStarted deployStarted() {
        return new DeployStarted("production", "1.4.2", "rolling", "kubernetes");
    }

    /**
     * Returns a {@code deploy.completed} of 1.4.2 to production that took 42.5 seconds.
     *
     * @return the payload
     */
    public static DeployCompleted deployCompleted() {
        return new DeployCompleted("production", "1.4.2", 42.5, "rolling", "7", "backups/production-1.4.1.yaml",
                "https://app.example.com");
    }

    /**
     * Returns a {@code deploy.failed} of 1.4.2 that was rolled back.
     *
     * @return the payload
     */
    public static DeployFailed deployFailed() {
        return new DeployFailed("production", "1.4.2", "Readiness probe failed on 2 of 5 pods", true);
    }

    /**
     * Returns a {@code deploy.rolled_back} from 1.4.2 to 1.4.1.
     *
     * @return the payload
     */
    public static DeployRolledBack deployRolledBack() {
        return new DeployRolledBack("production", "1.4.2", "1.4.1", "Error rate 7.5% above threshold 5%");
    }

    /**
     * Returns a passing {@code monitor.verdict} with two criteria.
     *
     * @return the payload
     */
    public static MonitorVerdict monitorVerdict() {
        return new MonitorVerdict("pass", 92.5, "production", List.of(
                new CriterionResult("error_rate < 5%", "pass", 0.8, 0.6),
                new CriterionResult("p95_latency < 500ms", "warning", 480.0, 0.4)));
    }

    /**
     * Returns the seed {@code alert.triggered}: HighErrorRate, critical, error_rate 7.5 above 5.0.
     *
     * @return the payload
     */
    public static AlertTriggered alertTriggered() {
        return new AlertTriggered("HighErrorRate", "critical", "error_rate", 7.5, 5.0, "production");
    }

    /**
     * Returns an {@code alert.resolved} of HighErrorRate.
     *
     * @return the payload
     */
    public static AlertResolved alertResolved() {
        return new AlertResolved("HighErrorRate", "error_rate", 1.2, 840.0);
    }

    /**
     * Returns a {@code notification.sent} to a Slack channel.
     *
     * @return the payload
     */
    public static NotificationSent notificationSent() {
        return new NotificationSent("slack", "#deployments", "deploy.completed", "1732443330.000200");
    }

    /**
     * Returns a {@code notification.failed} to PagerDuty.
     *
     * @return the payload
     */
    public static NotificationFailed notificationFailed() {
        return new NotificationFailed("pagerduty", "HTTP 503 from events.pagerduty.com", 3, "alert.triggered");
    }

    /**
     * Returns an {@code incident.created} for HighErrorRate.
     *
     * @return the payload
     */
    public static IncidentCreated incidentCreated() {
        return new IncidentCreated("INC-2041", "High error rate on web", "critical", "web", "HighErrorRate");
    }

    /**
     * Returns an {@code incident.postmortem_written} for the incident of {@link #incidentCreated()}.
     *
     * @return the payload
     */
    public static IncidentPostmortemWritten incidentPostmortemWritten() {
        return new IncidentPostmortemWritten("INC-2041", ".lotabots/postmortems/INC-2041.md", 120.0, 360.0, 480.0);
    }

    /**
     * Returns an {@code incident.updated} to acknowledged.
     *
     * @return the payload
     */
    public static IncidentUpdated incidentUpdated() {
        return new IncidentUpdated("INC-2041", "acknowledged", "On-call engineer is looking at the web pods");
    }

    /**
     * Returns an {@code incident.resolved} after a rollback.
     *
     * @return the payload
     */
    public static IncidentResolved incidentResolved() {
        return new IncidentResolved("INC-2041", "Rolled back to 1.4.1", 1260.0);
    }

    /**
     * Returns a {@code review.completed} that requests changes.
     *
     * @return the payload
     */
    public static ReviewCompleted reviewCompleted() {
        return new ReviewCompleted("changes_requested", 3, "PR-128", 5);
    }

    /**
     * Returns a {@code migration.started} of two pending migrations.
     *
     * @return the payload
     */
    public static MigrationStarted migrationStarted() {
        return new MigrationStarted("orders", "41", "43", 2);
    }

    /**
     * Returns a {@code migration.completed} of two migrations.
     *
     * @return the payload
     */
    public static MigrationCompleted migrationCompleted() {
        return new MigrationCompleted("orders", "43", 2, 3.8);
    }

    /**
     * Returns a {@code migration.failed} that was rolled back.
     *
     * @return the payload
     */
    public static MigrationFailed migrationFailed() {
        return new MigrationFailed("orders", "43", "column \"total\" already exists", true);
    }

    /**
     * Returns a {@code backup.created} of a database, with a real SHA-256 digest.
     *
     * @return the payload
     */
    public static BackupCreated backupCreated() {
        return new BackupCreated("backup-20261124-101530", "orders", "backups/orders-20261124-101530.sql.gz",
                (long) BACKUP_CONTENT.getBytes(StandardCharsets.UTF_8).length, BACKUP_SHA256, 12.4);
    }

    /**
     * Returns a {@code backup.verified} whose digest matched.
     *
     * @return the payload
     */
    public static BackupVerified backupVerified() {
        return new BackupVerified("backup-20261124-101530", true, BACKUP_SHA256, "Checksum matched and dump parsed");
    }

    /**
     * Returns a {@code backup.restored} of a database.
     *
     * @return the payload
     */
    public static BackupRestored backupRestored() {
        return new BackupRestored("backup-20261124-101530", "orders", 25.1);
    }

    /**
     * Returns a {@code maintenance.started} of a planned window.
     *
     * @return the payload
     */
    public static MaintenanceStarted maintenanceStarted() {
        return new MaintenanceStarted("mw-2026-11-24", "PostgreSQL minor upgrade",
                Instant.parse("2026-11-24T12:00:00Z"));
    }

    /**
     * Returns a {@code maintenance.ended} that completed.
     *
     * @return the payload
     */
    public static MaintenanceEnded maintenanceEnded() {
        return new MaintenanceEnded("mw-2026-11-24", "completed");
    }

    /**
     * Returns an {@code approval.requested} for a production deployment.
     *
     * @return the payload
     */
    public static ApprovalRequested approvalRequested() {
        return new ApprovalRequested("deploy.production", "production", "Deploy 1.4.2 to production");
    }

    /**
     * Returns an {@code approval.granted} for a production deployment.
     *
     * @return the payload
     */
    public static ApprovalGranted approvalGranted() {
        return new ApprovalGranted("deploy.production", "alice", "Release notes checked");
    }

    /**
     * Returns an {@code approval.denied} for a production deployment.
     *
     * @return the payload
     */
    public static ApprovalDenied approvalDenied() {
        return new ApprovalDenied("deploy.production", "Release freeze until Monday", "bob");
    }

    /**
     * Returns a {@code run.aborted} of a build-test-deploy run interrupted during its build.
     *
     * @return the payload
     */
    public static RunAborted runAborted() {
        return new RunAborted("build-test-deploy", "interrupted by SIGINT", List.of("Build"), 3, 12.5);
    }

    /**
     * Returns an {@code approval.overridden} for a hotfix.
     *
     * @return the payload
     */
    public static ApprovalOverridden approvalOverridden() {
        return new ApprovalOverridden("deploy.production", "carol", "Hotfix for incident INC-2041");
    }

    /**
     * Returns the seed {@code scaling.up}: web from 3 to 5 replicas because cpu is 85 % above the 70 % target.
     *
     * @return the payload
     */
    public static ScalingUp scalingUp() {
        return new ScalingUp("web", 3, 5, "cpu 85% above target 70%");
    }

    /**
     * Returns a {@code scaling.down} of web from 5 to 3 replicas.
     *
     * @return the payload
     */
    public static ScalingDown scalingDown() {
        return new ScalingDown("web", 5, 3, "cpu 20% below target 70%");
    }

    /**
     * Returns a {@code prediction.made} that memory will exceed its threshold in two hours.
     *
     * @return the payload
     */
    public static PredictionMade predictionMade() {
        return new PredictionMade("memory_usage", 78.0, 60.0, "increasing", "will_exceed_threshold_in_2_hours", 90.0,
                Instant.parse("2026-11-24T12:15:30Z"));
    }
}
