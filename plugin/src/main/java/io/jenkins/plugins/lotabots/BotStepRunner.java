package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.lotabots.bus.BotMessageCause;
import io.jenkins.plugins.lotabots.bus.RunJournal;
import io.jenkins.plugins.lotabots.incident.ControllerIncidents;
import io.jenkins.plugins.lotabots.incident.IncidentBotStep;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.util.Durations;
import io.lotabots.util.SecretMasker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs an engine bot for a Pipeline step or a freestyle recorder: the one place that turns the step's options, the
 * global defaults, the build's environment and its credentials into a bot run on the workspace's machine (through
 * {@link BotCallable}), prints the bot's log with its {@code [Name]} prefix, appends the messages it published to the
 * build's journal, and returns the outcome. Mapping the outcome to a build result is left to the caller, because a
 * step also marks its stage.
 */
public final class BotStepRunner {
    private BotStepRunner() {
    }

    /** The most messages one bot run may send back; a bot publishes a handful. */
    static final int MAX_MESSAGES = 1_000;
    /** The most characters of a summary kept. */
    static final int MAX_SUMMARY = 2_000;
    /** The most characters the outputs of one run may have as JSON. */
    static final int MAX_OUTPUT_CHARS = 1_048_576;

    /**
     * Runs the engine bot {@code botId} with {@code options} in {@code workspace}.
     *
     * @param botId the bot's id, for example {@code test}
     * @param options the options given to the step or recorder; the global defaults apply under them
     * @param run the build
     * @param workspace the workspace, on the agent that holds it; {@code null} only for IncidentBot, which runs on the
     *        controller ({@link ControllerIncidents}) and needs no workspace
     * @param env the build's environment
     * @param listener the build console
     * @param stage the enclosing stage, or {@code null}
     * @param sensitiveNames the build's sensitive variables ({@link BuildSecrets#sensitiveNames}), masked with the
     *        configured credentials in every line, message, summary and output
     * @return the outcome: status, summary and outputs
     * @throws AbortException if an option is invalid or another bad input stops the bot, with the engine's message;
     *         the messages published before are kept
     * @throws IOException if the agent cannot be reached or the journal cannot be written
     * @throws InterruptedException if the build is aborted
     */
    public static BotOutcome run(final String botId, final Map<String, Object> options, final Run<?, ?> run,
            @CheckForNull final FilePath workspace, final EnvVars env, final TaskListener listener, @CheckForNull final String stage,
            final Set<String> sensitiveNames)
            throws IOException, InterruptedException {
        BotDescriptor<?> descriptor = BotRegistry.standard().get(botId).getDescriptor();
        Map<String, Object> values = withDefaults(descriptor, LotaBotsConfiguration.get().defaultsFor(botId),
                options);
        List<String> warnings = new ArrayList<>();
        Map<String, String> credentials = CredentialsEnvironment.resolve(run, botId, warnings::add);
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(credentials);
        Set<String> secretNames = new TreeSet<>(sensitiveNames);
        secretNames.addAll(CredentialsEnvironment.secretNames());
        Set<String> secrets = BuildSecrets.values(environment, secretNames);
        SecretMasker masker = BuildSecrets.masker(secrets);

        ConsoleLog console = new ConsoleLog(listener.getLogger(), descriptor.getName(), masker);
        console.start(values);
        warnings.forEach(console::error);
        RunJournal journal = RunJournal.of(run);
        List<String> earlier = new ArrayList<>();
        for (Message message : withDeployHistory(botId, run, journal.read())) {
            earlier.add(MessageCodec.get().toJson(message));
        }
        boolean incident = IncidentBotStep.BOT_ID.equals(botId);
        if (incident) {
            // a build started by a message (an alert) acts on it: IncidentBot's cause, readable by the bot
            Message trigger = ControllerIncidents.triggerOf(run);
            if (trigger != null) {
                if (journal.read().stream().noneMatch(message -> message.getId().equals(trigger.getId()))) {
                    earlier.add(0, MessageCodec.get().toJson(trigger));
                }
                values.putIfAbsent(io.lotabots.bot.incident.IncidentBotDescriptor.CAUSE.getName(), trigger.getId());
            }
        }
        FilePath where = incident ? ControllerIncidents.prepare(run, workspace, values) : workspace;
        if (where == null) {
            throw new AbortException(Messages.BotStepRunner_NoWorkspace(descriptor.getName()));
        }
        BotCallable callable = new BotCallable(botId, values, environment, secrets, earlier,
                journal.correlationId(), stage, descriptor.getName(), listener);
        if (incident) {
            callable.withIncidentStore(ControllerIncidents.storeFolder().toString(),
                    LotaBotsConfiguration.get().getIncidentDatabaseUrl());
        }
        BotMessageCause trigger = run.getCause(BotMessageCause.class);
        if (trigger != null) {
            callable.withCause(trigger.getMessageId());
        }
        long start = System.nanoTime();
        BotCallable.Result result = where.act(callable);
        console.print(result);
        List<Message> published = accepted(result.getMessages(), descriptor.getName(), journal.correlationId(),
                console::error);
        if (!published.isEmpty()) {
            journal.appendAll(published, listener, masker::mask);
        }
        String userError = result.getUserError();
        if (userError != null) {
            throw new AbortException(masker.mask(Messages.BotStepRunner_InputError(descriptor.getName(),
                    truncate(userError))));
        }
        if (incident) {
            ControllerIncidents.finish(result.getOutputs(), where, workspace, listener);
        }
        String summary = masker.mask(truncate(result.getSummary()));
        console.summary(summary, Durations.format(Duration.ofNanos(System.nanoTime() - start)));
        return new BotOutcome(descriptor.getName(), status(result.getStatus()), summary,
                outputs(result.getOutputs(), masker, console::error));
    }

