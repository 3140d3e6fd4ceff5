package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotRegistry;
import io.lotabots.workflow.Step;
import io.lotabots.workflow.Workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        Map<String, Map<String, Object>> options = WorkflowSession.parseOverrides(overrides);
        List<Step> steps = new ArrayList<>();
        for (String key : options.keySet()) {
            registry.get(key);
        }
        for (Bot<?, ?> bot : registry.getBots()) {
            String id = bot.getDescriptor().getId();
            Map<String, Object> botOptions = options.getOrDefault(id, options.getOrDefault(bot.getDescriptor().getName(), Map.of()));
            steps.add(Step.bot(bot.getDescriptor().getName(), bot, botOptions));
        }
        if (steps.isEmpty()) {
            spec.commandLine().getErr().println("lotabots: no bots are registered yet; nothing to run.");
        }
        return WorkflowSession.run(spec.commandLine().getOut(), spec.commandLine().getErr(), workdir, journal,
                approvals, Map.of(), Workflow.of("run", "Every registered bot in order", steps.toArray(Step[]::new)));
    }
}
