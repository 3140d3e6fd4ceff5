package io.lotabots.process;

import io.lotabots.util.LogSink;

/**
 * Runs external commands for bots.
 */
@FunctionalInterface
public interface ProcessRunner {
    /**
     * Runs a command to its end or its timeout, streaming each output line to the sink as it comes.
     *
     * @param spec the command
     * @param output receives each line of output
     * @return how it ended
     * @throws io.lotabots.error.LotaBotsException if the program cannot be started
     */
    ProcessOutcome run(ProcessSpec spec, LogSink output);
}
