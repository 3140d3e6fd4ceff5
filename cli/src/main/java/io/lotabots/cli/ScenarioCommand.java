package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.deploy.DeployBot;
import io.lotabots.bot.deploy.DeployBotDescriptor;
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
 * {@code lotabots scenario list|show|run|status|stop}: the built-in scenarios, from the same definitions the
 * pipeline library's templates read, and the services their deploy stages leave running.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "List, show and run the built-in scenarios (build-test-deploy, ...); show and stop the"
                + " services a scenario deployed.",
        subcommands = {ScenarioCommand.ListCommand.class, ScenarioCommand.ShowCommand.class,
                ScenarioCommand.RunScenarioCommand.class, ScenarioCommand.StatusCommand.class,
                ScenarioCommand.StopCommand.class})
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

        @Option(names = CausedBy.OPTION, paramLabel = "MESSAGE_ID", description = CausedBy.HELP
                + " Its payload fields are parameters: trigger.type, trigger.environment, ...")
        @edu.umd.cs.findbugs.annotations.CheckForNull
        private String causedBy;

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
            Path folder = WorkflowSession.workdir(workdir, spec.commandLine().getErr());
            if (registry.find(DeployBotDescriptor.ID).filter(DeployBot.class::isInstance).isPresent()) {
                // every deploy stage's ports, before the build starts
                PortPreflight.check(scenario, options, DeployStatusCommand.workspace(folder));
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String parameter : parameters) {
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--param '" + parameter + "' must have the form NAME=VALUE, for example branch=main");
                }
                params.put(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
            return WorkflowSession.run(spec.commandLine().getOut(), spec.commandLine().getErr(), folder, journal,
                    approvals, params, outputs -> OutputOptions.allow(outputs, registry, options), workflow, causedBy);
        }
    }

    /** The options of {@code scenario status|stop}: the scenario, the workspace and the overrides of the run. */
    static class ScenarioEnvironments {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The scenario, for example build-test-deploy.")
        String name;

        @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
                description = "The project the scenario ran on. Default: the current directory.")
        Path workdir;

        @Option(names = "--set", paramLabel = "KEY.OPTION=VALUE",
                description = "The overrides the run was given that move an environment (its releases folder), as"
                        + " for scenario run, for example --set deploy.releases=/srv/releases. Repeatable.")
        List<String> overrides = new ArrayList<>();

        List<DeployEnvironments.Place> places(final Path workspace) {
            Scenario scenario = new ScenarioLoader().builtIn(name);
            return DeployEnvironments.of(scenario, WorkflowSession.parseOverrides(overrides), workspace);
        }

        String nothing() {
            return "The scenario " + name + " deploys no environment with the directory target.";
        }
    }

    /** {@code scenario status NAME}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show what the environments a scenario deploys serve (as lotabots deploy status does for"
                    + " each): release, slot, port, URL, process, and whether it really runs and listens.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every environment serves", "1:an environment does not serve", "2:bad input"})
    static final class StatusCommand extends ScenarioEnvironments implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON instead of text.")
        private boolean json;

        @Override
        public Integer call() {
            Path workspace = DeployStatusCommand.workspace(workdir);
            return DeployEnvironments.printStatus(places(workspace), DeployStatusCommand.context(spec, workspace),
                    spec.commandLine().getOut(), json, nothing());
        }
    }

    /** {@code scenario stop NAME}. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the services of the environments a scenario deploys (as lotabots deploy stop does"
                    + " for each) and record it in their state.json.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped what ran (or nothing ran)", "1:a service could not be stopped",
                    "2:bad input, or a deployment of an environment is running"})
    static final class StopCommand extends ScenarioEnvironments implements Callable<Integer> {
        @Override
        public Integer call() {
            Path workspace = DeployStatusCommand.workspace(workdir);
            return DeployEnvironments.stop(places(workspace), DeployStatusCommand.context(spec, workspace),
                    spec.commandLine().getOut(), nothing());
        }
    }
}
