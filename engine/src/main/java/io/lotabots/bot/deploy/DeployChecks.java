package io.lotabots.bot.deploy;

import java.net.URI;

/**
 * The checks DeployBot runs for a target at the points the target chooses: the smoke tests against the new version
 * before traffic moves to it, and the canary check window.
 */
public interface DeployChecks {
    /**
     * Runs the smoke tests. Checks given as a path ({@code /health 200 ~UP}) are resolved against the base URL;
     * full URLs are used as they are.
     *
     * @param baseUrl where the new version answers before it gets traffic
     * @return whether all passed, and a line per check
     */
    CheckOutcome smoke(URI baseUrl);

    /**
     * Watches a canary for the check window and decides whether the rollout goes on.
     *
     * @param baseUrl where the canary answers
     * @return whether the canary is healthy
     */
    CheckOutcome canary(URI baseUrl);
}
