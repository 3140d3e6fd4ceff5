package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * A maintenance window closed.
 * The payload of the message type {@value #TYPE}.
 *
 * @param windowId identifier of the maintenance window.
 * @param status how the window ended.
 */
@MessageTypeInfo(name = MaintenanceEnded.TYPE, version = 1)
@Doc("A maintenance window closed.")
public record MaintenanceEnded(
        @Doc(value = "Identifier of the maintenance window.") String windowId,
        @Doc(value = "How the window ended.", optional = true) @CheckForNull String status) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "maintenance.ended";
    private static final Set<String> STATUS_VALUES = Set.of("completed", "aborted");

    /**
     * Checks every field.
     */
    public MaintenanceEnded {
        windowId = PayloadChecks.requiredText(TYPE, "window_id", windowId);
        status = PayloadChecks.oneOf(TYPE, "status", status, STATUS_VALUES);
    }
}
