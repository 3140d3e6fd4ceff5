package io.lotabots.cli;

import io.lotabots.bot.BotStatus;
import io.lotabots.workflow.StepStatus;

/**
 * The exit codes every subcommand uses.
 */
public final class ExitCode {
    /** Everything passed. */
    public static final int SUCCESS = 0;
    /** A bot or step failed, or a run stopped at an approval point. */
    public static final int FAILURE = 1;
    /** Bad input or usage: an unknown option, an invalid file, a missing value. */
    public static final int BAD_INPUT = 2;
    /** It ran, with warnings: a gate with criticality UNSTABLE failed, or an optional bot degraded. */
    public static final int UNSTABLE = 3;
    /**
     * The run was interrupted by SIGINT or SIGTERM: it stopped its processes, recorded itself as aborted and wrote
     * its report. 128 + 2, as a shell reports a command ended by SIGINT; SIGTERM gets the same code, because the
     * run ended the same way.
     */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    /**
     * Returns the exit code of a bot status.
     *
     * @param status the status
     * @return the code
     */
    public static int of(final BotStatus status) {
        return switch (status) {
            case SUCCESS -> SUCCESS;
            case UNSTABLE -> UNSTABLE;
            case FAILURE -> FAILURE;
        };
    }

    /**
     * Returns the exit code of a run's status.
     *
     * @param status the status
     * @return the code
     */
    public static int of(final StepStatus status) {
        return switch (status) {
            case SUCCESS, SKIPPED, NOT_RUN -> SUCCESS;
            case UNSTABLE -> UNSTABLE;
            case FAILURE, ABORTED -> FAILURE;
        };
    }
}
