package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * A notification was delivered to a channel.
 * The payload of the message type {@value #TYPE}.
 *
 * @param channel channel used.
 * @param recipient who received it: a Slack channel, an address or a service name, never a secret URL.
 * @param messageType type of the message the notification reported on.
 * @param notificationId identifier the channel returned, for example a Slack message ts.
 */
@MessageTypeInfo(name = NotificationSent.TYPE, version = 1)
@Doc("A notification was delivered to a channel.")
public record NotificationSent(
        @Doc(value = "Channel used.") String channel,
        @Doc(value = "Who received it: a Slack channel, an address or a service name, never a secret URL.", optional = true) @CheckForNull String recipient,
        @Doc(value = "Type of the message the notification reported on.", optional = true) @CheckForNull String messageType,
        @Doc(value = "Identifier the channel returned, for example a Slack message ts.", optional = true) @CheckForNull String notificationId) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "notification.sent";
    private static final Set<String> CHANNEL_VALUES = Set.of("slack", "pagerduty", "email", "webhook", "sms", "console", "file");

    /**
     * Checks every field.
     */
    public NotificationSent {
        channel = PayloadChecks.requiredOneOf(TYPE, "channel", channel, CHANNEL_VALUES);
        recipient = PayloadChecks.optionalText(TYPE, "recipient", recipient);
        messageType = PayloadChecks.optionalText(TYPE, "message_type", messageType);
        notificationId = PayloadChecks.optionalText(TYPE, "notification_id", notificationId);
    }
}
