package io.lotabots.process;

import io.lotabots.util.LogSink;

/**
 * Runs external commands for bots.
 */
@FunctionalInterface
public interface ProcessRunner {
    /**
     * Runs a command to its end or its timeout, streaming each output line to the sink as it comes. An interrupt of
     * the calling thread stops the command and its processes as a timeout does, and is reported as
     * {@link ProcessOutcome#interrupted()} instead of through the thread's interrupt status, so that the caller can
     * still record the outcome (a journal write on an interrupted thread fails).
     *
     * @param spec the command
     * @param output receives each line of output
     * @return how it ended
     * @throws io.lotabots.error.LotaBotsException if the program cannot be started
     *         ({@link ProcessErrorCode#CANNOT_START}), or the runner was stopped ({@link ProcessErrorCode#INTERRUPTED})
     */
    ProcessOutcome run(ProcessSpec spec, LogSink output);

    /**
     * Stops every process this runner started that still runs, with everything they started, and refuses to start
     * more; used when a run is interrupted. Runners that start nothing themselves have nothing to stop.
     *
     * @return how many processes were stopped
     */
    default int stopAll() {
        return 0;
    }
}
