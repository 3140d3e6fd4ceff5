package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.List;
import java.util.Optional;

/**
 * What a target's deployment did.
 *
 * @param switched whether the new version serves now; when not, the target undid its changes
 * @param version the version deployed
 * @param revision the revision that serves now, for example {@code shop-green#3} or a release directory
 * @param url where the new version answers, or {@code null} when unknown
 * @param previousVersion the version that served before, or {@code null} when none did
 * @param failure why the deployment did not switch, or {@code null} when it did
 * @param restored whether, after a failure, the previous state was restored completely
 * @param actions what was done and undone, in order
 */
public record TargetDeployment(boolean switched, String version, @CheckForNull String revision,
        @CheckForNull String url, @CheckForNull String previousVersion, @CheckForNull String failure,
        boolean restored, List<String> actions) {
    /**
     * Copies the actions.
     */
    public TargetDeployment {
        actions = List.copyOf(actions);
    }

    /**
     * Returns the version that served before.
     *
     * @return the version, or empty
     */
    public Optional<String> getPreviousVersion() {
        return Optional.ofNullable(previousVersion);
    }
}