    /**
     * Returns the messages an agent sent back that the build may record: at most {@value #MAX_MESSAGES}, each
     * readable, from the bot that ran and of this build's correlation id. The agent is not trusted with more: a
     * message that claims another bot or another run is dropped with an error line.
     *
     * @param lines the messages as JSON lines
     * @param botName the bot that ran
     * @param correlationId the build's correlation id
     * @param errors receives one line per dropped message
     * @return the messages to record, in order
     */
    static List<Message> accepted(final List<String> lines, final String botName, final String correlationId,
            final Consumer<String> errors) {
        List<Message> messages = new ArrayList<>();
        if (lines.size() > MAX_MESSAGES) {
            errors.accept(Messages.BotStepRunner_TooManyMessages(String.valueOf(lines.size()),
                    String.valueOf(MAX_MESSAGES)));
        }
        for (String line : lines.subList(0, Math.min(lines.size(), MAX_MESSAGES))) {
            try {
                Message message = MessageCodec.get().read(line);
                if (!botName.equals(message.getSource())) {
                    errors.accept(Messages.BotStepRunner_ForeignSource(message.getType(), message.getSource(),
                            botName));
                }
                else if (!message.getCorrelationId().map(correlationId::equals).orElse(false)) {
                    errors.accept(Messages.BotStepRunner_ForeignRun(message.getType(),
                            message.getCorrelationId().orElse("-"), correlationId));
                }
                else {
                    messages.add(message);
                }
            }
            catch (InvalidMessageException e) {
                errors.accept(e.getMessage());
            }
        }
        return messages;
    }

    /**
     * Returns the outputs an agent sent back, masked, or none when their JSON form exceeds
     * {@value #MAX_OUTPUT_CHARS} characters.
     */
    static Map<String, Object> outputs(final Map<String, Object> outputs, final SecretMasker masker,
            final Consumer<String> errors) {
        String json;
        try {
            json = MessageCodec.get().copyMapper().writeValueAsString(outputs);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            errors.accept(e.getOriginalMessage());
            return Map.of();
        }
        if (json.length() > MAX_OUTPUT_CHARS) {
            errors.accept(Messages.BotStepRunner_OutputsTooLarge(String.valueOf(json.length()),
                    String.valueOf(MAX_OUTPUT_CHARS)));
            return Map.of();
        }
        return maskedCopy(outputs, masker);
    }

    /** How far back the deployments of other builds are given to DeployBot and MonitorBot. */
    static final java.time.Duration DEPLOY_HISTORY = java.time.Duration.ofDays(7);

