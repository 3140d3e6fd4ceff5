package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A database migration failed.
 * The payload of the message type {@value #TYPE}.
 *
 * @param database database name.
 * @param version migration that failed.
 * @param reason what failed.
 * @param rolledBack whether the database was restored.
 */
@MessageTypeInfo(name = MigrationFailed.TYPE, version = 1)
@Doc("A database migration failed.")
public record MigrationFailed(
        @Doc(value = "Database name.") String database,
        @Doc(value = "Migration that failed.", optional = true) @CheckForNull String version,
        @Doc(value = "What failed.") String reason,
        @Doc(value = "Whether the database was restored.", optional = true) @CheckForNull Boolean rolledBack) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "migration.failed";

    /**
     * Checks every field.
     */
    public MigrationFailed {
        database = PayloadChecks.requiredText(TYPE, "database", database);
        version = PayloadChecks.optionalText(TYPE, "version", version);
        reason = PayloadChecks.requiredText(TYPE, "reason", reason);
    }
}
