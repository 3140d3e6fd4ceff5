package io.lotabots.bot.deploy;

import java.net.URI;
import java.time.Duration;

/**
 * Decides whether a canary may become the whole deployment, after watching it for the check window. DeployBot's
 * own judge runs the smoke tests as health checks over the window ({@link HealthCheckJudge}); a Pipeline can plug
 * in another, for example one that asks MonitorBot for a verdict, without DeployBot depending on it.
 */
@FunctionalInterface
public interface CanaryJudge {
    /**
     * Watches the canary and decides.
     *
     * @param canary what is being judged
     * @return whether the canary is healthy, with the reason
     */
    CheckOutcome judge(Canary canary);

    /**
     * What a judge watches.
     *
     * @param environment the environment
     * @param version the canary's version
     * @param baseUrl where the canary answers
     * @param window how long to watch
     */
    record Canary(String environment, String version, URI baseUrl, Duration window) {
    }
}