    /**
     * Returns the messages of this build, and for DeployBot and MonitorBot before them the deployments of the last
     * {@link #DEPLOY_HISTORY} ({@code deploy.started}, {@code deploy.completed}, {@code deploy.rolled_back}) recorded by
     * the builds of the jobs in the same folder as this build's job (top-level jobs: the other top-level jobs) that
     * this build may read, in time order. On the command line these bots read the project's journal, where every
     * run's deployments are; in Jenkins each build has a journal of its own, and a job that did not deploy
     * (incident-response rolling production back, a scheduled watch of production) needs the deployments that the
     * delivery job of the same application, kept in the same folder, recorded.
     */
    static List<Message> withDeployHistory(final String botId, final Run<?, ?> run, final List<Message> ofThisBuild) {
        if (!io.lotabots.bot.deploy.DeployBotDescriptor.ID.equals(botId)
                && !io.lotabots.bot.monitor.MonitorBotDescriptor.ID.equals(botId)) {
            return ofThisBuild;
        }
        java.util.Map<String, java.time.Duration> types = java.util.Map.of(
                io.lotabots.message.DeployStarted.TYPE, DEPLOY_HISTORY,
                io.lotabots.message.DeployCompleted.TYPE, DEPLOY_HISTORY,
                io.lotabots.message.DeployRolledBack.TYPE, DEPLOY_HISTORY);
        java.util.Set<String> own = new java.util.HashSet<>();
        ofThisBuild.forEach(message -> own.add(message.getId()));
        List<Message> all = new ArrayList<>();
        hudson.model.ItemGroup<?> folder = run.getParent().getParent();
        // evaluated with the build's authentication: a job it may not read is null here; once per job, not per message
        java.util.Map<String, Boolean> counted = new java.util.HashMap<>();
        java.util.function.Predicate<String> sameFolder = name -> counted.computeIfAbsent(name, job -> {
            hudson.model.Item item = jenkins.model.Jenkins.get().getItemByFullName(job);
            return item != null && item.getParent() == folder;
        });
        for (Message message : io.jenkins.plugins.lotabots.bus.RecentBotMessages.get().within(types,
                java.time.Instant.now(), sameFolder)) {
            if (!own.contains(message.getId())) {
                all.add(message);
            }
        }
        if (all.isEmpty()) {
            return ofThisBuild;
        }
        all.addAll(ofThisBuild);
        all.sort(java.util.Comparator.comparing(Message::getTime));
        return all;
    }

    private static Map<String, Object> maskedCopy(final Map<String, Object> outputs, final SecretMasker masker) {
        Map<String, Object> copy = new LinkedHashMap<>();
        outputs.forEach((key, value) -> copy.put(key, maskedValue(value, masker)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    @CheckForNull
    private static Object maskedValue(@CheckForNull final Object value, final SecretMasker masker) {
        if (value instanceof String text) {
            return masker.mask(text);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(maskedValue(element, masker)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            return maskedCopy((Map<String, Object>) map, masker);
        }
        return value;
    }

    private static String status(final String status) {
        return switch (status) {
            case "SUCCESS", "UNSTABLE" -> status;
            default -> "FAILURE";
        };
    }

    private static String truncate(final String text) {
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY) + "...";
    }

    /**
     * Returns the exception that ends a step or recorder whose bot failed: an {@link AbortException}, which Jenkins
     * prints without a stack trace.
     *
     * @param outcome the outcome, which {@link BotOutcome#isFailure() failed}
     * @return the exception to throw
     */
    public static AbortException failure(final BotOutcome outcome) {
        return new AbortException(Messages.BotStepRunner_Failed(outcome.getBotName(), outcome.getSummary()));
    }

    /**
     * Returns the label of a bot step in the stage views: the bot and its summary.
     *
     * @param outcome the outcome
     * @return for example {@code TestBot: 370 tests, 0 failed; coverage 87.5%; SUCCESS}
     */
    public static String label(final BotOutcome outcome) {
        return outcome.getBotName() + ": " + outcome.getSummary();
    }

    /**
     * Returns the warning of a bot that ended UNSTABLE, for the stage's {@code WarningAction}.
     *
     * @param outcome the outcome
     * @return the warning
     */
    public static String unstableMessage(final BotOutcome outcome) {
        return Messages.BotStepRunner_Unstable(outcome.getBotName(), outcome.getSummary());
    }

    /**
     * Puts the given options over the global defaults, in the order of the bot's descriptor. Defaults for options
     * the bot does not have are ignored; given options the bot does not have are kept, so that the engine rejects
     * them with a message that lists the bot's options.
     *
     * @param descriptor the bot's descriptor
     * @param defaults the global defaults of the bot
     * @param given the options given to the step
     * @return the options to run the bot with
     */
    static Map<String, Object> withDefaults(final BotDescriptor<?> descriptor, final Map<String, Object> defaults,
            final Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (BotOption<?> option : descriptor.getOptions()) {
            Object value = given.get(option.getName());
            if (value == null) {
                value = defaults.get(option.getName());
            }
            if (value != null) {
                values.put(option.getName(), value);
            }
        }
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            if (entry.getValue() != null) {
                values.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }
        return values;
    }
}
