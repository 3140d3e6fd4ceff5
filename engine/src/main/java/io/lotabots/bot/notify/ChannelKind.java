package io.lotabots.bot.notify;

import io.lotabots.error.LotaBotsException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The channels NotificationBot delivers to, with the names used in options, routing rules and the
 * {@code channel} field of {@code notification.sent}.
 */
public enum ChannelKind {
    /** Slack: an incoming webhook, or the Web API with one status card per run. */
    SLACK,
    /** PagerDuty Events API v2: alert events and change events. */
    PAGERDUTY,
    /** E-mail over SMTP, with a plain-text and an HTML part. */
    EMAIL,
    /** A generic HTTP endpoint that receives each message as a CloudEvent. */
    WEBHOOK,
    /** SMS through a Twilio-compatible HTTP API. */
    SMS,
    /** The build console or terminal. */
    CONSOLE,
    /** A local file that each notification is appended to. */
    FILE;

    /**
     * Returns the name used in options and messages.
     *
     * @return the lower-case name, for example {@code pagerduty}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a channel name.
     *
     * @param text the name, case-insensitive
     * @param where where the name was given, for the error, for example {@code option 'channel'}
     * @return the channel
     * @throws LotaBotsException with {@link NotifyErrorCode#UNKNOWN_CHANNEL} naming the allowed channels
     */
    public static ChannelKind parse(final String text, final String where) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(value -> value.name().equals(name)).findFirst()
                .orElseThrow(() -> LotaBotsException.of(NotifyErrorCode.UNKNOWN_CHANNEL, "Unknown notification"
                        + " channel '" + text + "' in " + where + "; use one of " + names() + "."));
    }

    /**
     * Returns every channel name, comma-separated.
     *
     * @return the names
     */
    public static String names() {
        return Arrays.stream(values()).map(ChannelKind::wireName).collect(Collectors.joining(", "));
    }
}
