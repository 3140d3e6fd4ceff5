package io.jenkins.plugins.lotabots.bus;

import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import hudson.model.Api;
import hudson.model.Run;

import io.lotabots.bus.MessageFilter;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.BuildFailed;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.jenkins.plugins.lotabots.incident.IncidentView;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.message.NotificationFailed;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.SecurityScanCompleted;
import io.lotabots.message.TestCompleted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jenkins.model.RunAction2;

import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The bot messages of one build: a small summary kept in {@code build.xml} (counts by type and by bot, the last
 * message time, the file name and the few numbers the project trend needs), while the messages themselves are read
 * lazily from {@code lotabots/messages.jsonl} in the build directory.
 *
 * <p>Served at {@code /job/NAME/N/lotabots/}: the timeline page, and {@code api/json} with {@code total},
 * {@code countsByType}, {@code countsByBot}, {@code lastMessageTime}, {@code fileName} and {@code messages}. Only plain
 * fields and maps of text to numbers or text are persisted: no records, no lists of messages.</p>
 */
@ExportedBean
public class BotMessagesAction implements RunAction2 {
    /** The URL of the action below the build. */
    public static final String URL_NAME = "lotabots";
    /** The most keys each count of {@code build.xml} holds; the rest are counted under {@value #OTHER}. */
    static final int MAX_KEYS = 100;
    /** The most characters of a key or value kept in {@code build.xml}. */
    static final int MAX_KEY_LENGTH = 120;
    /** The key that counts the types and bots beyond {@value #MAX_KEYS}. */
    static final String OTHER = "(other)";

    private String fileName = RunJournal.FILE_NAME;
    private int total;
    private Map<String, Integer> countsByType = new TreeMap<>();
    private Map<String, Integer> countsByBot = new TreeMap<>();
    @CheckForNull
    private String lastMessageTime;
    /** The last {@code status} text each bot published, for example {@code TestBot -> fail}. */
    private Map<String, String> statusByBot = new TreeMap<>();
    /** The gate that decided a bot's last failing status, for example {@code TestBot -> min-coverage}. */
    private Map<String, String> gateByBot = new TreeMap<>();

    // The last test.completed and security.scan_completed numbers, for the project trend.
    @CheckForNull
    private Integer testsTotal;
    @CheckForNull
    private Integer testsFailed;
    @CheckForNull
    private Integer testsSkipped;
    @CheckForNull
    private Double coverage;
    @CheckForNull
    private Integer securityCritical;
    @CheckForNull
    private Integer securityHigh;
    @CheckForNull
    private Integer securityMedium;
    @CheckForNull
    private Integer securityLow;
    @CheckForNull
    private Integer secretsFound;

    // The last deploy of each environment, the monitor verdict and the notifications, for the build page's cards.
    private Map<String, String> deployVersionByEnvironment = new TreeMap<>();
    private Map<String, String> deployStateByEnvironment = new TreeMap<>();
    private Map<String, String> deployUrlByEnvironment = new TreeMap<>();
    private Map<String, String> deployStrategyByEnvironment = new TreeMap<>();
    @CheckForNull
    private String monitorVerdict;
    @CheckForNull
    private Double monitorScore;
    @CheckForNull
    private String monitorEnvironment;
    private int notificationsSent;
    private int notificationsFailed;
    @CheckForNull
    private String buildId;
    @CheckForNull
    private String buildOutcome;

    @CheckForNull
    private transient Run<?, ?> run;

    /**
     * Creates an empty action; {@link RunJournal#appendAll} adds it to a build with its first messages.
     */
    public BotMessagesAction() {
        // counts start empty
    }

