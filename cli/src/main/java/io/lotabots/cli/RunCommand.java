package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.Durations;
import io.lotabots.util.SecretMasker;
import io.lotabots.workflow.ApprovalPolicy;
import io.lotabots.workflow.Step;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.Workflow;
import io.lotabots.workflow.WorkflowListener;
import io.lotabots.workflow.WorkflowRun;
import io.lotabots.workflow.WorkflowRunner;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots run}: the main job until the scenarios exist. It runs every registered bot, in order, on a
 * working directory with the bots' defaults, records their messages in the journal, and prints the timeline.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every registered bot on a working directory with its defaults, record the messages in"
                + " the journal and print the message timeline.",
                "Progress goes to standard error, the timeline to standard output."})
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalOption journal = new JournalOption();

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
            description = "The project to run on. Default: the current directory.")
    private Path workdir;

    @Option(names = "--set", paramLabel = "BOT.OPTION=VALUE",
            description = "Override a bot option, for example --set test.minCoverage=85. Repeatable.")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--approve", paramLabel = "GATE",
            description = "Approve an approval point up front (non-interactive runs deny the others). 'all'"
                    + " approves every one. Repeatable.")
    private List<String> approvals = new ArrayList<>();

    private final BotRegistry registry;

    RunCommand() {
        this(BotRegistry.standard());
    }

    RunCommand(final BotRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = workdir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION,
                    "The working directory '" + workdir + "' does not exist or is not a directory.");
        }
        Map<String, Map<String, String>> options = parseOverrides();
        Clock clock = Clock.systemUTC();
        String correlationId = "cli/" + root.getFileName() + "#" + RUN_ID.format(clock.instant());
        Path journalFile = journal.resolve(root);
        SecretMasker masker = new SecretMasker();
        try (Journal runJournal = Journal.at(journalFile)) {
            MessageBus bus = MessageBus.builder().clock(clock).correlationId(correlationId).journal(runJournal)
                    .warnings(warning -> err.println("lotabots: warning: " + warning)).build();
            BotContext context = BotContext.builder(root).bus(bus).clock(clock).masker(masker)
                    .environment(System.getenv()).log(new ConsoleLog(err)).build();
            List<Step> steps = new ArrayList<>();
            for (Bot<?, ?> bot : registry.getBots()) {
                String id = bot.getDescriptor().getId();
                steps.add(Step.bot(bot.getDescriptor().getName(), bot, options.getOrDefault(id, Map.of())));
            }
            err.printf("lotabots: run %s on %s, journal %s%n", correlationId, root, journalFile);
            if (steps.isEmpty()) {
                err.println("lotabots: no bots are registered yet; nothing to run.");
            }
            WorkflowRun run = WorkflowRunner.builder(context)
                    .approvals(ApprovalPolicy.preApproved(Set.copyOf(approvals), System.getProperty("user.name")))
                    .listener(progress(err))
                    .build()
                    .run(Workflow.of("run", "Every registered bot in order", steps.toArray(Step[]::new)));
            err.printf("lotabots: %s in %s%n", run.status(), Durations.format(run.duration()));
            err.flush();
            out.println("Message timeline of " + correlationId + ":");
            Timeline.print(bus.query(MessageFilter.ALL.withCorrelationId(correlationId)), out);
            out.flush();
            return ExitCode.of(run.status());
        }
    }

    private Map<String, Map<String, String>> parseOverrides() {
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        for (String override : overrides) {
            int dot = override.indexOf('.');
            int equals = override.indexOf('=');
            if (dot <= 0 || equals < dot + 2) {
                throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "--set '" + override
                        + "' must have the form bot.option=value, for example --set test.minCoverage=85");
            }
            String botId = override.substring(0, dot);
            Bot<?, ?> bot = registry.get(botId);
            options.computeIfAbsent(bot.getDescriptor().getId(), key -> new LinkedHashMap<>())
                    .put(override.substring(dot + 1, equals), override.substring(equals + 1));
        }
        return options;
    }


    private static WorkflowListener progress(final PrintWriter err) {
        return new WorkflowListener() {
            @Override
            public void stepStarted(final String path, final String kind) {
                err.printf("==> %s%n", path);
                err.flush();
            }

            @Override
            public void stepFinished(final StepRecord record) {
                err.printf("<== %s: %s%s (%s)%n", record.path(), record.status(),
                        record.summary().isEmpty() ? "" : " - " + record.summary(),
                        Durations.format(record.duration()));
                err.flush();
            }
        };
    }
}
