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
 * {@code lotabots run}: runs bots one after the other on a working directory with their defaults, by default
 * BuildBot, TestBot and SecurityBot (the stages of the main job that need no environment to deploy to), records
 * their messages in the journal, and prints the timeline. {@code lotabots scenario run} runs whole scenarios.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run bots one after the other on a working directory with their defaults (build, test and"
                + " security unless --bots says otherwise), record the messages in the journal and print the message"
                + " timeline. 'lotabots scenario run NAME' runs a whole scenario.",
                "Progress goes to standard error, the timeline to standard output."})
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalOption journal = new JournalOption();

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "The project to run on. Default: the current directory, which is printed; the LotaBots"
                    + " source checkout itself is refused.")
    @edu.umd.cs.findbugs.annotations.CheckForNull
    private Path workdir;

    @Option(names = "--set", paramLabel = "BOT.OPTION=VALUE",
            description = "Override a bot option, for example --set test.minCoverage=85. Repeatable.")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--approve", paramLabel = "GATE",
            description = "Approve an approval point up front (non-interactive runs deny the others). 'all'"
                    + " approves every one. Repeatable.")
    private List<String> approvals = new ArrayList<>();

    @Option(names = "--bots", paramLabel = "ID", split = ",", defaultValue = "build,test,security",
            description = "The bots to run, in order. Default: ${DEFAULT-VALUE}.")
    private List<String> bots = new ArrayList<>();

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
        for (String name : bots) {
            Bot<?, ?> bot = registry.get(name);
            String id = bot.getDescriptor().getId();
            Map<String, Object> botOptions = options.getOrDefault(id, options.getOrDefault(bot.getDescriptor().getName(), Map.of()));
            steps.add(Step.bot(bot.getDescriptor().getName(), bot, botOptions));
        }
        if (steps.isEmpty()) {
            spec.commandLine().getErr().println("lotabots: no bots are registered yet; nothing to run.");
        }
        return WorkflowSession.run(spec.commandLine().getOut(), spec.commandLine().getErr(),
                WorkflowSession.workdir(workdir, spec.commandLine().getErr()), journal,
                approvals, Map.of(), outputs -> OutputOptions.allow(outputs, registry, options), Workflow.of("run", "Every registered bot in order", steps.toArray(Step[]::new)));
    }
}