    @Override
    public void onAttached(final Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(final Run<?, ?> r) {
        this.run = r;
    }

    /**
     * Called by XStream after reading {@code build.xml}: restores maps that an older or hand-edited file lacks.
     *
     * @return this
     */
    @SuppressFBWarnings(value = "RCN_REDUNDANT_NULLCHECK_OF_NONNULL_VALUE",
            justification = "XStream leaves the fields that an older build.xml lacks null")
    protected synchronized Object readResolve() {
        if (countsByType == null) {
            countsByType = new TreeMap<>();
        }
        if (countsByBot == null) {
            countsByBot = new TreeMap<>();
        }
        if (statusByBot == null) {
            statusByBot = new TreeMap<>();
        }
        if (gateByBot == null) {
            gateByBot = new TreeMap<>();
        }
        if (deployVersionByEnvironment == null) {
            deployVersionByEnvironment = new TreeMap<>();
        }
        if (deployStateByEnvironment == null) {
            deployStateByEnvironment = new TreeMap<>();
        }
        if (deployUrlByEnvironment == null) {
            deployUrlByEnvironment = new TreeMap<>();
        }
        if (deployStrategyByEnvironment == null) {
            deployStrategyByEnvironment = new TreeMap<>();
        }
        if (fileName == null) {
            fileName = RunJournal.FILE_NAME;
        }
        return this;
    }

    /**
     * Counts messages that were appended to the journal.
     *
     * @param messages the messages, in order
     */
    synchronized void record(final List<Message> messages) {
        for (Message message : messages) {
            total++;
            countsByType.merge(key(countsByType, message.getType()), 1, Integer::sum);
            countsByBot.merge(key(countsByBot, message.getSource()), 1, Integer::sum);
            String time = message.getTime().toString();
            if (lastMessageTime == null || message.getTime().isAfter(Instant.parse(lastMessageTime))) {
                lastMessageTime = time;
            }
            String status = textField(message, "status");
            if (status != null) {
                statusByBot.put(key(statusByBot, message.getSource()), status);
            }
            String gate = textField(message, "gate");
            if (gate != null) {
                gateByBot.put(key(gateByBot, message.getSource()), gate);
            }
            if (TestCompleted.TYPE.equals(message.getType())) {
                testsTotal = intField(message, "total_tests");
                testsFailed = intField(message, "failed_tests");
                testsSkipped = intField(message, "skipped_tests");
                coverage = message.getPayloadField("coverage").filter(JsonNode::isNumber).map(JsonNode::doubleValue)
                        .orElse(null);
            }
            else if (DeployCompleted.TYPE.equals(message.getType()) || DeployFailed.TYPE.equals(message.getType())
                    || DeployRolledBack.TYPE.equals(message.getType())) {
                recordDeploy(message);
            }
            else if (MonitorVerdict.TYPE.equals(message.getType())) {
                monitorVerdict = textField(message, "verdict");
                monitorScore = message.getPayloadField("score").filter(JsonNode::isNumber)
                        .map(JsonNode::doubleValue).orElse(null);
                monitorEnvironment = textField(message, "environment");
            }
            else if (NotificationSent.TYPE.equals(message.getType())) {
                notificationsSent++;
            }
            else if (NotificationFailed.TYPE.equals(message.getType())) {
                notificationsFailed++;
            }
            else if (BuildCompleted.TYPE.equals(message.getType()) || BuildFailed.TYPE.equals(message.getType())) {
                buildId = textField(message, "build_id");
                buildOutcome = BuildCompleted.TYPE.equals(message.getType()) ? "completed" : "failed";
            }
            else if (SecurityScanCompleted.TYPE.equals(message.getType())) {
                JsonNode vulnerabilities = message.getPayloadField("vulnerabilities").orElse(null);
                securityCritical = count(vulnerabilities, "critical");
                securityHigh = count(vulnerabilities, "high");
                securityMedium = count(vulnerabilities, "medium");
                securityLow = count(vulnerabilities, "low");
                secretsFound = intField(message, "secrets_found");
            }
        }
    }

    /**
     * Returns the key under which a value is counted: itself while the map has fewer than {@value #MAX_KEYS} keys
     * (or already has it), else {@value #OTHER}. The action is saved in {@code build.xml}, which must stay small
     * whatever a build publishes.
     */
    private static String key(final Map<String, ?> map, final String value) {
        String key = clip(value);
        return map.containsKey(key) || map.size() < MAX_KEYS - 1 ? key : OTHER;
    }

    /** Cuts a key or value kept in {@code build.xml} to {@value #MAX_KEY_LENGTH} characters. */
    private static String clip(final String value) {
        return value.length() > MAX_KEY_LENGTH ? value.substring(0, MAX_KEY_LENGTH) : value;
    }

    private void recordDeploy(final Message message) {
        String environment = textField(message, "environment");
        if (environment == null) {
            return;
        }
        String key = key(deployStateByEnvironment, environment);
        switch (message.getType()) {
            case DeployCompleted.TYPE -> {
                deployStateByEnvironment.put(key, "deployed");
                putOrRemove(deployVersionByEnvironment, key, textField(message, "version"));
                putOrRemove(deployUrlByEnvironment, key, httpUrl(textField(message, "url")));
                putOrRemove(deployStrategyByEnvironment, key, textField(message, "strategy"));
            }
            case DeployFailed.TYPE -> {
                boolean rolledBack = message.getPayloadField("rolled_back").map(JsonNode::asBoolean).orElse(false);
                deployStateByEnvironment.put(key, rolledBack ? "failed, rolled back" : "failed");
                putOrRemove(deployVersionByEnvironment, key, textField(message, "version"));
            }
            default -> {
                deployStateByEnvironment.put(key, "rolled back");
                putOrRemove(deployVersionByEnvironment, key, textField(message, "to_version"));
            }
        }
    }

    private static void putOrRemove(final Map<String, String> map, final String key,
            @CheckForNull final String value) {
        if (value == null) {
            map.remove(key);
        }
        else {
            map.put(key, value);
        }
    }

    /** Keeps only http and https URLs, the only ones the build page links to. */
    @CheckForNull
    private static String httpUrl(@CheckForNull final String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) && url.length() <= 2_000
                ? url
                : null;
    }

