package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.error.LotaBotsException;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lotabots} command. Results go to standard output, progress and errors to standard error. Exit codes:
 * 0 success, 3 unstable, 1 failure, 2 bad input or usage, 130 interrupted (SIGINT or SIGTERM).
 */
@Command(name = "lotabots", mixinStandardHelpOptions = true, versionProvider = LotaBotsCommand.Version.class,
        description = "A team of delivery bots that talk through typed messages, on the command line.",
        subcommands = {BotsCommand.class, MessageCommand.class, MessagesCommand.class, ReactCommand.class,
                RunCommand.class, ScenarioCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "3:unstable (a gate with criticality UNSTABLE failed)",
                "1:failure (a bot or step failed, or a run stopped at an approval point)",
                "2:bad input or usage",
                "130:interrupted by SIGINT or SIGTERM (processes stopped, run recorded as aborted, report written)"})
public final class LotaBotsCommand {
    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(final String... args) {
        return commandLine().execute(args);
    }

    /**
     * Returns the configured command line, for tests that capture its output.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        return commandLine(BotRegistry.standard());
    }

    /**
     * Returns the configured command line over the given bots, for tests.
     *
     * @param registry the bots
     * @return the command line
     */
    public static CommandLine commandLine(final BotRegistry registry) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(final Class<K> type) throws Exception {
                if (type == BotsCommand.class) {
                    return (K) new BotsCommand(registry);
                }
                if (type == ReactCommand.class) {
                    return (K) new ReactCommand(registry);
                }
                if (type == RunCommand.class) {
                    return (K) new RunCommand(registry);
                }
                if (type == ScenarioCommand.RunScenarioCommand.class) {
                    return (K) new ScenarioCommand.RunScenarioCommand(registry);
                }
                return defaults.create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new LotaBotsCommand(), factory);
        for (Bot<?, ?> bot : registry.getBots()) {
            if (commandLine.getSubcommands().containsKey(bot.getDescriptor().getId())) {
                throw new IllegalStateException("The bot id '" + bot.getDescriptor().getId()
                        + "' is taken by a built-in subcommand");
            }
            CommandLine botCommand = bot instanceof IncidentBot ? BotCommand.of(bot, true) : BotCommand.of(bot);
            if ("deploy".equals(bot.getDescriptor().getId())) {
                botCommand.addSubcommand("rollback", BotCommand.of(PresetBot.deployRollback(bot)));
                botCommand.addSubcommand("status", new DeployStatusCommand());
                botCommand.addSubcommand("stop", new DeployStatusCommand.StopCommand());
            }
            if (bot instanceof IncidentBot incident) {
                IncidentCommands.add(botCommand, incident);
            }
            if ("security".equals(bot.getDescriptor().getId())) {
                botCommand.addSubcommand("cve-alert", BotCommand.of(PresetBot.cveAlert(bot)));
            }
            commandLine.addSubcommand(bot.getDescriptor().getId(), botCommand);
        }
        CommandLine react = commandLine.getSubcommands().get("react");
        CommandLine incident = commandLine.getSubcommands().get(io.lotabots.bot.incident.IncidentBotDescriptor.ID);
        if (react != null && incident != null && incident.getSubcommands().containsKey("escalate")) {
            ((ReactCommand) react.getCommand()).offerEscalation(react, incident.getSubcommands().get("escalate"));
        }
        commandLine.setExecutionExceptionHandler(LotaBotsCommand::handle);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("lotabots: " + exception.getMessage() + suggestion(exception));
            err.println("Run '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.BAD_INPUT;
        });
        return commandLine;
    }

    /**
     * "Did you mean 'test'?" for {@code tset}, "Did you mean '--min-coverage'?" for {@code --min-coverge}.
     */
    private static String suggestion(final CommandLine.ParameterException exception) {
        if (!(exception instanceof CommandLine.UnmatchedArgumentException unmatched)
                || unmatched.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = unmatched.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = exception.getCommandLine().getCommandSpec();
        if (typed.startsWith("-") && spec.userObject() instanceof BotCommand bot) {
            java.util.Optional<String> secret = bot.secretHint(typed);
            if (secret.isPresent()) {
                return " " + secret.get();
            }
        }
        java.util.Set<String> candidates = new java.util.TreeSet<>();
        if (typed.startsWith("-")) {
            spec.options().forEach(option -> candidates.addAll(java.util.List.of(option.names())));
            typed = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        } else {
            candidates.addAll(spec.subcommands().keySet());
        }
        return Suggestions.didYouMean(typed, candidates);
    }

    private static int handle(final Exception exception, final CommandLine commandLine,
            final CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof LotaBotsException failure) {
            err.println("lotabots: " + failure.getMessage());
            return failure.getCode().isUserError() ? ExitCode.BAD_INPUT : ExitCode.FAILURE;
        }
        err.println("lotabots: internal error, please report it with this trace:");
        exception.printStackTrace(err);
        return ExitCode.FAILURE;
    }

    /**
     * Reads the version from the jar's manifest.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LotaBotsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lotabots " + (version == null ? "development build" : version),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
