package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.deploy.DeployBotDescriptor;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the directory target deploys. The start and stop commands are run without a shell; each word may
 * hold the placeholders {@code ${PORT}}, {@code ${RELEASE_DIR}}, {@code ${ARTIFACT}} and {@code ${VERSION}}, which
 * are also passed to the service as environment variables of the same names (plus {@code APP_VERSION}). Other
 * {@code ${...}} texts are left as they are, for a shell the command may start itself.
 *
 * @param releasesDir the folder that holds one folder per environment; a relative path is taken from the workspace
 * @param environment the environment, a folder name such as {@code staging}
 * @param startCommand starts the service in the foreground on {@code ${PORT}}, e.g.
 *         {@code java -jar ${ARTIFACT}}; the target runs it detached and records its process
 * @param stopCommand stops the service gracefully, or empty to terminate the recorded process tree
 * @param healthPath the path polled on {@code http://127.0.0.1:<port>} until it answers 200, e.g. {@code /health}
 * @param bluePort the port of the blue slot
 * @param greenPort the port of the green slot
 * @param startTimeout how long a started service may take to become healthy
 * @param rollbackWindow how long a replaced release keeps running and is kept before a later deploy removes it
 */
public record DirectorySettings(Path releasesDir, String environment, List<String> startCommand,
        List<String> stopCommand, String healthPath, int bluePort, int greenPort, Duration startTimeout,
        Duration rollbackWindow) {
    /** The health path when none is given. */
    public static final String DEFAULT_HEALTH_PATH = "/health";
    /** The port of the blue slot when none is given: DeployBot's, 8081. */
    public static final int DEFAULT_BLUE_PORT = DeployBotDescriptor.DEFAULT_BLUE_PORT;
    /** The port of the green slot when none is given: DeployBot's, 8082. */
    public static final int DEFAULT_GREEN_PORT = DeployBotDescriptor.DEFAULT_GREEN_PORT;
    /** The start timeout when none is given. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** The rollback window when none is given. */
    public static final Duration DEFAULT_ROLLBACK_WINDOW = Duration.ofHours(24);

    /** Environment and version names: they become folder names, so no separators and no leading dot. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    /**
     * Checks every field and copies the lists.
     */
    public DirectorySettings {
        Objects.requireNonNull(releasesDir, "releasesDir");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(healthPath, "healthPath");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(rollbackWindow, "rollbackWindow");
        startCommand = List.copyOf(startCommand);
        stopCommand = List.copyOf(stopCommand);
        if (!NAME.matcher(environment).matches()) {
            throw invalid("The environment '" + environment + "' cannot be a folder name: use letters, digits, "
                    + "'.', '_', '+' or '-', starting with a letter or digit, at most 128 characters (e.g. staging)");
        }
        if (startCommand.isEmpty() || startCommand.get(0).isBlank()) {
            throw invalid("The start command is empty; give the program that runs the service in the foreground, "
                    + "e.g. java -jar ${ARTIFACT}");
        }
        if (!stopCommand.isEmpty() && stopCommand.get(0).isBlank()) {
            throw invalid("The stop command starts with an empty word; give a program or leave the stop command "
                    + "empty to terminate the service's processes");
        }
        if (!healthPath.startsWith("/") || healthPath.startsWith("//") || healthPath.chars().anyMatch(c -> c <= ' ')
                || !isUriPath(healthPath)) {
            throw invalid("The health path '" + healthPath + "' must start with '/' and hold no spaces, e.g. /health");
        }
        checkPort("bluePort", bluePort);
        checkPort("greenPort", greenPort);
        if (bluePort == greenPort) {
            throw invalid("The blue and green ports are both " + bluePort + "; give two different ports");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw invalid("The start timeout must be positive; was " + Durations.format(startTimeout));
        }
        if (rollbackWindow.isNegative()) {
            throw invalid("The rollback window must not be negative; was " + Durations.format(rollbackWindow));
        }
    }

    /**
     * Returns settings with the default health path, ports, start timeout and rollback window and no stop command.
     *
     * @param releasesDir the folder that holds one folder per environment
     * @param environment the environment
     * @param startCommand the start command
     * @return the settings
     */
    public static DirectorySettings of(final Path releasesDir, final String environment,
            final List<String> startCommand) {
        return new DirectorySettings(releasesDir, environment, startCommand, List.of(), DEFAULT_HEALTH_PATH,
                DEFAULT_BLUE_PORT, DEFAULT_GREEN_PORT, DEFAULT_START_TIMEOUT, DEFAULT_ROLLBACK_WINDOW);
    }

    /**
     * Returns the port of a slot.
     *
     * @param slot {@code blue} or {@code green}
     * @return the port
     */
    public int port(final String slot) {
        return Slot.of(slot) == Slot.BLUE ? bluePort : greenPort;
    }

    private static boolean isUriPath(final String path) {
        try {
            java.net.URI uri = new java.net.URI("http://127.0.0.1:1" + path);
            return "127.0.0.1".equals(uri.getHost()) && uri.getPort() == 1;
        }
        catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void checkPort(final String field, final int port) {
        if (port < 1 || port > 65_535) {
            throw invalid("The " + field + " " + port + " is not a TCP port (1-65535)");
        }
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(DirectoryErrorCode.INVALID_SETTINGS, message);
    }
}
