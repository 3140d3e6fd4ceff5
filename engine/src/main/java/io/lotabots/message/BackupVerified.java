package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A backup was checked by reading or restoring it.
 * The payload of the message type {@value #TYPE}.
 *
 * @param backupId identifier of the backup.
 * @param verified whether the backup is usable.
 * @param checksum sHA-256 digest that was checked.
 * @param detail what was checked.
 */
@MessageTypeInfo(name = BackupVerified.TYPE, version = 1)
@Doc("A backup was checked by reading or restoring it.")
public record BackupVerified(
        @Doc(value = "Identifier of the backup.") String backupId,
        @Doc(value = "Whether the backup is usable.") Boolean verified,
        @Doc(value = "SHA-256 digest that was checked.", optional = true) @CheckForNull String checksum,
        @Doc(value = "What was checked.", optional = true) @CheckForNull String detail) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "backup.verified";

    /**
     * Checks every field.
     */
    public BackupVerified {
        backupId = PayloadChecks.requiredText(TYPE, "backup_id", backupId);
        verified = PayloadChecks.required(TYPE, "verified", verified);
        checksum = PayloadChecks.sha256(TYPE, "checksum", checksum);
        detail = PayloadChecks.optionalText(TYPE, "detail", detail);
    }
}
