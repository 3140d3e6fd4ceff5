package io.lotabots.bot.notify;

import io.lotabots.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One routing rule: the messages a channel gets, by type glob ({@code deploy.*}, {@code alert.triggered}) and by
 * severity (a minimum, or an explicit set). A rule without types takes every type; without severities, every
 * severity.
 *
 * @param channel the channel
 * @param types the type globs, where {@code *} matches any text and {@code ?} one character; empty for all
 * @param minSeverity the lowest severity the channel gets
 * @param severities the severities the channel gets; empty for every severity from {@code minSeverity} on
 */
public record Route(ChannelKind channel, List<String> types, Severity minSeverity, Set<Severity> severities) {
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]{1,100}");

    /**
     * Checks and copies the values.
     */
    public Route {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(minSeverity, "minSeverity");
        types = List.copyOf(types);
        severities = Set.copyOf(severities);
        for (String type : types) {
            if (!GLOB.matcher(type).matches()) {
                throw new IllegalArgumentException("the message type pattern '" + abbreviate(type) + "' may only"
                        + " hold letters, digits, '.', '_', '-', '*' and '?', for example deploy.*");
            }
        }
    }

    /**
     * Returns a rule that sends every message to the channel: the default, a notification at every stage.
     *
     * @param channel the channel
     * @return the rule
     */
    public static Route everything(final ChannelKind channel) {
        return new Route(channel, List.of(), Severity.INFO, Set.of());
    }

    /**
     * Parses a rule given as an option: {@code CHANNEL[:TYPE|TYPE...][@MIN_SEVERITY]}, for example
     * {@code pagerduty:alert.*|deploy.failed@error} or {@code slack}.
     *
     * @param text the rule
     * @return the rule
     * @throws IllegalArgumentException saying what is wrong
     * @throws io.lotabots.error.LotaBotsException if the channel is unknown
     */
    public static Route parse(final String text) {
        String rest = text.trim();
        Severity min = Severity.INFO;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            min = Severity.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        List<String> types = new ArrayList<>();
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            for (String type : rest.substring(colon + 1).split("\\|", -1)) {
                if (type.isBlank()) {
                    throw new IllegalArgumentException("the rule '" + abbreviate(text) + "' has an empty message"
                            + " type; write CHANNEL:TYPE|TYPE@SEVERITY, for example slack:deploy.*|build.*@info");
                }
                types.add(type.trim());
            }
            rest = rest.substring(0, colon);
        }
        if (rest.isBlank()) {
            throw new IllegalArgumentException("the rule '" + abbreviate(text) + "' names no channel; write"
                    + " CHANNEL:TYPE|TYPE@SEVERITY, for example pagerduty:alert.*@error");
        }
        return new Route(ChannelKind.parse(rest, "the routing rule '" + abbreviate(text) + "'"), types, min,
                Set.of());
    }

    /**
     * Returns whether the rule takes a message of this type and severity.
     *
     * @param type the message type
     * @param severity the severity
     * @return {@code true} if the channel gets it
     */
    public boolean matches(final String type, final Severity severity) {
        boolean severityMatches = severities.isEmpty() ? severity.compareTo(minSeverity) >= 0
                : severities.contains(severity);
        return severityMatches && (types.isEmpty() || types.stream().anyMatch(glob -> globMatches(glob, type)));
    }

    /**
     * Returns whether the rule takes the message.
     *
     * @param message the message
     * @return {@code true} if the channel gets it
     */
    public boolean matches(final Message message) {
        return matches(message.getType(), Severity.of(message));
    }

    static boolean globMatches(final String glob, final String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), text);
    }

    private static String abbreviate(final String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    @Override
    public String toString() {
        return channel.wireName() + (types.isEmpty() ? "" : ":" + String.join("|", types))
                + (severities.isEmpty() ? "@" + minSeverity.wireName()
                        : " for " + severities.stream().map(Severity::wireName).sorted()
                                .collect(Collectors.joining(",")));
    }
}
