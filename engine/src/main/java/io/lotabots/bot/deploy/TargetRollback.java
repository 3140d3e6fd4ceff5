package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.List;

/**
 * What an on-demand rollback did.
 *
 * @param rolledBack whether the earlier state serves now
 * @param fromVersion the version that served before the rollback, or {@code null} when unknown
 * @param toVersion the version that serves after it, or {@code null} when unknown
 * @param url where the restored version answers, or {@code null} when unknown
 * @param actions what was done, in order
 */
public record TargetRollback(boolean rolledBack, @CheckForNull String fromVersion, @CheckForNull String toVersion,
        @CheckForNull String url, List<String> actions) {
    /**
     * Copies the actions.
     */
    public TargetRollback {
        actions = List.copyOf(actions);
    }
}
