package io.lotabots.message;

/**
 * The typed payload of a message in the catalogue. Every type is a record named in the past tense, annotated with
 * {@link MessageTypeInfo}, whose compact constructor rejects missing and out-of-range fields.
 */
public sealed interface BusMessage permits
        BuildCompleted,
        BuildFailed,
        TestCompleted,
        SecurityScanCompleted,
        SecurityCveAlert,
        DeployStarted,
        DeployCompleted,
        DeployFailed,
        DeployRolledBack,
        MonitorVerdict,
        AlertTriggered,
        AlertResolved,
        NotificationSent,
        NotificationFailed,
        IncidentCreated,
        IncidentUpdated,
        IncidentResolved,
        IncidentPostmortemWritten,
        ReviewCompleted,
        MigrationStarted,
        MigrationCompleted,
        MigrationFailed,
        BackupCreated,
        BackupVerified,
        BackupRestored,
        MaintenanceStarted,
        MaintenanceEnded,
        ApprovalRequested,
        ApprovalGranted,
        ApprovalDenied,
        ApprovalOverridden,
        RunAborted,
        ScalingUp,
        ScalingDown,
        PredictionMade {
}
