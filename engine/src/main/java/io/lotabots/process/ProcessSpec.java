package io.lotabots.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run.
 *
 * @param command the program and its arguments; no shell is involved
 * @param workingDirectory where it runs
 * @param environment variables added to the inherited environment
 * @param timeout how long it may run before it and its child processes are stopped
 */
public record ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
        Duration timeout) {
    /**
     * Checks and copies the values.
     */
    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("The command is empty; give the program to run");
        }
        environment = Map.copyOf(environment);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, was " + io.lotabots.util.Durations.format(timeout));
        }
    }

    /**
     * Creates a spec without extra environment variables.
     *
     * @param workingDirectory where it runs
     * @param timeout how long it may run
     * @param command the program and its arguments
     * @return the spec
     */
    public static ProcessSpec of(final Path workingDirectory, final Duration timeout, final String... command) {
        return new ProcessSpec(List.of(command), workingDirectory, Map.of(), timeout);
    }
}
