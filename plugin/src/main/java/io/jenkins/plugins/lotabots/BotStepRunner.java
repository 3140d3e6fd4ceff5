package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.lotabots.bus.RunJournal;
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

    /**
     * Runs the engine bot {@code botId} with {@code options} in {@code workspace}.
     *
     * @param botId the bot's id, for example {@code test}
     * @param options the options given to the step or recorder; the global defaults apply under them
     * @param run the build
     * @param workspace the workspace, on the agent that holds it
     * @param env the build's environment
     * @param listener the build console
     * @param stage the enclosing stage, or {@code null}
     * @return the outcome: status, summary and outputs
     * @throws AbortException if an option is invalid, a credential is missing, or another bad input stops the bot,
     *         with the engine's message; the messages published before are kept
     * @throws IOException if the agent cannot be reached or the journal cannot be written
     * @throws InterruptedException if the build is aborted
     */
    public static BotOutcome run(final String botId, final Map<String, Object> options, final Run<?, ?> run,
            final FilePath workspace, final EnvVars env, final TaskListener listener, @CheckForNull final String stage)
            throws IOException, InterruptedException {
        BotDescriptor<?> descriptor = BotRegistry.standard().get(botId).getDescriptor();
        Map<String, Object> values = withDefaults(descriptor, LotaBotsConfiguration.get().defaultsFor(botId),
                options);
        Map<String, String> credentials = CredentialsEnvironment.resolve(run);
        List<String> secrets = secretValues(credentials, CredentialsEnvironment.secretNames());
        SecretMasker masker = new SecretMasker();
        secrets.forEach(masker::add);
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(credentials);

        ConsoleLog console = new ConsoleLog(listener.getLogger(), descriptor.getName(), masker);
        console.start(values);
        RunJournal journal = RunJournal.of(run);
        List<String> earlier = new ArrayList<>();
        for (Message message : journal.read()) {
            earlier.add(MessageCodec.get().toJson(message));
        }
        long start = System.nanoTime();
        BotCallable.Result result = workspace.act(new BotCallable(botId, values, environment, secrets, earlier,
                journal.correlationId(), stage, descriptor.getName(), listener));
        console.print(result);
        List<Message> published = new ArrayList<>();
        for (String line : result.getMessages()) {
            try {
                published.add(MessageCodec.get().read(line));
            }
            catch (InvalidMessageException e) {
                console.error(e.getMessage());
            }
        }
        if (!published.isEmpty()) {
            journal.appendAll(published, listener);
        }
        String userError = result.getUserError();
        if (userError != null) {
            throw new AbortException(masker.mask(Messages.BotStepRunner_InputError(descriptor.getName(), userError)));
        }
        console.summary(result.getSummary(), Durations.format(Duration.ofNanos(System.nanoTime() - start)));
        return new BotOutcome(descriptor.getName(), result.getStatus(), result.getSummary(), result.getOutputs());
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

    /**
     * Returns the values to mask: those of the resolved variables that are secret.
     *
     * @param credentials the resolved variables
     * @param secretNames the names of the secret ones
     * @return the secret values, sorted
     */
    static List<String> secretValues(final Map<String, String> credentials, final Set<String> secretNames) {
        Set<String> values = new TreeSet<>();
        for (Map.Entry<String, String> entry : credentials.entrySet()) {
            if (secretNames.contains(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                values.add(entry.getValue());
            }
        }
        return new ArrayList<>(values);
    }
}
