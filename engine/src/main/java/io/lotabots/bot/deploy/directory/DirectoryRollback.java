package io.lotabots.bot.deploy.directory;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a rollback did.
 *
 * @param rolledBack whether {@code current} now points at the earlier release
 * @param fromVersion the version that served before the rollback
 * @param toVersion the version that serves now
 * @param url the base URL of the release that serves now
 * @param actions what was done and undone, in order, one sentence each
 */
public record DirectoryRollback(boolean rolledBack, Optional<String> fromVersion, Optional<String> toVersion,
        URI url, List<String> actions) {
    /**
     * Copies the actions.
     */
    public DirectoryRollback {
        actions = List.copyOf(actions);
    }
}
