package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Set;

/**
 * A build finished and its artifacts are stored.
 * The payload of the message type {@value #TYPE}.
 *
 * @param buildId identifier of the build, for example build-12345.
 * @param artifactUrl where the build output is stored: a directory, file or s3:// URL.
 * @param branch branch that was built.
 * @param commit commit that was built.
 * @param artifacts each stored artifact with its checksum and size.
 * @param duration duration of the build in seconds.
 * @param priority build priority; critical skips the steps marked non-essential.
 * @param skippedSteps steps skipped because of the priority.
 */
@MessageTypeInfo(name = BuildCompleted.TYPE, version = 1, cdEventsType = "dev.cdevents.build.finished.0.2.0")
@Doc("A build finished and its artifacts are stored.")
public record BuildCompleted(
        @Doc(value = "Identifier of the build, for example build-12345.") String buildId,
        @Doc(value = "Where the build output is stored: a directory, file or s3:// URL.", optional = true) @CheckForNull String artifactUrl,
        @Doc(value = "Branch that was built.") String branch,
        @Doc(value = "Commit that was built.") String commit,
        @Doc(value = "Each stored artifact with its checksum and size.", optional = true) List<Artifact> artifacts,
        @Doc(value = "Duration of the build in seconds.", optional = true) @CheckForNull Double duration,
        @Doc(value = "Build priority; critical skips the steps marked non-essential.", optional = true) @CheckForNull String priority,
        @Doc(value = "Steps skipped because of the priority.", optional = true) List<String> skippedSteps) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "build.completed";
    private static final Set<String> PRIORITY_VALUES = Set.of("normal", "critical");

    /**
     * Checks every field.
     */
    public BuildCompleted {
        buildId = PayloadChecks.requiredText(TYPE, "build_id", buildId);
        artifactUrl = PayloadChecks.optionalText(TYPE, "artifact_url", artifactUrl);
        branch = PayloadChecks.requiredText(TYPE, "branch", branch);
        commit = PayloadChecks.requiredText(TYPE, "commit", commit);
        artifacts = PayloadChecks.list(TYPE, "artifacts", artifacts);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
        priority = PayloadChecks.oneOf(TYPE, "priority", priority, PRIORITY_VALUES);
        skippedSteps = PayloadChecks.list(TYPE, "skipped_steps", skippedSteps);
    }
}
