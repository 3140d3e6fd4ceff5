package io.lotabots.bot;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bus.MessageBus;
import io.lotabots.message.BusMessage;
import io.lotabots.message.Message;
import io.lotabots.process.LocalProcessRunner;
import io.lotabots.process.ProcessRunner;
import io.lotabots.util.LogSink;
import io.lotabots.util.OutputPaths;
import io.lotabots.util.SecretMasker;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a bot may touch: the workspace, a log sink whose every line passes through the secret masker, a
 * clock, a process runner, an HTTP client, the bus, secrets and the processing mode. Front-ends build one per bot
 * run; tests build one over a temporary folder.
 */
public final class BotContext {
    /** The message extension attribute that names the stage a message was published from. */
    public static final String STAGE_EXTENSION = "stage";

    private final Path workspace;
    private final LogSink log;
    private final Clock clock;
    private final ProcessRunner processes;
    private final HttpClient http;
    private final SecretMasker masker;
    private final MessageBus bus;
    private final ProcessingMode mode;
    private final Map<String, String> environment;
    private final OutputPaths outputs;
    private final OptionNaming naming;
    @CheckForNull
    private final String stage;

    private BotContext(final BotContext parent, final LogSink log, @CheckForNull final String stage) {
        this.workspace = parent.workspace;
        this.masker = parent.masker;
        this.log = log.masked(parent.masker);
        this.clock = parent.clock;
        this.processes = parent.processes;
        this.http = parent.http;
        this.bus = parent.bus;
        this.mode = parent.mode;
        this.environment = parent.environment;
        this.outputs = parent.outputs;
        this.naming = parent.naming;
        this.stage = stage;
    }

    private BotContext(final Builder builder) {
        this.workspace = builder.workspace;
        this.masker = builder.masker;
        this.log = builder.log.masked(builder.masker);
        this.clock = builder.clock;
        this.processes = builder.processes == null ? new LocalProcessRunner(builder.masker) : builder.processes;
        this.http = builder.http == null ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build() : builder.http;
        this.bus = builder.bus == null ? MessageBus.builder().clock(builder.clock).build() : builder.bus;
        this.mode = builder.mode;
        this.environment = Map.copyOf(builder.environment);
        this.masker.addSecretsOf(environment);
        this.outputs = builder.outputs == null ? OutputPaths.confinedTo(workspace) : builder.outputs;
        this.naming = builder.naming;
        this.stage = null;
    }

    /**
     * Starts a context over a workspace.
     *
     * @param workspace the folder the bot works in
     * @return a builder
     */
    public static Builder builder(final Path workspace) {
        return new Builder(workspace);
    }

    /**
     * Returns the folder the bot works in.
     *
     * @return the workspace, absolute
     */
    public Path getWorkspace() {
        return workspace;
    }

    /**
     * Returns the rule every file or folder a bot writes goes through: inside the workspace after links are
     * resolved, unless the user named that output explicitly on the command line.
     *
     * @return the rule
     */
    public OutputPaths getOutputs() {
        return outputs;
    }

    /**
     * Returns the log sink; every line is masked.
     *
     * @return the sink
     */
    public LogSink getLog() {
        return log;
    }

    /**
     * Returns this context with every log line prefixed, as {@code [TestBot] }, for runs where several bots share
     * one console.
     *
     * @param name the prefix without brackets
     * @return a context that shares everything else with this one
     */
    public BotContext withLogPrefix(final String name) {
        LogSink target = log;
        String prefix = "[" + name + "] ";
        return new BotContext(this, new LogSink() {
            @Override
            public void info(final String line) {
                target.info(prefix + line);
            }

            @Override
            public void error(final String line) {
                target.error(prefix + line);
            }

            @Override
            public void warning(final String line) {
                target.warning(prefix + line);
            }

            @Override
            public void progress(final String line) {
                target.progress(prefix + line);
            }
        }, stage);
    }

    /**
     * Returns this context with the stage its messages are published from, so that the timeline, the build page
     * and the stage views can show which stage emitted each message (the {@value #STAGE_EXTENSION} extension).
     *
     * @param name the stage, for example {@code Deploy to Production}
     * @return a context that shares everything else with this one
     */
    public BotContext withStage(final String name) {
        return new BotContext(this, log, name);
    }

    /**
     * Returns how the front-end names options in the messages it shows.
     *
     * @return the naming; {@link OptionNaming#PIPELINE} unless the front-end set another
     */
    public OptionNaming getOptionNaming() {
        return naming;
    }

    /**
     * Returns the name of an option as the user of the front-end writes it, for messages about its value:
     * {@code allowEmpty} in Jenkins, {@code --allow-empty} on the command line.
     *
     * @param option the option
     * @return the name
     */
    public String nameOf(final BotOption<?> option) {
        return naming.nameOf(option);
    }

    /**
     * Returns the stage this context publishes from.
     *
     * @return the stage, or empty outside a stage
     */
    public Optional<String> getStage() {
        return Optional.ofNullable(stage);
    }

    /**
     * Returns the clock.
     *
     * @return the clock
     */
    public Clock getClock() {
        return clock;
    }

