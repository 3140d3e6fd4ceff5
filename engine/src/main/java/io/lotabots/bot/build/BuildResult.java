package io.lotabots.bot.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.message.Artifact;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a BuildBot run did: status, the build id, branch and commit, the stored artifacts with their checksums,
 * the store URL of the build's folder, and the messages published.
 *
 * <p>{@link #getOutputs()} gives a Pipeline {@code buildId}, {@code branch}, {@code commit}, {@code command},
 * {@code artifactCount}, {@code skippedSteps}, {@code durationSeconds}, and when present {@code artifactUrl}
 * and {@code exitCode}.</p>
 */
public final class BuildResult extends AbstractBotResult {
    private final String buildId;
    private final String branch;
    private final String commit;
    private final String command;
    @CheckForNull
    private final String artifactUrl;
    private final List<Artifact> artifacts;
    private final List<String> skippedSteps;
    private final Duration duration;
    @CheckForNull
    private final Integer exitCode;

    BuildResult(final BotStatus status, final String summary, final EngineLog log, final List<Message> messages,
            final Version version, final String command, @CheckForNull final String artifactUrl,
            final List<Artifact> artifacts, final List<String> skippedSteps, final Duration duration,
            @CheckForNull final Integer exitCode) {
        super(status, summary, log, messages);
        this.buildId = version.buildId();
        this.branch = version.branch();
        this.commit = version.commit();
        this.command = command;
        this.artifactUrl = artifactUrl;
        this.artifacts = List.copyOf(artifacts);
        this.skippedSteps = List.copyOf(skippedSteps);
        this.duration = duration;
        this.exitCode = exitCode;
    }

    /**
     * The build id, branch and commit of one build.
     *
     * @param buildId the build id
     * @param branch the branch
     * @param commit the commit
     */
    record Version(String buildId, String branch, String commit) {
    }

    /**
     * Returns the build id, the folder of the artifacts in the store.
     *
     * @return the build id
     */
    public String getBuildId() {
        return buildId;
    }

    /**
     * Returns the branch built.
     *
     * @return the branch
     */
    public String getBranch() {
        return branch;
    }

    /**
     * Returns the commit built.
     *
     * @return the commit
     */
    public String getCommit() {
        return commit;
    }

    /**
     * Returns the commands run, as a user would type them.
     *
     * @return the commands, joined by {@code &&}
     */
    public String getCommand() {
        return command;
    }

    /**
     * Returns the store URL of the build's folder.
     *
     * @return the URL, or empty if no artifact was stored
     */
    public Optional<String> getArtifactUrl() {
        return Optional.ofNullable(artifactUrl);
    }

    /**
     * Returns the stored artifacts.
     *
     * @return each artifact's path relative to the workspace, SHA-256 and size, sorted by path
     */
    public List<Artifact> getArtifacts() {
        return artifacts;
    }

    /**
     * Returns the steps skipped because of a critical priority.
     *
     * @return the step names
     */
    public List<String> getSkippedSteps() {
        return skippedSteps;
    }

    /**
     * Returns how long the build commands ran.
     *
     * @return the duration
     */
    public Duration getDuration() {
        return duration;
    }

    /**
     * Returns the exit code of the last command run.
     *
     * @return the exit code, or empty if none ended by itself (not started, or stopped at the timeout)
     */
    public Optional<Integer> getExitCode() {
        return Optional.ofNullable(exitCode);
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("buildId", buildId);
        outputs.put("branch", branch);
        outputs.put("commit", commit);
        outputs.put("command", command);
        if (artifactUrl != null) {
            outputs.put("artifactUrl", artifactUrl);
        }
        outputs.put("artifactCount", artifacts.size());
        outputs.put("skippedSteps", skippedSteps);
        outputs.put("durationSeconds", duration.toMillis() / 1000.0);
        if (exitCode != null) {
            outputs.put("exitCode", exitCode);
        }
        return Collections.unmodifiableMap(outputs);
    }
}
