package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.BotResult;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Runs one engine bot on the machine that holds the workspace (the agent of a {@code node} block, or the controller
 * for a job that runs there). Everything it receives and returns is plain and serializable: option values, the
 * build's earlier messages and the published ones as JSON lines, log lines as texts. No engine object crosses the
 * remoting channel, so no {@code hudson.remoting.ClassFilter} entry is needed.
 *
 * <p>The bus of the run is preloaded with the messages of this build so far, through a temporary journal on the
 * agent, so that a bot that reads earlier messages (NotificationBot, DeployBot's rollback, MonitorBot's baseline)
 * sees them; the bus stamps every new message with the build's correlation id, and the context stamps the stage.
 * A {@link LotaBotsException} (a bad input the user can fix) does not cross the channel either: its message comes
 * back in {@link Result#getUserError()}, with the messages published before it.</p>
 *
 * <p>Given the build's listener, it prints the bot's lines (masked, with the bot's prefix) while the bot runs, so
 * that a MonitorBot watch window or a DeployBot rollout shows its progress; the lines also come back in the result
 * for the caller's checks.</p>
 */
@Restricted(NoExternalUse.class)
public final class BotCallable extends MasterToSlaveFileCallable<BotCallable.Result> {
    private static final long serialVersionUID = 1L;

    private final String botId;
    private final HashMap<String, Object> options;
    private final HashMap<String, String> environment;
    private final ArrayList<String> secrets;
    private final ArrayList<String> earlierMessages;
    @CheckForNull
    private final String correlationId;
    @CheckForNull
    private final String stage;
    private final String botName;
    @CheckForNull
    private final TaskListener listener;
    @CheckForNull
    private String incidentStore;
    @CheckForNull
    private String incidentDatabase;
    @CheckForNull
    private String causationId;

    /**
     * Creates the callable.
     *
     * @param botId the bot's id, for example {@code test}
     * @param options option values: texts, numbers, booleans and lists of texts
     * @param environment the environment the bot reads variables and secrets from
     * @param secrets the secret values to mask in every line the bot logs
     * @param earlierMessages the messages of this build so far, as JSON lines
     * @param correlationId the correlation id of the build's messages
     * @param stage the stage the bot runs in, or {@code null}
     * @param botName the bot's name, the prefix of its lines, for example {@code TestBot}
     * @param listener the build console, to print the bot's lines as they come (a watch window lasts minutes), or
     *        {@code null} to only return them
     */
    public BotCallable(final String botId, final Map<String, Object> options, final Map<String, String> environment,
            final Collection<String> secrets, final List<String> earlierMessages,
            @CheckForNull final String correlationId, @CheckForNull final String stage, final String botName,
            @CheckForNull final TaskListener listener) {
        this.botId = botId;
        this.options = new HashMap<>(options);
        this.environment = new HashMap<>(environment);
        this.secrets = new ArrayList<>(secrets);
        this.earlierMessages = new ArrayList<>(earlierMessages);
        this.correlationId = correlationId;
        this.stage = stage;
        this.botName = botName;
        this.listener = listener;
    }

    /**
     * Makes IncidentBot keep its incidents in the controller's store instead of the workspace's: this callable then
     * runs on the controller ({@link io.jenkins.plugins.lotabots.incident.ControllerIncidents}).
     *
     * @param folder the file store's folder on the controller, absolute
     * @param database the PostgreSQL database that holds the incidents instead, {@code jdbc:postgresql://...}, or
     *        {@code null} for the file store; its user and password are the secrets of the environment
     * @return this callable
     */
    public BotCallable withIncidentStore(final String folder, @CheckForNull final String database) {
        this.incidentStore = folder;
        this.incidentDatabase = database;
        return this;
    }

    /**
     * Names the message that started the build (a {@link io.jenkins.plugins.lotabots.bus.BotMessageCause}) as the
     * cause of every message the bot publishes without a cause of its own, so that the causation chain leads back to
     * it and a reaction never triggers the rule that started it.
     *
     * @param messageId the id of the triggering message
     * @return this callable
     */
    public BotCallable withCause(final String messageId) {
        this.causationId = messageId;
        return this;
    }

    @Override
    public Result invoke(final File workspace, @CheckForNull final VirtualChannel channel)
            throws IOException, InterruptedException {
        Files.createDirectories(workspace.toPath());
        Path journalFile = Files.createTempFile("lotabots-", ".jsonl");
        SecretMasker masker = new SecretMasker();
        secrets.forEach(masker::add);
        Result result = new Result();
        if (listener != null) {
            result.streamTo(new ConsoleLog(listener.getLogger(), botName, masker));
        }
        try (Journal journal = Journal.at(journalFile, Journal.Sharing.THIS_PROCESS)) {
            if (!earlierMessages.isEmpty()) {
                Files.write(journalFile, earlierMessages, StandardCharsets.UTF_8);
            }
            MessageBus bus = MessageBus.builder().journal(journal).correlationId(correlationId)
                    .causationId(causationId).masking(masker::mask)
                    .warnings(warning -> result.error(masker.mask(warning))).build();
            BotContext context = BotContext.builder(workspace.toPath()).bus(bus).masker(masker)
                    .environment(environment).log(result).build();
            if (stage != null) {
                context = context.withStage(stage);
            }
            try {
                Bot<?, ?> bot = incidentStore == null ? BotRegistry.standard().get(botId)
                        : io.jenkins.plugins.lotabots.incident.ControllerIncidents.bot(incidentStore, incidentDatabase);
                BotResult botResult = bot.run(options, context);
                result.status = botResult.getStatus().name();
                result.summary = masker.mask(botResult.getSummary());
                for (Map.Entry<String, Object> output : botResult.getOutputs().entrySet()) {
                    result.outputs.put(output.getKey(), plain(output.getValue()));
                }
            }
            catch (LotaBotsException e) {
                result.userError = masker.mask(String.valueOf(e.getMessage()));
            }
            for (Message message : bus.getPublished()) {
                result.messages.add(MessageCodec.get().toJson(message));
            }
        }
        finally {
            Files.deleteIfExists(journalFile);
        }
        return result;
    }

    /**
     * Copies an output value into texts, numbers, booleans, lists and maps, which every JVM can read back.
     *
     * @param value the value
     * @return the plain value
     */
    @CheckForNull
    static Object plain(@CheckForNull final Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Collection<?> collection) {
            ArrayList<Object> list = new ArrayList<>(collection.size());
            for (Object element : collection) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
            }
            return copy;
        }
        return String.valueOf(value);
    }

    /**
     * What a bot run sends back: status, summary, log lines, outputs, published messages as JSON lines, or the
     * message of a bad input. It is also the log sink of the run, so that lines are kept in order.
     */
    public static final class Result implements Serializable, LogSink {
        private static final long serialVersionUID = 1L;

        private String status = "FAILURE";
        private String summary = "";
        private final ArrayList<String> lines = new ArrayList<>();
        private final ArrayList<Boolean> errors = new ArrayList<>();
        private final LinkedHashMap<String, Object> outputs = new LinkedHashMap<>();
        private final ArrayList<String> messages = new ArrayList<>();
        @CheckForNull
        private String userError;
        private int streamed;
        @CheckForNull
        private transient ConsoleLog live;

        @Override
        public synchronized void info(final String line) {
            lines.add(line);
            errors.add(Boolean.FALSE);
            if (live != null) {
                live.info(line);
                streamed = lines.size();
            }
        }

        @Override
        public synchronized void error(final String line) {
            lines.add(line);
            errors.add(Boolean.TRUE);
            if (live != null) {
                live.error(line);
                streamed = lines.size();
            }
        }

        private synchronized void streamTo(final ConsoleLog console) {
            live = console;
        }

        /**
         * Returns how many of the lines were already printed to the console while the bot ran.
         *
         * @return the number of lines printed on the agent
         */
        public synchronized int getStreamed() {
            return streamed;
        }

        /**
         * Returns the status name.
         *
         * @return {@code SUCCESS}, {@code UNSTABLE} or {@code FAILURE}
         */
        public String getStatus() {
            return status;
        }

        /**
         * Returns the engine's summary line, masked.
         *
         * @return the summary, empty after a bad input
         */
        public String getSummary() {
            return summary;
        }

        /**
         * Returns the log lines, masked, in order.
         *
         * @return the lines
         */
        public synchronized List<String> getLines() {
            return Collections.unmodifiableList(new ArrayList<>(lines));
        }

        /**
         * Returns whether the line at the index is an error line.
         *
         * @param index the index into {@link #getLines()}
         * @return {@code true} for an error line
         */
        public synchronized boolean isError(final int index) {
            return errors.get(index);
        }

        /**
         * Returns the outputs, as plain values.
         *
         * @return the outputs
         */
        public Map<String, Object> getOutputs() {
            return Collections.unmodifiableMap(outputs);
        }

        /**
         * Returns the messages the bot published, as JSON lines in publishing order.
         *
         * @return the messages
         */
        public List<String> getMessages() {
            return Collections.unmodifiableList(messages);
        }

        /**
         * Returns the message of a bad input that stopped the bot.
         *
         * @return the message, or {@code null} if the bot ran to its end
         */
        @CheckForNull
        public String getUserError() {
            return userError;
        }
    }
}
