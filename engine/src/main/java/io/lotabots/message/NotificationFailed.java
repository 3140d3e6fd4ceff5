package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * A notification could not be delivered; the pipeline went on.
 * The payload of the message type {@value #TYPE}.
 *
 * @param channel channel used.
 * @param reason why delivery failed, with secrets masked.
 * @param attempts number of attempts made.
 * @param messageType type of the message the notification reported on.
 */
@MessageTypeInfo(name = NotificationFailed.TYPE, version = 1)
@Doc("A notification could not be delivered; the pipeline went on.")
public record NotificationFailed(
        @Doc(value = "Channel used.") String channel,
        @Doc(value = "Why delivery failed, with secrets masked.") String reason,
        @Doc(value = "Number of attempts made.", optional = true) @CheckForNull Integer attempts,
        @Doc(value = "Type of the message the notification reported on.", optional = true) @CheckForNull String messageType) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "notification.failed";
    private static final Set<String> CHANNEL_VALUES = Set.of("slack", "pagerduty", "email", "webhook", "sms", "console", "file");

    /**
     * Checks every field.
     */
    public NotificationFailed {
        channel = PayloadChecks.requiredOneOf(TYPE, "channel", channel, CHANNEL_VALUES);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
        attempts = PayloadChecks.nonNegative(TYPE, "attempts", attempts);
        messageType = PayloadChecks.optionalText(TYPE, "message_type", messageType);
    }
}
