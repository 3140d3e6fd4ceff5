package io.lotabots.bot.incident;

import io.lotabots.error.LotaBotsException;

import java.util.Locale;

/**
 * How bad an incident is, P1 (worst) to P4, in the vocabulary of on-call tools.
 */
public enum IncidentSeverity {
    /** Critical: the service is down or losing data; pages at once and informs leadership. */
    P1,
    /** Error: a major function is broken for many users. */
    P2,
    /** Warning: degraded, with a workaround. */
    P3,
    /** Info: no user impact yet. */
    P4;

    /**
     * Maps an alert's severity to an incident's by the default rule: critical to P1, error to P2, warning to P3,
     * info to P4.
     *
     * @param alertSeverity the severity of {@code alert.triggered}, case-insensitive
     * @return the incident's severity
     * @throws LotaBotsException with {@link IncidentErrorCode#INVALID_INPUT} for any other value
     */
    public static IncidentSeverity ofAlert(final String alertSeverity) {
        return switch (alertSeverity.toLowerCase(Locale.ROOT)) {
            case "critical" -> P1;
            case "error" -> P2;
            case "warning" -> P3;
            case "info" -> P4;
            default -> throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "The alert severity '"
                    + alertSeverity + "' is none of critical, error, warning, info.");
        };
    }
}
