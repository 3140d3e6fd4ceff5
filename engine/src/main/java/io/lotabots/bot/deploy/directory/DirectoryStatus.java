package io.lotabots.bot.deploy.directory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What an environment of the directory target runs, read from its {@code state.json} and checked against the
 * system's processes and listening sockets, without changing anything.
 *
 * @param environment the environment
 * @param environmentDir its folder, {@code releasesDir/<environment>}
 * @param serving the release {@code current} points at, or {@code null} when nothing was deployed
 * @param previous the release that served before it (the rollback target), or {@code null}
 * @param stoppedAt when {@code lotabots deploy stop} stopped the environment, or {@code null}
 * @param interrupted the deployment or rollback that began and did not finish (a run died or still runs), or
 *         {@code null}
 */
public record DirectoryStatus(String environment, Path environmentDir, @CheckForNull Release serving,
        @CheckForNull Release previous, @CheckForNull Instant stoppedAt, @CheckForNull String interrupted) {
    /**
     * Returns the serving release.
     *
     * @return the release, or empty when nothing was deployed
     */
    public Optional<Release> getServing() {
        return Optional.ofNullable(serving);
    }

    /**
     * Returns the previous release.
     *
     * @return the release, or empty
     */
    public Optional<Release> getPrevious() {
        return Optional.ofNullable(previous);
    }

    /**
     * Returns whether the environment really serves: a release is deployed, its recorded process runs and it is the
     * one listening on its port (or, where the system cannot tell who listens, the port is held).
     *
     * @return whether it serves
     */
    public boolean serves() {
        return serving != null && serving.alive() && serving.listening();
    }

    /**
     * One release as it stands.
     *
     * @param version the version
     * @param name the release folder's name under {@code releases/}
     * @param slot {@code blue} or {@code green}
     * @param port the port it serves on
     * @param url its base URL
     * @param pid the process id the state records for it, or {@code null} when no slot runs it
     * @param alive whether that process runs (the same process: same id and start time)
     * @param listening whether that process, or one of its children, listens on the port
     * @param listener who listens on the port, e.g. {@code process 4242 (/usr/bin/java)} or {@code no process}
     * @param servedAt when it started serving, or {@code null}
     */
    public record Release(String version, String name, String slot, int port, URI url, @CheckForNull Long pid,
            boolean alive, boolean listening, String listener, @CheckForNull Instant servedAt) {
    }
}
