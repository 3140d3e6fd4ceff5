package io.lotabots.bot.notify;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;

import java.util.Optional;

/**
 * One channel, set up for a run: its settings and secrets are checked when it is created, before anything is sent.
 */
interface Channel {
    /**
     * Returns which channel this is.
     *
     * @return the kind
     */
    ChannelKind kind();

    /**
     * Sends a notification; every delivery is made and recorded through {@code deliveries}.
     *
     * @param notification the notification
     * @param deliveries makes and records deliveries
     */
    void send(Notification notification, Deliveries deliveries);

    /**
     * Cuts a text to a vendor's limit, and says so in the text and in the log.
     *
     * @param text the text
     * @param limit the most characters
     * @param what what the text is, for example {@code Slack section text}
     * @param out the log
     * @return the text, or its start with a note that it was cut, within the limit
     */
    static String fit(final String text, final int limit, final String what, final LogSink out) {
        if (text.length() <= limit) {
            return text;
        }
        String note = " [truncated]";
        out.info("%s has %d characters, more than the limit of %d; sending the first %d", what, text.length(), limit,
                limit - note.length());
        int end = limit - note.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + note;
    }

    /**
     * Returns a secret from the request or the context, registered with the masker.
     *
     * @param request the request, whose secrets take precedence
     * @param context the context
     * @param name the secret name
     * @return the value
     */
    static Optional<String> secret(final NotifyRequest request, final io.lotabots.bot.BotContext context,
            final String name) {
        String given = request.getSecrets().get(name);
        if (given != null && !given.isBlank()) {
            context.getMasker().add(given);
            return Optional.of(given);
        }
        return context.getSecret(name).filter(value -> !value.isBlank());
    }

    /**
     * Returns the error for a setting a channel needs.
     *
     * @param channel the channel
     * @param what what is missing and how to give it
     * @return the exception to throw
     */
    static LotaBotsException missing(final ChannelKind channel, final String what) {
        return LotaBotsException.of(NotifyErrorCode.MISSING_SETTING, "The " + channel.wireName() + " channel of"
                + " NotificationBot needs " + what + "; nothing was sent.");
    }
}
