package io.lotabots.bot.security.deps;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link DependencyInventory} runs Maven to list the resolved dependencies of a pom that has no list given:
 * {@code <command> -B -q -f <pom> dependency:list -DoutputFile=<temporary file> -DappendOutput=true} in the pom's
 * folder, once per top-level pom (modules append to the same list).
 *
 * @param command the Maven program and any leading arguments, for example {@code [mvn]} or {@code [./mvnw]}
 * @param timeout how long one run may take
 * @param offline whether to add {@code -o}, so that Maven uses only its local repository
 */
public record MavenResolution(List<String> command, Duration timeout, boolean offline) {
    /** The default timeout of one Maven run: 10 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Checks and copies the values.
     */
    public MavenResolution {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("The Maven command is empty; give 'mvn' or './mvnw'");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The Maven timeout must be positive, was " + io.lotabots.util.Durations.format(timeout));
        }
    }

    /**
     * Returns the defaults: {@code mvn}, {@link #DEFAULT_TIMEOUT}, online.
     *
     * @return the defaults
     */
    public static MavenResolution defaults() {
        return new MavenResolution(List.of("mvn"), DEFAULT_TIMEOUT, false);
    }
}
