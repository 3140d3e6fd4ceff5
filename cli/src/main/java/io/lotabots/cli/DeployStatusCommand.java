package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.deploy.DeployBotDescriptor;
import io.lotabots.bot.deploy.directory.DirectoryTarget;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots deploy status}: what each environment of the directory target serves, checked against the
 * running processes and listening ports, read-only.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what each environment deployed with the directory target serves: the release (version,"
                + " slot, port, URL), its process and whether it really runs and listens on its port, the previous"
                + " release and when it started serving. Changes nothing.",
                "Environments are the folders under the releases folder that hold a state.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every environment shown serves",
                "1:an environment does not serve (stopped, its process ended or does not listen, or nothing is"
                        + " deployed)",
                "2:bad input (an unknown option, an unreadable state.json)"})
final class DeployStatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private Places places;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        Path workspace = workspace(places.workdir);
        return DeployEnvironments.printStatus(places.of(workspace), context(spec, workspace),
                spec.commandLine().getOut(), json, places.nothingDeployed(workspace));
    }

    /** The options that say which deployments {@code status} and {@code stop} act on. */
    static final class Places {
        @Option(names = "--environment", paramLabel = "ENV", split = ",",
                description = "The environment, for example staging; repeatable. Default: every environment"
                        + " deployed.")
        private List<String> environments = new ArrayList<>();

        @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
                description = "The workspace the deployments were made in. Default: the current directory.")
        private Path workdir;

        @Option(names = "--releases", paramLabel = "PATH", defaultValue = DeployBotDescriptor.DEFAULT_RELEASES,
                description = "The releases folder, as given to lotabots deploy, in the workspace or absolute."
                        + " Default: ${DEFAULT-VALUE}.")
        private String releases;

        List<DeployEnvironments.Place> of(final Path workspace) {
            return DeployEnvironments.under(workspace, releases, environments);
        }

        String nothingDeployed(final Path workspace) {
            return "Nothing is deployed under " + workspace.resolve(releases).normalize() + ".";
        }
    }

    static Path workspace(final Path workdir) {
        Path workspace = workdir.toAbsolutePath().normalize();
        if (!Files.isDirectory(workspace)) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "The workspace '" + workspace + "' given with"
                    + " --workdir does not exist or is not a directory.");
        }
        return workspace;
    }

    /**
     * The context of these commands: what was done goes to standard output once, as their result, so the target's
     * info lines are dropped and only its errors go to standard error.
     */
    static BotContext context(final CommandSpec spec, final Path workspace) {
        ConsoleLog console = new ConsoleLog(spec.commandLine().getErr());
        return BotContext.builder(workspace).environment(System.getenv()).log(new LogSink() {
            @Override
            public void info(final String line) {
                // printed to standard output by the command
            }

            @Override
            public void error(final String line) {
                console.error(line);
            }
        }).build();
    }

    /**
     * {@code lotabots deploy stop}: stops the services of environments, or those whose release folder is gone.
     */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the services of the environments deployed with the directory target (every one, or"
                    + " those named) and record it in their state.json: status then says so, and the next"
                    + " deployment does not start the stopped release again. The releases stay; a deployment or a"
                    + " rollback starts a service again.",
                    "With --orphans, stop instead the services it started from release folders that no longer"
                            + " exist, for example those of a deleted checkout (found through /proc)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped what ran (or nothing ran)", "1:a service could not be stopped",
                    "2:bad input, or a deployment of the environment is running"})
    static final class StopCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Places places;

        @Option(names = "--orphans", description = "Stop the services whose release folder no longer exists (a"
                + " deleted checkout) instead, wherever they were deployed.")
        private boolean orphans;

        @Option(names = "--under", paramLabel = "DIR", description = "With --orphans: only those whose release"
                + " folder lay under this folder, for example the deleted checkout. Default: anywhere.")
        @CheckForNull
        private Path under;

        @Override
        public Integer call() {
            Path limit = under;
            if (limit != null && !orphans) {
                throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "--under limits --orphans; give --orphans"
                        + " too, or leave --under out.");
            }
            if (orphans) {
                Path workspace = Path.of("").toAbsolutePath().normalize();
                Path root = limit == null ? workspace.getRoot() : limit.toAbsolutePath().normalize();
                List<String> stopped = DirectoryTarget.stopOrphans(root == null ? workspace : root,
                        context(spec, workspace));
                if (stopped.isEmpty()) {
                    spec.commandLine().getOut().println("No service started from a release folder that no longer"
                            + " exists" + (limit == null ? "" : " under " + root) + " runs.");
                }
                stopped.forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().flush();
                return ExitCode.SUCCESS;
            }
            Path workspace = workspace(places.workdir);
            return DeployEnvironments.stop(places.of(workspace), context(spec, workspace), spec.commandLine().getOut(),
                    places.nothingDeployed(workspace));
        }
    }
}
