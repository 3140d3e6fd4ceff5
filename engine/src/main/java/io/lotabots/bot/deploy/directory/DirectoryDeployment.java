package io.lotabots.bot.deploy.directory;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a deployment did.
 *
 * @param switched whether {@code current} now points at the new release; {@code false} when the checks before the
 *         switch or the canary check said no, in which case the new release was stopped and the previous one keeps
 *         serving
 * @param version the version deployed
 * @param releaseDir the new release's folder
 * @param slot the slot the new release ran in, {@code blue} or {@code green}
 * @param url the new release's base URL
 * @param previousVersion the version that served before, if any
 * @param actions what was done and undone, in order, one sentence each
 */
public record DirectoryDeployment(boolean switched, String version, Path releaseDir, String slot, URI url,
        Optional<String> previousVersion, List<String> actions) {
    /**
     * Copies the actions.
     */
    public DirectoryDeployment {
        actions = List.copyOf(actions);
    }
}
