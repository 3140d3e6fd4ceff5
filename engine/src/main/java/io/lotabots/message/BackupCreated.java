package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A backup was written.
 * The payload of the message type {@value #TYPE}.
 *
 * @param backupId identifier of the backup.
 * @param target what was backed up: a database, a Kubernetes object or a directory.
 * @param location where the backup is stored.
 * @param sizeBytes size of the backup in bytes.
 * @param checksum sHA-256 digest of the backup.
 * @param duration duration in seconds.
 */
@MessageTypeInfo(name = BackupCreated.TYPE, version = 1)
@Doc("A backup was written.")
public record BackupCreated(
        @Doc(value = "Identifier of the backup.") String backupId,
        @Doc(value = "What was backed up: a database, a Kubernetes object or a directory.") String target,
        @Doc(value = "Where the backup is stored.") String location,
        @Doc(value = "Size of the backup in bytes.") Long sizeBytes,
        @Doc(value = "SHA-256 digest of the backup.", optional = true) @CheckForNull String checksum,
        @Doc(value = "Duration in seconds.", optional = true) @CheckForNull Double duration) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "backup.created";

    /**
     * Checks every field.
     */
    public BackupCreated {
        backupId = PayloadChecks.requiredText(TYPE, "backup_id", backupId);
        target = PayloadChecks.requiredText(TYPE, "target", target);
        location = PayloadChecks.requiredText(TYPE, "location", location);
        sizeBytes = PayloadChecks.requiredNonNegative(TYPE, "size_bytes", sizeBytes);
        checksum = PayloadChecks.sha256(TYPE, "checksum", checksum);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
    }
}
