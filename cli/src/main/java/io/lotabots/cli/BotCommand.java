package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotResult;
import io.lotabots.bot.OptionNaming;
import io.lotabots.bot.ProcessingMode;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.util.Durations;
import io.lotabots.util.OutputPaths;
import io.lotabots.util.SecretMasker;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One subcommand per bot, built from the bot's descriptor: every option of the descriptor becomes a long option
 * with the same help and default ({@code minCoverage} becomes {@code --min-coverage}), so that the command line
 * repeats nothing the engine declares. Running it converts the options, runs the bot, streams its log to standard
 * error with the bot's prefix, and prints the summary and the messages it published to standard output.
 */
final class BotCommand implements Callable<Integer> {
    private static final String WORKDIR = "--workdir";
    private static final String JOURNAL = "--journal";
    private static final String STRICT = "--strict";
    private static final String CORRELATION_ID = "--correlation-id";
    private static final String FORMAT = "--format";
    private static final String ID = "id";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind
            .ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    private static final java.time.format.DateTimeFormatter RUN_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Duration INTERRUPT_AFTER = Duration.ofSeconds(1);

    private final Bot<?, ?> bot;
    private final CommandSpec spec;
    private final boolean formats;

    private BotCommand(final Bot<?, ?> bot, final boolean formats) {
        this.bot = bot;
        this.spec = CommandSpec.wrapWithoutInspection(this);
        this.formats = formats;
    }

    /**
     * Creates the subcommand of a bot.
     *
     * @param bot the bot
     * @return the command line of the subcommand
     */
    static CommandLine of(final Bot<?, ?> bot) {
        return of(bot, false);
    }

