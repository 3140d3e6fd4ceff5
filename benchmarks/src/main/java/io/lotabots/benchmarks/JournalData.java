package io.lotabots.benchmarks;

import io.lotabots.bus.Journal;
import io.lotabots.message.AlertResolved;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.Artifact;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.BuildFailed;
import io.lotabots.message.BusMessage;
import io.lotabots.message.CriterionResult;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployStarted;
import io.lotabots.message.IncidentCreated;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.ReviewCompleted;
import io.lotabots.message.ScalingUp;
import io.lotabots.message.SecurityScanCompleted;
import io.lotabots.message.TestCompleted;
import io.lotabots.message.TestCounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Generates a realistic journal: the mix of message types that the bots of many delivery pipelines publish, with
 * envelopes (source, destination, correlation and causation ids, a {@code stage} extension) and payloads of
 * typical size. The same seed always gives the same messages, so that runs on different days read the same file.
 *
 * <p>One message in ten is a {@value TestCompleted#TYPE}, the type the read benchmark filters for.</p>
 */
public final class JournalData {
    /** The seed the benchmarks use. */
    public static final long SEED = 20_261_124L;

    /** How many messages go into one {@link Journal#appendAll} call. */
    public static final int BATCH_SIZE = 5_000;

    private static final Instant START = Instant.parse("2026-11-24T06:00:00Z");
    private static final String[] APPS = {"shop", "billing", "search", "checkout", "catalog", "gateway", "auth",
            "ledger", "inventory", "mailer", "reports", "payments"};
    private static final String[] BRANCHES = {"main", "main", "main", "release/2.4", "feature/cart-v2",
            "fix/timeout"};
    private static final String[] ENVIRONMENTS = {"dev", "staging", "staging", "production"};
    private static final String[] STRATEGIES = {"rolling", "blueGreen", "canary"};
    private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "warning", "info"};
    private static final String[] INCIDENT_SEVERITIES = {"critical", "high", "medium", "low"};
    private static final String[] METRICS = {"error_rate", "p95_latency_ms", "cpu_percent", "memory_percent",
            "queue_depth"};
    private static final String[] ALERTS = {"HighErrorRate", "SlowResponses", "CpuSaturation", "MemoryPressure",
            "QueueBacklog"};
    private static final String[] CHANNELS = {"slack", "slack", "slack", "email", "pagerduty", "webhook"};

    /** The message kinds with their weight in percent; the weights add up to 100. */
    private static final Kind[] KINDS = {
            new Kind(BuildCompleted.TYPE, 14), new Kind(BuildFailed.TYPE, 3), new Kind(TestCompleted.TYPE, 10),
            new Kind(SecurityScanCompleted.TYPE, 6), new Kind(ReviewCompleted.TYPE, 4),
            new Kind(DeployStarted.TYPE, 9), new Kind(DeployCompleted.TYPE, 8), new Kind(DeployFailed.TYPE, 1),
            new Kind(MonitorVerdict.TYPE, 8), new Kind(AlertTriggered.TYPE, 10), new Kind(AlertResolved.TYPE, 8),
            new Kind(NotificationSent.TYPE, 15), new Kind(IncidentCreated.TYPE, 2), new Kind(ScalingUp.TYPE, 2)};

    private final Random random;
    private long index;
    private String lastId = "";

    /**
     * Creates a generator.
     *
     * @param seed the seed; the same seed gives the same messages
     */
    public JournalData(final long seed) {
        this.random = new Random(seed);
    }

    /**
     * Writes messages to a journal file with {@link Journal#appendAll}, {@value #BATCH_SIZE} at a time. An existing
     * file is replaced.
     *
     * @param file the journal file
     * @param count how many messages
     * @param seed the seed
     * @return how many messages of each type were written, and the size of the file
     */
    public static Summary write(final Path file, final int count, final long seed) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JournalData data = new JournalData(seed);
        Map<String, Integer> perType = new TreeMap<>();
        try (Journal journal = Journal.at(file)) {
            List<Message> batch = new ArrayList<>(BATCH_SIZE);
            for (int i = 0; i < count; i++) {
                Message message = data.next();
                perType.merge(message.getType(), 1, Integer::sum);
                batch.add(message);
                if (batch.size() == BATCH_SIZE) {
                    journal.appendAll(batch);
                    batch.clear();
                }
            }
            journal.appendAll(batch);
        }
        try {
            return new Summary(count, perType, Files.size(file));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the next message.
     *
     * @return a valid message
     */
    public Message next() {
        index++;
        String app = pick(APPS);
        int run = 1 + random.nextInt(2_000);
        String type = pickKind();
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        Message.Builder builder = Message.builder(payload(type, app, run))
                .id(id)
                .time(START.plusMillis(index * 137))
                .correlationId("job/" + app + "/" + pick(BRANCHES).replace('/', '-') + "#" + run)
                .extension("stage", stage(type));
        if (!lastId.isEmpty() && random.nextInt(3) > 0) {
            builder.causationId(lastId);
        }
        if (random.nextInt(4) == 0) {
            builder.destination("NotificationBot");
        }
        lastId = id;
        return builder.source(sourceBot(type)).build();
    }

    /**
     * Returns a typical {@value BuildCompleted#TYPE} payload, as the build bot publishes it.
     *
     * @return the payload
     */
    public BusMessage buildCompleted() {
        return payload(BuildCompleted.TYPE, pick(APPS), 1 + random.nextInt(2_000));
    }

    private String pickKind() {
        int roll = random.nextInt(100);
        for (Kind kind : KINDS) {
            roll -= kind.weight();
            if (roll < 0) {
                return kind.type();
            }
        }
        throw new IllegalStateException("The weights of the message kinds add up to less than 100");
    }

    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private BusMessage payload(final String type, final String app, final int run) {
        String version = "2." + random.nextInt(10) + "." + run;
        String environment = pick(ENVIRONMENTS);
        return switch (type) {
            case BuildCompleted.TYPE -> new BuildCompleted("build-" + run, "s3://artifacts/" + app + "/" + version,
                    pick(BRANCHES), sha(40), List.of(new Artifact(app + "/target/" + app + "-" + version + ".jar",
                    sha(64), 1_000_000L + random.nextInt(40_000_000))), 60 + random.nextDouble() * 600,
                    random.nextInt(10) == 0 ? "critical" : "normal", List.of());
            case BuildFailed.TYPE -> new BuildFailed("build-" + run, pick(BRANCHES), sha(40),
                    "Compilation failed in module " + app + "-core", 1, 20 + random.nextDouble() * 300,
                    List.of("[ERROR] COMPILATION ERROR :", "[ERROR] " + app + "/src/main/java/App.java:[42,17]"
                            + " cannot find symbol", "[INFO] BUILD FAILURE"));
            case TestCompleted.TYPE -> testCompleted();
            case SecurityScanCompleted.TYPE -> new SecurityScanCompleted(Map.of("critical", random.nextInt(2),
                    "high", random.nextInt(4), "medium", random.nextInt(12), "low", random.nextInt(30)),
                    random.nextInt(20) == 0 ? 1 : 0, random.nextInt(8) == 0 ? "fail" : "pass", random.nextInt(3),
                    random.nextInt(3), "reports/" + app + "/" + run + "/security.sarif");
            case ReviewCompleted.TYPE -> new ReviewCompleted(random.nextInt(5) == 0 ? "changes_requested"
                    : "approved", random.nextInt(6), "PR-" + run, random.nextInt(12));
            case DeployStarted.TYPE -> new DeployStarted(environment, version, pick(STRATEGIES), "kubernetes");
            case DeployCompleted.TYPE -> new DeployCompleted(environment, version, 20 + random.nextDouble() * 200,
                    pick(STRATEGIES), String.valueOf(1 + random.nextInt(300)), "backups/" + app + "/" + run,
                    "https://" + app + "." + environment + ".example.com");
            case DeployFailed.TYPE -> new DeployFailed(environment, version,
                    "Readiness probe failed for 3 of 4 pods after 300 s", true);
            case MonitorVerdict.TYPE -> new MonitorVerdict(random.nextInt(10) == 0 ? "warning" : "pass",
                    70 + random.nextDouble() * 30, environment, List.of(
                    new CriterionResult("error_rate < 5%", "pass", random.nextDouble() * 5, 0.5),
                    new CriterionResult("p95_latency_ms < 800", "pass", 200 + random.nextDouble() * 600, 0.3),
                    new CriterionResult("cpu_percent < 85", "pass", 20 + random.nextDouble() * 60, 0.2)));
            case AlertTriggered.TYPE -> new AlertTriggered(pick(ALERTS), pick(SEVERITIES), pick(METRICS),
                    90 + random.nextDouble() * 10, 90.0, environment);
            case AlertResolved.TYPE -> new AlertResolved(pick(ALERTS), pick(METRICS), 20 + random.nextDouble() * 50,
                    60 + random.nextDouble() * 3_600);
            case IncidentCreated.TYPE -> new IncidentCreated("INC-" + (10_000 + index), "Error rate above 5% on "
                    + app, pick(INCIDENT_SEVERITIES), app, pick(ALERTS));
            case ScalingUp.TYPE -> new ScalingUp(app, 2, 3 + random.nextInt(5),
                    String.format(Locale.ROOT, "cpu %d%% above target 70%%", 75 + random.nextInt(20)));
            default -> new NotificationSent(pick(CHANNELS), "#deploy-" + app, pick(new String[] {
                    BuildCompleted.TYPE, DeployCompleted.TYPE, AlertTriggered.TYPE}),
                    String.format(Locale.ROOT, "%d.%06d", 1_795_000_000 + index, random.nextInt(1_000_000)));
        };
    }

    private TestCompleted testCompleted() {
        int unit = 200 + random.nextInt(2_000);
        int integration = 20 + random.nextInt(200);
        int failed = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
        int skipped = random.nextInt(5);
        int total = unit + integration;
        int passed = total - failed - skipped;
        return new TestCompleted(total, passed, failed, skipped, random.nextInt(3),
                50 + random.nextDouble() * 45, 40 + random.nextDouble() * 45, 30 + random.nextDouble() * 600,
                Map.of("unit", new TestCounts(unit, unit - failed - skipped, failed, skipped),
                        "integration", new TestCounts(integration, integration, 0, 0)),
                failed > 0 ? "unstable" : "pass", failed > 0 ? "no_failed_tests" : null);
    }

    private static String sourceBot(final String type) {
        if (type.startsWith("build.")) {
            return "BuildBot";
        }
        if (type.startsWith("test.")) {
            return "TestBot";
        }
        if (type.startsWith("security.")) {
            return "SecurityBot";
        }
        if (type.startsWith("review.")) {
            return "ReviewBot";
        }
        if (type.startsWith("deploy.")) {
            return "DeployBot";
        }
        if (type.startsWith("incident.")) {
            return "IncidentBot";
        }
        if (type.startsWith("scaling.")) {
            return "ScalingBot";
        }
        if (type.startsWith("notification.")) {
            return "NotificationBot";
        }
        return "MonitorBot";
    }

    private static String stage(final String type) {
        String prefix = type.substring(0, type.indexOf('.'));
        return Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1);
    }

    private String sha(final int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private String pick(final String[] values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * One message type and how often it occurs.
     *
     * @param type the type name
     * @param weight its share in percent
     */
    private record Kind(String type, int weight) {
    }

    /**
     * What {@link #write} wrote.
     *
     * @param messages how many messages
     * @param perType how many of each type
     * @param bytes the size of the journal file
     */
    public record Summary(int messages, Map<String, Integer> perType, long bytes) {
        /**
         * Copies the counts.
         */
        public Summary {
            perType = Collections.unmodifiableMap(new TreeMap<>(perType));
        }

        /**
         * Returns how many messages of a type were written.
         *
         * @param type the type
         * @return the count, 0 if none
         */
        public int count(final String type) {
            return perType.getOrDefault(type, 0);
        }
    }
}
