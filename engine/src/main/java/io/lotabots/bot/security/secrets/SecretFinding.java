package io.lotabots.bot.security.secrets;

import java.util.Objects;

/**
 * A secret found in a file. It holds the secret only masked ({@link #mask(String)}) and as part of a SHA-256
 * fingerprint, never in clear.
 *
 * @param file the path relative to the workspace, with {@code /} as separator
 * @param line the line, from 1
 * @param column the column of the secret's first character, from 1
 * @param ruleId the id of the rule that found it
 * @param fingerprint hex SHA-256 of rule id, file and secret; stable across line moves, used by baselines
 * @param maskedSecret the secret with all but its first and last four characters replaced
 * @param baselined whether the fingerprint is in the baseline, so the finding is accepted and not new
 * @param informational whether the secret is a well-known documentation example ({@code AKIAIOSFODNN7EXAMPLE}):
 *        reported for information, it fails no gate
 */
public record SecretFinding(String file, int line, int column, String ruleId, String fingerprint,
        String maskedSecret, boolean baselined, boolean informational) {
    /** Secrets at least this long keep their first and last four characters when masked. */
    public static final int MIN_PARTLY_SHOWN_LENGTH = 16;

    /**
     * Checks the values.
     */
    public SecretFinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(maskedSecret, "maskedSecret");
    }

    /**
     * Masks a secret: one {@code *} per character, except the first and last four of a secret of 16 or more
     * characters ({@code AKIA************MPLE}).
     *
     * @param secret the secret
     * @return the masked secret
     */
    public static String mask(final String secret) {
        int length = secret.length();
        if (length < MIN_PARTLY_SHOWN_LENGTH) {
            return "*".repeat(length);
        }
        return secret.substring(0, 4) + "*".repeat(length - 8) + secret.substring(length - 4);
    }
}
