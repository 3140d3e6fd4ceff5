package io.lotabots.bot.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a new version replaces the one serving, named as in the {@code deploy.completed} message.
 */
public enum DeployStrategy {
    /** Replace instances in place, a few at a time (a Deployment's own rolling update; stop, switch, start). */
    ROLLING("rolling"),
    /** Bring up the new version beside the old one and switch all traffic at once after it is checked. */
    BLUE_GREEN("blueGreen"),
    /** Bring up one instance of the new version, watch it for a window, then roll out to all. */
    CANARY("canary");

    private final String id;

    DeployStrategy(final String id) {
        this.id = id;
    }

    /**
     * Returns the name used in options and messages: {@code rolling}, {@code blueGreen}, {@code canary}.
     *
     * @return the name
     */
    public String getId() {
        return id;
    }

    /**
     * Finds a strategy by its name, ignoring case, dashes and underscores ({@code blue-green} works).
     *
     * @param text the name
     * @return the strategy, or empty
     */
    public static Optional<DeployStrategy> of(final String text) {
        String key = text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }
}
