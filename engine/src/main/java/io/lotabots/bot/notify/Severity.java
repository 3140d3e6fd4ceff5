package io.lotabots.bot.notify;

import io.lotabots.message.Message;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How urgent a notification is, in the four levels PagerDuty's Events API v2 uses. Routing rules select channels
 * by severity, and Slack mentions {@code @here} only for the severities the user chooses.
 */
public enum Severity {
    /** Progress and success. */
    INFO,
    /** Something degraded but the run goes on: an unstable test run, a monitoring warning. */
    WARNING,
    /** A stage failed: a build, a deployment, a test gate. */
    ERROR,
    /** Production is affected: a critical alert or incident. */
    CRITICAL;

    /**
     * Returns the name used in options, rule files and the PagerDuty payload.
     *
     * @return the lower-case name, for example {@code warning}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a severity name.
     *
     * @param text the name, case-insensitive
     * @return the severity
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Severity parse(final String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(value -> value.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown severity '" + text + "'; use one of "
                        + Arrays.stream(values()).map(Severity::wireName).collect(Collectors.joining(", "))));
    }

    /**
     * Returns the worse of this severity and the other.
     *
     * @param other the other severity
     * @return the worse one
     */
    public Severity worse(final Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Derives the severity of a message from its type and payload: failures are errors, failing or unstable gates
     * and verdicts are errors or warnings, alerts, incidents and advisories keep their own severity, everything
     * else is information.
     *
     * @param message the message
     * @return the severity
     */
    public static Severity of(final Message message) {
        String type = message.getType();
        String status = text(message, "status").orElse("");
        switch (type) {
            case "build.failed", "deploy.failed", "migration.failed", "deploy.rolled_back", "approval.denied",
                    "notification.failed" -> {
                return ERROR;
            }
            case "test.completed", "security.scan_completed" -> {
                return "fail".equals(status) ? ERROR : "unstable".equals(status) ? WARNING : INFO;
            }
            case "monitor.verdict" -> {
                String verdict = text(message, "verdict").orElse("");
                return "fail".equals(verdict) ? ERROR : "warning".equals(verdict) ? WARNING : INFO;
            }
            case "backup.verified" -> {
                return message.getPayloadField("verified").map(node -> node.asBoolean(true)).orElse(true)
                        ? INFO : ERROR;
            }
            case "alert.triggered", "incident.created" -> {
                return fromVendorSeverity(text(message, "severity").orElse("warning"));
            }
            case "security.cve_alert" -> {
                boolean affected = message.getPayloadField("affected").map(node -> node.asBoolean(false))
                        .orElse(false);
                return affected ? fromVendorSeverity(text(message, "severity").orElse("high")) : INFO;
            }
            case "prediction.made" -> {
                return WARNING;
            }
            default -> {
                return INFO;
            }
        }
    }

    private static Severity fromVendorSeverity(final String severity) {
        return switch (severity.toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "high", "error" -> ERROR;
            case "medium", "warning", "unknown" -> WARNING;
            default -> INFO;
        };
    }

    private static Optional<String> text(final Message message, final String field) {
        return message.getPayloadField(field).filter(node -> node.isValueNode() && !node.isNull())
                .map(node -> node.asText());
    }
}
