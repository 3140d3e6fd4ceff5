package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;

/**
 * A maintenance window opened.
 * The payload of the message type {@value #TYPE}.
 *
 * @param windowId identifier of the maintenance window.
 * @param reason why the maintenance happens.
 * @param endsAt when the window is planned to end.
 */
@MessageTypeInfo(name = MaintenanceStarted.TYPE, version = 1)
@Doc("A maintenance window opened.")
public record MaintenanceStarted(
        @Doc(value = "Identifier of the maintenance window.") String windowId,
        @Doc(value = "Why the maintenance happens.", optional = true) @CheckForNull String reason,
        @Doc(value = "When the window is planned to end.", optional = true) @CheckForNull Instant endsAt) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "maintenance.started";

    /**
     * Checks every field.
     */
    public MaintenanceStarted {
        windowId = PayloadChecks.requiredText(TYPE, "window_id", windowId);
        reason = PayloadChecks.optionalText(TYPE, "reason", reason);
    }
}
