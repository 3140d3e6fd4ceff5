package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.scenario.Scenario;
import io.lotabots.scenario.ScenarioCompiler;
import io.lotabots.scenario.ScenarioLoader;
import io.lotabots.scenario.ScenarioText;
import io.lotabots.workflow.Workflow;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots scenario list|show|run}: the built-in scenarios, from the same definitions the pipeline
 * library's templates read.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "List, show and run the built-in scenarios (build-test-deploy, ...).",
        subcommands = {ScenarioCommand.ListCommand.class, ScenarioCommand.ShowCommand.class,
                ScenarioCommand.RunScenarioCommand.class})
final class ScenarioCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.SUCCESS;
    }

    /** {@code scenario list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios with their titles.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            ScenarioLoader loader = new ScenarioLoader();
            PrintWriter out = spec.commandLine().getOut();
            for (String name : loader.builtInNames()) {
                Scenario scenario = loader.builtIn(name);
                out.printf("%-24s %s (trigger: %s)%n", name, scenario.title(), scenario.trigger());
            }
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    /** {@code scenario show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a scenario's flow: stages, bots, options, conditions, approvals, failure paths.")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The scenario, for example build-test-deploy.")
        private String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(ScenarioText.render(new ScenarioLoader().builtIn(name)));
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    /** {@code scenario run NAME}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a scenario on a working directory: each stage's bot with the scenario's options and"
                    + " yours, a notification after each stage, failure paths as the scenario states them.",
                    "Progress goes to standard error, the message timeline to standard output."})
    static final class RunScenarioCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private JournalOption journal = new JournalOption();

        @Parameters(paramLabel = "NAME", description = "The scenario, for example build-test-deploy.")
        private String name;

        @Option(names = "--workdir", paramLabel = "DIR",
                description = "The project to run on. Default: the current directory, which is printed; the LotaBots"
                        + " source checkout itself is refused.")
        @edu.umd.cs.findbugs.annotations.CheckForNull
        private Path workdir;

        @Option(names = "--set", paramLabel = "KEY.OPTION=VALUE",
                description = {"Override an option of every stage of a bot (--set deploy.strategy=canary) or of one"
                        + " stage by its id (--set deployProduction.strategy=canary). Repeatable.",
                        "'lotabots scenario show NAME' lists the stage ids."})
        private List<String> overrides = new ArrayList<>();

        @Option(names = "--param", paramLabel = "NAME=VALUE",
                description = "A run parameter that conditions read, for example --param branch=main. Repeatable.")
        private List<String> parameters = new ArrayList<>();

        @Option(names = "--approve", paramLabel = "GATE",
                description = "Approve an approval point up front (non-interactive runs deny the others). 'all'"
                        + " approves every one. Repeatable.")
        private List<String> approvals = new ArrayList<>();

        private final BotRegistry registry;

        RunScenarioCommand() {
            this(BotRegistry.standard());
        }

        RunScenarioCommand(final BotRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() {
            Scenario scenario = new ScenarioLoader().builtIn(name);
            Map<String, Map<String, Object>> options = WorkflowSession.parseOverrides(overrides);
            Workflow workflow = new ScenarioCompiler(registry).compile(scenario, options);
            Map<String, String> params = new LinkedHashMap<>();
            for (String parameter : parameters) {
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--param '" + parameter + "' must have the form NAME=VALUE, for example branch=main");
                }
                params.put(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
            return WorkflowSession.run(spec.commandLine().getOut(), spec.commandLine().getErr(),
                WorkflowSession.workdir(workdir, spec.commandLine().getErr()), journal,
                    approvals, params, outputs -> OutputOptions.allow(outputs, registry, options), workflow);
        }
    }
}
