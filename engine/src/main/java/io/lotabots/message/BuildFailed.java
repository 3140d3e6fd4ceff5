package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * A build failed; the reason says why.
 * The payload of the message type {@value #TYPE}.
 *
 * @param buildId identifier of the build.
 * @param branch branch that was built.
 * @param commit commit that was built.
 * @param reason what failed, in one sentence.
 * @param exitCode exit code of the build command, if it ran.
 * @param duration duration of the build in seconds.
 * @param logTail the last lines of the build output, with secrets masked.
 */
@MessageTypeInfo(name = BuildFailed.TYPE, version = 1)
@Doc("A build failed; the reason says why.")
public record BuildFailed(
        @Doc(value = "Identifier of the build.") String buildId,
        @Doc(value = "Branch that was built.", optional = true) @CheckForNull String branch,
        @Doc(value = "Commit that was built.", optional = true) @CheckForNull String commit,
        @Doc(value = "What failed, in one sentence.") String reason,
        @Doc(value = "Exit code of the build command, if it ran.", optional = true) @CheckForNull Integer exitCode,
        @Doc(value = "Duration of the build in seconds.", optional = true) @CheckForNull Double duration,
        @Doc(value = "The last lines of the build output, with secrets masked.", optional = true) List<String> logTail) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "build.failed";

    /**
     * Checks every field.
     */
    public BuildFailed {
        buildId = PayloadChecks.requiredText(TYPE, "build_id", buildId);
        branch = PayloadChecks.optionalText(TYPE, "branch", branch);
        commit = PayloadChecks.optionalText(TYPE, "commit", commit);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
        exitCode = PayloadChecks.nonNegative(TYPE, "exit_code", exitCode);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
        logTail = PayloadChecks.list(TYPE, "log_tail", logTail);
    }
}
