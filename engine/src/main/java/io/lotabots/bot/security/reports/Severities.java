package io.lotabots.bot.security.reports;

import io.lotabots.bot.security.advisories.Severity;

import java.util.Locale;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The scanners' own severities, read from their reports, with critical kept apart from high.
 */
final class Severities {
    private Severities() {
    }

    /**
     * Reads a severity word: {@code CRITICAL}, {@code High}, {@code moderate}, {@code Negligible}, {@code info}.
     *
     * @param text the word, or {@code null}
     * @return the severity, {@link Severity#UNKNOWN} for none or an unknown word
     */
    static Severity ofWord(@CheckForNull final String text) {
        if (text == null || text.isBlank()) {
            return Severity.UNKNOWN;
        }
        String word = text.strip().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "NEGLIGIBLE", "INFO", "INFORMATIONAL" -> Severity.LOW;
            default -> Severity.ofText(word).orElse(Severity.UNKNOWN);
        };
    }

    /**
     * Reads a CVSS v3 score given as text ({@code "7.5"}), as GitHub's {@code security-severity} and OSV-Scanner's
     * {@code max_severity} give it.
     *
     * @param text the score
     * @return the rating, or {@link Severity#UNKNOWN} if the text is no score from 0 to 10
     */
    static Severity ofScore(@CheckForNull final String text) {
        if (text == null || text.isBlank()) {
            return Severity.UNKNOWN;
        }
        try {
            double score = Double.parseDouble(text.strip());
            if (score < 0.0 || score > 10.0 || Double.isNaN(score)) {
                return Severity.UNKNOWN;
            }
            return Severity.ofCvssV3(score);
        }
        catch (NumberFormatException e) {
            return Severity.UNKNOWN;
        }
    }

    /**
     * Reads a SARIF level: {@code error} is high, {@code warning} medium, {@code note} low, {@code none} none.
     *
     * @param level the level
     * @return the severity
     */
    static Severity ofSarifLevel(@CheckForNull final String level) {
        if (level == null) {
            return Severity.MEDIUM;
        }
        return switch (level) {
            case "error" -> Severity.HIGH;
            case "note" -> Severity.LOW;
            case "none" -> Severity.NONE;
            default -> Severity.MEDIUM;
        };
    }

    /**
     * Returns the first severity that is known.
     *
     * @param candidates the severities, best first
     * @return the first that is not {@link Severity#UNKNOWN}, or {@link Severity#UNKNOWN}
     */
    static Severity first(final Severity... candidates) {
        for (Severity candidate : candidates) {
            if (candidate != Severity.UNKNOWN) {
                return candidate;
            }
        }
        return Severity.UNKNOWN;
    }
}
