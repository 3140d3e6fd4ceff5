package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Deploys one jar from a JVM of its own and exits, as the command line does, so that a test can check that the
 * service outlives the process that started it.
 */
public final class DeployOnce {
    private DeployOnce() {
    }

    /**
     * Deploys.
     *
     * @param args workspace, jar (relative to it), version, blue port, green port, and optionally the strategy
     *         ({@code rolling}, default {@code blueGreen}); {@code LOTABOTS_DEPLOY_PAUSE_AT} makes it stop at a step
     */
    public static void main(final String[] args) {
        Path workspace = Path.of(args[0]);
        DirectorySettings settings = new DirectorySettings(Path.of("releases"), "staging", ServiceJars.startCommand(),
                List.of(), "/health", Integer.parseInt(args[3]), Integer.parseInt(args[4]), Duration.ofSeconds(60),
                Duration.ofHours(1));
        DeployStrategy strategy = args.length > 5 ? DeployStrategy.of(args[5]).orElseThrow() : DeployStrategy.BLUE_GREEN;
        DirectoryDeployment deployment = new DirectoryTarget(settings, BotContext.builder(workspace)
                .environment(System.getenv()).log(new io.lotabots.util.LogSink() {
                    @Override
                    public void info(final String line) {
                        System.out.println(line);
                        System.out.flush();
                    }

                    @Override
                    public void error(final String line) {
                        System.out.println("[ERROR] " + line);
                        System.out.flush();
                    }
                }).build()).deploy(Path.of(args[1]), args[2], strategy, url -> true);
        System.exit(deployment.switched() ? 0 : 1);
    }
}
