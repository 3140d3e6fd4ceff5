package io.lotabots.bot.security.advisories;

import java.util.Locale;
import java.util.Optional;

/**
 * The severity of an advisory, from its CVSS base score or from the severity its database gives.
 */
public enum Severity {
    /** CVSS 9.0 to 10.0. */
    CRITICAL,
    /** CVSS 7.0 to 8.9. */
    HIGH,
    /** CVSS 4.0 to 6.9; GitHub calls it moderate. */
    MEDIUM,
    /** CVSS 0.1 to 3.9. */
    LOW,
    /** CVSS 0.0. */
    NONE,
    /** Neither a CVSS vector nor a severity of the database is known. */
    UNKNOWN;

    /**
     * Returns the rating of a CVSS v3 base score.
     *
     * @param baseScore the score, 0.0 to 10.0
     * @return the rating
     */
    public static Severity ofCvssV3(final double baseScore) {
        if (baseScore >= 9.0) {
            return CRITICAL;
        }
        if (baseScore >= 7.0) {
            return HIGH;
        }
        if (baseScore >= 4.0) {
            return MEDIUM;
        }
        return baseScore > 0.0 ? LOW : NONE;
    }

    /**
     * Returns the rating of a CVSS v2 base score, which knows no critical rating.
     *
     * @param baseScore the score, 0.0 to 10.0
     * @return the rating
     */
    public static Severity ofCvssV2(final double baseScore) {
        if (baseScore >= 7.0) {
            return HIGH;
        }
        return baseScore >= 4.0 ? MEDIUM : LOW;
    }

    /**
     * Reads the severity a database gives, for example GitHub's {@code database_specific.severity}.
     *
     * @param text the text, such as {@code CRITICAL}, {@code HIGH}, {@code MODERATE} or {@code LOW}
     * @return the severity, or empty if the text names none
     */
    public static Optional<Severity> ofText(final String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        if ("MODERATE".equals(name)) {
            return Optional.of(MEDIUM);
        }
        for (Severity severity : values()) {
            if (severity.name().equals(name) && severity != UNKNOWN) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
