package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Database migrations were applied.
 * The payload of the message type {@value #TYPE}.
 *
 * @param database database name.
 * @param version schema version after the migration.
 * @param applied number of migrations applied.
 * @param duration duration in seconds.
 */
@MessageTypeInfo(name = MigrationCompleted.TYPE, version = 1)
@Doc("Database migrations were applied.")
public record MigrationCompleted(
        @Doc(value = "Database name.") String database,
        @Doc(value = "Schema version after the migration.") String version,
        @Doc(value = "Number of migrations applied.") Integer applied,
        @Doc(value = "Duration in seconds.", optional = true) @CheckForNull Double duration) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "migration.completed";

    /**
     * Checks every field.
     */
    public MigrationCompleted {
        database = PayloadChecks.requiredText(TYPE, "database", database);
        version = PayloadChecks.requiredText(TYPE, "version", version);
        applied = PayloadChecks.requiredNonNegative(TYPE, "applied", applied);
        duration = PayloadChecks.nonNegative(TYPE, "duration", duration);
    }
}
