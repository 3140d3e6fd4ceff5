package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Database migrations started.
 * The payload of the message type {@value #TYPE}.
 *
 * @param database database name, never a connection string.
 * @param fromVersion schema version before the migration.
 * @param toVersion schema version the migration targets.
 * @param pending number of pending migrations.
 */
@MessageTypeInfo(name = MigrationStarted.TYPE, version = 1)
@Doc("Database migrations started.")
public record MigrationStarted(
        @Doc(value = "Database name, never a connection string.") String database,
        @Doc(value = "Schema version before the migration.", optional = true) @CheckForNull String fromVersion,
        @Doc(value = "Schema version the migration targets.", optional = true) @CheckForNull String toVersion,
        @Doc(value = "Number of pending migrations.", optional = true) @CheckForNull Integer pending) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "migration.started";

    /**
     * Checks every field.
     */
    public MigrationStarted {
        database = PayloadChecks.requiredText(TYPE, "database", database);
        fromVersion = PayloadChecks.optionalText(TYPE, "from_version", fromVersion);
        toVersion = PayloadChecks.optionalText(TYPE, "to_version", toVersion);
        pending = PayloadChecks.nonNegative(TYPE, "pending", pending);
    }
}
