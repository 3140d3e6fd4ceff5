package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * A run was interrupted (a signal, a stopped build): the steps that were running were stopped with their processes
 * and the rest did not run.
 * The payload of the message type {@value #TYPE}.
 *
 * @param run the workflow or scenario that was running.
 * @param reason why it was aborted.
 * @param steps the steps that were running and were stopped.
 * @param processesStopped how many processes of the run were stopped.
 * @param duration how long the run had taken, in seconds.
 */
@MessageTypeInfo(name = RunAborted.TYPE, version = 1)
@Doc("A run was interrupted (a signal, a stopped build): the steps that were running were stopped with their"
        + " processes and the rest did not run.")
public record RunAborted(
        @Doc(value = "The workflow or scenario that was running.") String run,
        @Doc(value = "Why it was aborted.") String reason,
        @Doc(value = "The steps that were running and were stopped.", optional = true) List<String> steps,
        @Doc(value = "How many processes of the run were stopped.", optional = true)
        @CheckForNull Integer processesStopped,
        @Doc(value = "How long the run had taken, in seconds.", optional = true) @CheckForNull Double duration)
        implements BusMessage {
    /** The message type. */
    public static final String TYPE = "run.aborted";

    /**
     * Checks every field.
     */
    public RunAborted {
        run = PayloadChecks.requiredText(TYPE, "run", run);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
        steps = PayloadChecks.list(TYPE, "steps", steps);
        processesStopped = PayloadChecks.nonNegative(TYPE, "processes_stopped", processesStopped);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
    }
}