    /**
     * Creates the subcommand of a bot whose result is read as much as it is acted on (IncidentBot's show and list):
     * it also takes {@code --format text|json}, and the bot's {@code id} option as its one parameter
     * ({@code lotabots incident show INC-12}).
     *
     * @param bot the bot
     * @param formats whether to add {@code --format} and the id parameter
     * @return the command line of the subcommand
     */
    static CommandLine of(final Bot<?, ?> bot, final boolean formats) {
        BotCommand command = new BotCommand(bot, formats);
        BotDescriptor<?> descriptor = bot.getDescriptor();
        CommandSpec spec = command.spec;
        spec.name(descriptor.getId()).mixinStandardHelpOptions(true);
        spec.usageMessage().description(descriptor.getName() + ": " + descriptor.getHelp(),
                "Progress goes to standard error, the summary and messages to standard output.");
        if (!descriptor.getSecrets().isEmpty()) {
            spec.usageMessage().footerHeading("%nSecrets, read from environment variables (never options):%n")
                    .footer(descriptor.getSecrets().stream().map(secret -> ("  " + secret.variable() + ": "
                            + secret.meaning()).replace("%", "%%")).toArray(String[]::new));
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(Map.of(
                "0", "success", "3", "unstable", "1", "failure", "2", "bad input or usage", "130",
                "interrupted by SIGINT or SIGTERM"));
        for (BotOption<?> option : descriptor.getOptions()) {
            spec.addOption(optionSpec(option));
        }
        spec.addOption(OptionSpec.builder(WORKDIR).paramLabel("DIR").type(String.class).defaultValue(".")
                .description("The workspace the bot works in. Default: the current directory.").build());
        spec.addOption(OptionSpec.builder(JOURNAL).paramLabel("PATH").type(String.class)
                .description("The journal file. Default: " + Journal.DEFAULT_PATH + " under the workspace.").build());
        spec.addOption(OptionSpec.builder(CORRELATION_ID).paramLabel("ID").type(String.class)
                .description("Ties this run's messages to others, for example the id of a scenario run. Default: a new"
                        + " id for every run, cli/<bot>#<time>-<random>, so that a bot takes an earlier bot's"
                        + " message of another run only when it is named.").build());
        spec.addOption(OptionSpec.builder(CausedBy.OPTION).paramLabel("MESSAGE_ID").type(String.class)
                .description(CausedBy.HELP).build());
        spec.addOption(OptionSpec.builder(STRICT).arity("0").type(boolean.class)
                .description("Fail on the first bad input instead of recording it and going on.").build());
        if (formats) {
            spec.addOption(OptionSpec.builder(FORMAT).paramLabel("text|json").type(String.class).defaultValue("text")
                    .description("text: the summary, details and messages; json: the result's values (what a"
                            + " Pipeline reads from the step) as JSON. Default: text.").build());
            descriptor.findOption(ID).ifPresent(option -> spec.addPositional(CommandLine.Model.PositionalParamSpec
                    .builder().arity("0..1").paramLabel("ID").type(String.class)
                    .description("The same as " + option.getCommandLineName() + ".").build()));
        }
        return new CommandLine(spec);
    }

    /**
     * Stops a bot run on a signal: first its processes, so that a bot waiting for a command sees it end and records
     * that; a bot still running a second later (waiting for something else) is interrupted.
     */
    private static Consumer<String> stopper(final BotContext context, final Thread worker, final CountDownLatch ran) {
        return reason -> {
            context.stopProcesses();
            try {
                if (!ran.await(INTERRUPT_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
                    worker.interrupt();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static String json(final BotResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("status", result.getStatus().name());
        document.put("summary", result.getSummary());
        document.putAll(result.getOutputs());
        document.put("messages", result.getMessages().stream().map(Message::getId).toList());
        try {
            return JSON.writeValueAsString(document);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the result as JSON", e);
        }
    }

    private static String shown(final Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) : String.valueOf(value);
    }

    private static OptionSpec optionSpec(final BotOption<?> option) {
        OptionSpec.Builder builder = OptionSpec.builder(option.getCommandLineName())
                .required(option.isRequired())
                .description((option.getHelp() + option.getDefaultText().map(value -> " Default: " + value + ".")
                        .orElse("")).replace("%", "%%"));  // picocli formats descriptions: 'error_rate < 5%'
        if (option.getType().isList()) {
            return builder.type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                    .paramLabel("VALUE").build();
        }
        if ("boolean".equals(option.getType().getName())) {
            return builder.type(String.class).arity("0..1").fallbackValue("true").paramLabel("true|false").build();
        }
        return builder.type(String.class).paramLabel(label(option)).build();
    }

    private static String label(final BotOption<?> option) {
        List<String> choices = option.getType().getChoices();
        return choices.isEmpty() ? option.getType().getName().toUpperCase(java.util.Locale.ROOT).replace(' ', '_')
                : String.join("|", choices);
    }

    /**
     * Returns the sentence that answers a user who gave a secret as an option.
     *
     * @param typed the option as typed, for example {@code --url} or {@code --webhook-url=https://...}
     * @return for example "The webhook URL ... is a secret: it is read from NOTIFY_WEBHOOK_URL ...", or empty
     */
    java.util.Optional<String> secretHint(final String typed) {
        String flag = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        String name = java.util.regex.Pattern.compile("-([a-z0-9])").matcher(flag.replaceFirst("^-+", ""))
                .replaceAll(match -> match.group(1).toUpperCase(java.util.Locale.ROOT));
        return bot.getDescriptor().findSecretFor(name).map(io.lotabots.bot.BotSecret::explain);
    }

    /**
     * Returns a correlation id of its own for one standalone run: two runs never share one, so that what a bot looks
     * up "in this run" (DeployBot's build) is never a message of another run, nor one written to look like it.
     */
    static String runId(final String botId, final Clock clock) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return "cli/" + botId + "#" + RUN_TIME.format(clock.instant()) + "-" + java.util.HexFormat.of().formatHex(random);
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        Map<String, Object> values = new LinkedHashMap<>();
        for (BotOption<?> option : bot.getDescriptor().getOptions()) {
            OptionSpec given = spec.findOption(option.getCommandLineName());
            if (given != null && commandLine.getParseResult().hasMatchedOption(given)) {
                values.put(option.getName(), given.getValue());
            }
        }
        String format = formats ? spec.findOption(FORMAT).getValue() : "text";
        if (!"text".equals(format) && !"json".equals(format)) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "--format must be text or json, was '" + format
                    + "'.");
        }
        if (formats && !spec.positionalParameters().isEmpty() && spec.positionalParameters().get(0).getValue() != null) {
            Object given = values.putIfAbsent(ID, spec.positionalParameters().get(0).getValue());
            if (given != null && !given.equals(spec.positionalParameters().get(0).getValue())) {
                throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Two incidents given: "
                        + spec.positionalParameters().get(0).getValue() + " and --id " + given + "; give one.");
            }
        }
        Path workspace = Path.of((String) spec.findOption(WORKDIR).getValue()).toAbsolutePath().normalize();
        if (!Files.isDirectory(workspace)) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION,
                    "The workspace '" + workspace + "' does not exist or is not a directory.");
        }
        String journalPath = spec.findOption(JOURNAL).getValue();
        // every output is checked before the bot starts: named ones may be anywhere, the others stay inside
        OutputPaths outputs = OutputOptions.allow(OutputPaths.confinedTo(workspace), bot, values);
        Path journalFile;
        if (journalPath == null) {
            journalFile = outputs.resolve(Journal.DEFAULT_PATH, "the journal");
        } else {
            journalFile = Path.of(journalPath).toAbsolutePath().normalize();
            OutputPaths.checkWritable(journalFile, JOURNAL);
            outputs = outputs.allowing(journalFile);
        }
        if (bot instanceof io.lotabots.bot.deploy.DeployBot) {
            // the ports are checked before the deployment builds, copies or stops anything
            PortPreflight.check(values, workspace);
        }
        String causedBy = spec.findOption(CausedBy.OPTION).getValue();
        Message trigger = causedBy == null ? null : CausedBy.find(journalFile, causedBy);
        String givenCorrelationId = spec.findOption(CORRELATION_ID).getValue();
        String correlationId = givenCorrelationId != null || trigger == null ? givenCorrelationId
                : trigger.getCorrelationId().orElse(null);
        boolean strict = Boolean.TRUE.equals(spec.findOption(STRICT).getValue());
        String name = bot.getDescriptor().getName();
        Clock clock = Clock.systemUTC();
        // the context registers the secrets of the environment it is given before anything is published
        SecretMasker masker = new SecretMasker();
        try (Journal journal = Journal.at(journalFile)) {
            ConsoleLog console = new ConsoleLog(err);
            MessageBus bus = MessageBus.builder().clock(clock).journal(journal).masking(masker::mask)
                    .causationId(trigger == null ? null : trigger.getId())
                    .correlationId(correlationId == null ? runId(bot.getDescriptor().getId(), clock) : correlationId)
                    .warnings(warning -> console.info("[" + name + "] [WARNING] " + warning)).build();
            BotContext context = BotContext.builder(workspace).bus(bus).clock(clock).masker(masker)
                    .outputs(outputs).environment(System.getenv()).mode(strict ? ProcessingMode.STRICT : ProcessingMode.LENIENT)
                    .optionNaming(OptionNaming.COMMAND_LINE).log(console).build();
            err.printf("[%s] Running in %s%s%n", name, workspace, values.isEmpty() ? " with the default options"
                    : " with " + values.entrySet().stream()
                            .map(entry -> OptionNaming.COMMAND_LINE.nameOf(entry.getKey()) + " " + shown(entry.getValue()))
                            .collect(java.util.stream.Collectors.joining(", ")));
            err.flush();
            long start = System.nanoTime();
            BotResult result;
            CountDownLatch ran = new CountDownLatch(1);
            try (InterruptSignals signals = InterruptSignals.install(err,
                    stopper(context, Thread.currentThread(), ran))) {
                try {
                    result = bot.run(values, context.withLogPrefix(name));
                }
                catch (RuntimeException e) {
                    if (signals.getReason().isEmpty()) {
                        throw e;
                    }
                    Thread.interrupted();
                    console.info(String.format("[%s] %s: %s", name, signals.getReason().get(), e.getMessage()));
                    err.flush();
                    return ExitCode.INTERRUPTED;
                }
                finally {
                    ran.countDown();
                    console.clearProgress();
                }
                Thread.interrupted();  // an interrupt that came after the bot's last wait
                // the summary goes to standard output only, once: standard error says when the bot ended
                console.info(String.format("[%s] Finished in %s%s", name,
                        Durations.format(Duration.ofNanos(System.nanoTime() - start)),
                        signals.getReason().map(reason -> " (" + reason + ")").orElse("")));
                err.flush();
                if ("json".equals(format)) {
                    out.println(json(result));
                } else {
                    out.println(result.getSummary());
                    if (result instanceof io.lotabots.bot.incident.IncidentResult incident) {
                        incident.getDetails().forEach(out::println);
                    }
                    for (Message message : result.getMessages()) {
                        Timeline.printRow(message, out);
                    }
                }
                out.flush();
                return signals.getReason().isPresent() ? ExitCode.INTERRUPTED : ExitCode.of(result.getStatus());
            }
        }
    }
}