    /**
     * Returns the process runner; output it streams is masked.
     *
     * @return the runner
     */
    public ProcessRunner getProcesses() {
        return processes;
    }

    /**
     * Stops every process started through this context's process runner (and the contexts derived from it) that
     * still runs, with everything they started, and refuses to start more: for a run that is interrupted.
     *
     * @return how many processes were stopped
     * @see ProcessRunner#stopAll()
     */
    public int stopProcesses() {
        return processes.stopAll();
    }

    /**
     * Returns the HTTP client. It does not follow redirects: a bot that wants them says so per request.
     *
     * @return the client
     */
    public HttpClient getHttp() {
        return http;
    }

    /**
     * Returns the secret masker. Register every secret a bot reads before it logs anything.
     *
     * @return the masker
     */
    public SecretMasker getMasker() {
        return masker;
    }

    /**
     * Returns the bus.
     *
     * @return the bus
     */
    public MessageBus getBus() {
        return bus;
    }

    /**
     * Publishes a payload from the given bot.
     *
     * @param botName the sending bot
     * @param payload the payload
     * @return the published message
     */
    public Message publish(final String botName, final BusMessage payload) {
        if (stage == null) {
            return bus.publish(botName, payload);
        }
        return bus.publish(Message.builder(payload).source(botName).extension(STAGE_EXTENSION, stage));
    }

    /**
     * Returns the processing mode.
     *
     * @return the mode
     */
    public ProcessingMode getMode() {
        return mode;
    }

    /**
     * Returns an environment variable, as the CLI passes secrets (for example {@code SLACK_WEBHOOK_URL}). The
     * value is registered with the masker before it is returned.
     *
     * @param name the variable
     * @return the value
     */
    public Optional<String> getSecret(final String name) {
        String value = environment.get(name);
        if (value != null) {
            masker.add(value);
        }
        return Optional.ofNullable(value);
    }

    /**
     * Returns an ordinary environment variable, such as {@code BRANCH_NAME}: the CLI passes its own environment,
     * the plugin the build's. Use {@link #getSecret(String)} for anything secret.
     *
     * @param name the variable
     * @return the value
     */
    public Optional<String> getVariable(final String name) {
        return Optional.ofNullable(environment.get(name));
    }

    /**
     * Returns the environment variables the context was given.
     *
     * @return the variables
     */
    public Map<String, String> getEnvironment() {
        return environment;
    }

    /**
     * Builds a {@link BotContext}.
     */
    public static final class Builder {
        private final Path workspace;
        private LogSink log = LogSink.NONE;
        private Clock clock = Clock.systemUTC();
        @CheckForNull
        private ProcessRunner processes;
        @CheckForNull
        private HttpClient http;
        private SecretMasker masker = new SecretMasker();
        @CheckForNull
        private MessageBus bus;
        private ProcessingMode mode = ProcessingMode.LENIENT;
        private Map<String, String> environment = Map.of();
        @CheckForNull
        private OutputPaths outputs;
        private OptionNaming naming = OptionNaming.PIPELINE;

        private Builder(final Path workspace) {
            this.workspace = workspace.toAbsolutePath().normalize();
        }

        /**
         * Sets the log sink; the context masks every line before it reaches the sink.
         *
         * @param value the sink
         * @return this
         */
        public Builder log(final LogSink value) {
            this.log = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this
         */
        public Builder clock(final Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the process runner.
         *
         * @param value the runner
         * @return this
         */
        public Builder processes(final ProcessRunner value) {
            this.processes = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the HTTP client.
         *
         * @param value the client
         * @return this
         */
        public Builder http(final HttpClient value) {
            this.http = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the secret masker, shared with the front-end so that its own lines are masked too.
         *
         * @param value the masker
         * @return this
         */
        public Builder masker(final SecretMasker value) {
            this.masker = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the bus.
         *
         * @param value the bus
         * @return this
         */
        public Builder bus(final MessageBus value) {
            this.bus = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the processing mode.
         *
         * @param value the mode
         * @return this
         */
        public Builder mode(final ProcessingMode value) {
            this.mode = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the environment secrets are read from.
         *
         * @param value the variables
         * @return this
         */
        public Builder environment(final Map<String, String> value) {
            this.environment = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the rule for the paths bots write, with the outputs the user named explicitly. Default: everything
         * inside the workspace.
         *
         * @param value the rule; its workspace must be this context's
         * @return this
         */
        public Builder outputs(final OutputPaths value) {
            if (!value.getWorkspace().equals(workspace)) {
                throw new IllegalArgumentException("The output rule is for '" + value.getWorkspace()
                        + "', the context for '" + workspace + "'");
            }
            this.outputs = value;
            return this;
        }

        /**
         * Sets how the front-end names options in messages. Default: {@link OptionNaming#PIPELINE}.
         *
         * @param value the naming, for example {@link OptionNaming#COMMAND_LINE}
         * @return this
         */
        public Builder optionNaming(final OptionNaming value) {
            this.naming = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public BotContext build() {
            return new BotContext(this);
        }
    }
}
