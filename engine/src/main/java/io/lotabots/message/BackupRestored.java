package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A backup was restored.
 * The payload of the message type {@value #TYPE}.
 *
 * @param backupId identifier of the backup.
 * @param target what was restored.
 * @param duration duration in seconds.
 */
@MessageTypeInfo(name = BackupRestored.TYPE, version = 1)
@Doc("A backup was restored.")
public record BackupRestored(
        @Doc(value = "Identifier of the backup.") String backupId,
        @Doc(value = "What was restored.") String target,
        @Doc(value = "Duration in seconds.", optional = true) @CheckForNull Double duration) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "backup.restored";

    /**
     * Checks every field.
     */
    public BackupRestored {
        backupId = PayloadChecks.requiredText(TYPE, "backup_id", backupId);
        target = PayloadChecks.requiredText(TYPE, "target", target);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
    }
}