    @CheckForNull
    private static String textField(final Message message, final String field) {
        return message.getPayloadField(field).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .map(BotMessagesAction::clip).orElse(null);
    }

    @CheckForNull
    private static Integer intField(final Message message, final String field) {
        return message.getPayloadField(field).filter(JsonNode::canConvertToInt).map(JsonNode::intValue).orElse(null);
    }

    @CheckForNull
    private static Integer count(@CheckForNull final JsonNode vulnerabilities, final String severity) {
        if (vulnerabilities == null || !vulnerabilities.has(severity)) {
            return vulnerabilities == null ? null : 0;
        }
        JsonNode value = vulnerabilities.get(severity);
        return value.canConvertToInt() ? value.intValue() : null;
    }

    @Override
    public String getIconFileName() {
        return "symbol-list";
    }

    @Override
    public String getDisplayName() {
        return Messages.BotMessagesAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * Returns the remote API of this action, served at {@code api/json}, {@code api/xml} and {@code api/python}.
     *
     * @return the API
     */
    public Api getApi() {
        return new Api(this);
    }

    /**
     * Returns the build of this action.
     *
     * @return the build, or {@code null} before the action is attached
     */
    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    /**
     * Returns the name of the journal file in the build's {@code lotabots} folder.
     *
     * @return {@code messages.jsonl}
     */
    @Exported(visibility = 2)
    public String getFileName() {
        return fileName;
    }

    /**
     * Returns the number of messages of the build.
     *
     * @return the total
     */
    @Exported(visibility = 2)
    public synchronized int getTotal() {
        return total;
    }

    /**
     * Returns the number of messages per type.
     *
     * @return type to count, sorted by type
     */
    @Exported(visibility = 2)
    public synchronized Map<String, Integer> getCountsByType() {
        return Collections.unmodifiableMap(new TreeMap<>(countsByType));
    }

    /**
     * Returns the number of messages per sending bot.
     *
     * @return bot to count, sorted by bot
     */
    @Exported(visibility = 2)
    public synchronized Map<String, Integer> getCountsByBot() {
        return Collections.unmodifiableMap(new TreeMap<>(countsByBot));
    }

    /**
     * Returns when the latest message was published.
     *
     * @return the time in RFC 3339, or {@code null} before the first message
     */
    @Exported(visibility = 2)
    @CheckForNull
    public synchronized String getLastMessageTime() {
        return lastMessageTime;
    }

    /**
     * Returns the last status text each bot published, for the build summary.
     *
     * @return bot to status, for example {@code SecurityBot -> pass}
     */
    public synchronized Map<String, String> getStatusByBot() {
        return Collections.unmodifiableMap(new TreeMap<>(statusByBot));
    }

    /**
     * Returns the gate that decided each bot's last status, where the bot named one.
     *
     * @return bot to gate
     */
    public synchronized Map<String, String> getGateByBot() {
        return Collections.unmodifiableMap(new TreeMap<>(gateByBot));
    }

    /**
     * Returns every message of the build, read from the journal now. Exported at visibility 1: shown at
     * {@code .../lotabots/api/json}, but not inside the build's own {@code api/json?depth=1}.
     *
     * @return the messages, in order; empty if the build is not known yet
     */
    @Exported(visibility = 1)
    public List<MessageView> getMessages() {
        Run<?, ?> owner = run;
        if (owner == null) {
            return List.of();
        }
        return MessageView.of(RunJournal.of(owner).read());
    }

    /**
     * Returns the incidents this build opened or changed, each with its timeline (T+0, T+1 min, ...) from the
     * controller's incident store and the build's messages.
     *
     * @return the incidents, in the order the build first named them; empty if it touched none
     */
    public List<IncidentView> getIncidents() {
        Run<?, ?> owner = run;
        if (owner == null) {
            return List.of();
        }
        return IncidentView.of(owner, RunJournal.of(owner).read());
    }

    /**
     * Returns the messages the timeline page shows: those of the bot and type given as the query parameters
     * {@code bot} and {@code type}, when given.
     *
     * @return the messages, in order
     */
    public List<MessageView> getTimeline() {
        Run<?, ?> owner = run;
        if (owner == null) {
            return List.of();
        }
        return MessageView.of(RunJournal.of(owner).read(filterOf(getBotFilter(), getTypeFilter())));
    }

    /**
     * Returns the {@code bot} query parameter of the current request.
     *
     * @return the bot, or an empty string
     */
    public String getBotFilter() {
        return parameter("bot");
    }

    /**
     * Returns the {@code type} query parameter of the current request.
     *
     * @return the type, or an empty string
     */
    public String getTypeFilter() {
        return parameter("type");
    }

    private static String parameter(final String name) {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        String value = request == null ? null : request.getParameter(name);
        return value == null ? "" : value.trim();
    }

    /**
     * Returns the filter for the timeline's bot and type choices.
     *
     * @param bot the sending bot, or blank for all
     * @param type the type, or blank for all
     * @return the filter
     */
    static MessageFilter filterOf(@CheckForNull final String bot, @CheckForNull final String type) {
        MessageFilter filter = MessageFilter.ALL;
        if (bot != null && !bot.isBlank()) {
            filter = filter.withSources(Set.of(bot.trim()));
        }
        if (type != null && !type.isBlank()) {
            filter = filter.withTypes(Set.of(type.trim()));
        }
        return filter;
    }

    /**
     * Returns the bots that sent messages, for the timeline's filter choices.
     *
     * @return the bot names, sorted
     */
    public synchronized List<String> getBots() {
        return new ArrayList<>(countsByBot.keySet());
    }

    /**
     * Returns the message types of the build, for the timeline's filter choices.
     *
     * @return the types, sorted
     */
    public synchronized List<String> getTypes() {
        return new ArrayList<>(countsByType.keySet());
    }

    /**
     * Returns the total tests of the last {@code test.completed} message.
     *
     * @return the count, or {@code null} if the build ran no tests through TestBot
     */
    @CheckForNull
    public synchronized Integer getTestsTotal() {
        return testsTotal;
    }

    /**
     * Returns the failed tests of the last {@code test.completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getTestsFailed() {
        return testsFailed;
    }

    /**
     * Returns the skipped tests of the last {@code test.completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getTestsSkipped() {
        return testsSkipped;
    }

    /**
     * Returns the line coverage of the last {@code test.completed} message.
     *
     * @return the coverage in percent, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Double getCoverage() {
        return coverage;
    }

    /**
     * Returns the critical findings of the last {@code security.scan_completed} message.
     *
     * @return the count, or {@code null} if the build ran no security scan through SecurityBot
     */
    @CheckForNull
    public synchronized Integer getSecurityCritical() {
        return securityCritical;
    }

    /**
     * Returns the high findings of the last {@code security.scan_completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getSecurityHigh() {
        return securityHigh;
    }

    /**
     * Returns the medium findings of the last {@code security.scan_completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getSecurityMedium() {
        return securityMedium;
    }

    /**
     * Returns the low findings of the last {@code security.scan_completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getSecurityLow() {
        return securityLow;
    }

    /**
     * Returns the secrets found by the last {@code security.scan_completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getSecretsFound() {
        return secretsFound;
    }

    /**
     * Returns whether the build has test or security numbers for the project trend.
     *
     * @return {@code true} if it has either
     */
    public synchronized boolean hasTrendData() {
        return testsTotal != null || securityCritical != null;
    }

    /**
     * Returns the last deploy of each environment, for the build page.
     *
     * @return the deploys, by environment name
     */
    public synchronized List<DeploySummary> getDeploys() {
        List<DeploySummary> deploys = new ArrayList<>();
        for (Map.Entry<String, String> state : deployStateByEnvironment.entrySet()) {
            String environment = state.getKey();
            deploys.add(new DeploySummary(environment, state.getValue(), deployVersionByEnvironment.get(environment),
                    deployStrategyByEnvironment.get(environment), deployUrlByEnvironment.get(environment)));
        }
        return deploys;
    }

    /**
     * Returns the verdict of the last {@code monitor.verdict} message.
     *
     * @return {@code pass}, {@code warning} or {@code fail}, or {@code null} if the build watched nothing
     */
    @CheckForNull
    public synchronized String getMonitorVerdict() {
        return monitorVerdict;
    }

    /**
     * Returns the score of the last {@code monitor.verdict} message.
     *
     * @return the score from 0 to 100, or {@code null}
     */
    @CheckForNull
    public synchronized Double getMonitorScore() {
        return monitorScore;
    }

    /**
     * Returns the environment of the last {@code monitor.verdict} message.
     *
     * @return the environment, or {@code null}
     */
    @CheckForNull
    public synchronized String getMonitorEnvironment() {
        return monitorEnvironment;
    }

    /**
     * Returns how many notifications were sent.
     *
     * @return the count of {@code notification.sent} messages
     */
    public synchronized int getNotificationsSent() {
        return notificationsSent;
    }

    /**
     * Returns how many notifications could not be delivered.
     *
     * @return the count of {@code notification.failed} messages
     */
    public synchronized int getNotificationsFailed() {
        return notificationsFailed;
    }

    /**
     * Returns the build id of the last {@code build.completed} or {@code build.failed} message.
     *
     * @return the id, or {@code null}
     */
    @CheckForNull
    public synchronized String getBuildId() {
        return buildId;
    }

    /**
     * Returns whether the last BuildBot build completed or failed.
     *
     * @return {@code completed} or {@code failed}, or {@code null} if BuildBot did not run
     */
    @CheckForNull
    public synchronized String getBuildOutcome() {
        return buildOutcome;
    }

    /**
     * Returns the passed tests of the last {@code test.completed} message.
     *
     * @return the count, or {@code null} if unknown
     */
    @CheckForNull
    public synchronized Integer getTestsPassed() {
        if (testsTotal == null) {
            return null;
        }
        return testsTotal - (testsFailed == null ? 0 : testsFailed) - (testsSkipped == null ? 0 : testsSkipped);
    }

    /**
     * Returns the time of the last message for people: how long ago, for example {@code 3 min 2 sec}.
     *
     * @return the time span, or an empty text
     */
    public synchronized String getLastMessageAge() {
        return lastMessageTime == null ? "" : MessageView.age(Instant.parse(lastMessageTime));
    }

    /**
     * The last deploy of one environment, as the build page shows it.
     */
    public static final class DeploySummary {
        private final String environment;
        private final String state;
        @CheckForNull
        private final String version;
        @CheckForNull
        private final String strategy;
        @CheckForNull
        private final String url;

        DeploySummary(final String environment, final String state, @CheckForNull final String version,
                @CheckForNull final String strategy, @CheckForNull final String url) {
            this.environment = environment;
            this.state = state;
            this.version = version;
            this.strategy = strategy;
            this.url = url;
        }

        public String getEnvironment() {
            return environment;
        }

        public String getState() {
            return state;
        }

        public boolean isRolledBack() {
            return state.contains("rolled back");
        }

        public boolean isFailed() {
            return state.startsWith("failed");
        }

        @CheckForNull
        public String getVersion() {
            return version;
        }

        @CheckForNull
        public String getStrategy() {
            return strategy;
        }

        @CheckForNull
        public String getUrl() {
            return url;
        }
    }
}
