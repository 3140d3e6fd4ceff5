package io.lotabots.bot.security.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A checksum that a provider builds into its tokens, so that a value of the right shape but a wrong checksum (a
 * placeholder such as {@code ghp_xxxx...}, a hand-made example, a truncated copy) is not reported. A rule names its
 * checksum with the key {@code checksum} of the rule file.
 */
public enum SecretChecksum {
    /**
     * GitHub's tokens {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_} and {@code ghr_}: the prefix, 30 base62
     * characters, and the CRC32 of those 30 characters (the prefix not included) in base62 ({@code 0-9A-Za-z}),
     * padded with {@code 0} to 6 characters.
     */
    GITHUB {
        @Override
        boolean appliesTo(final String token) {
            return token.length() == GITHUB_LENGTH && token.startsWith("gh") && token.charAt(3) == '_'
                    && "pousr".indexOf(token.charAt(2)) >= 0;
        }

        @Override
        public boolean isValid(final String token) {
            if (!appliesTo(token)) {
                return false;
            }
            String random = token.substring(4, GITHUB_LENGTH - 6);
            CRC32 crc = new CRC32();
            crc.update(random.getBytes(StandardCharsets.US_ASCII));
            return base62(crc.getValue(), 6).equals(token.substring(GITHUB_LENGTH - 6));
        }
    };

    private static final int GITHUB_LENGTH = 40;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * Returns whether a token has the shape this checksum is defined for.
     *
     * @param token the token
     * @return {@code true} if {@link #isValid} can tell
     */
    abstract boolean appliesTo(String token);

    /**
     * Returns whether a token has the shape and the right checksum.
     *
     * @param token the whole token, prefix included
     * @return {@code true} for a token whose checksum matches
     */
    public abstract boolean isValid(String token);

    /**
     * Returns whether a value looks like a token of a checksum but fails it: such a value is not a secret, and the
     * generic rule does not report it either.
     *
     * @param value the value
     * @return {@code true} for a value of a known shape with a wrong checksum
     */
    static boolean isForged(final String value) {
        for (SecretChecksum checksum : values()) {
            if (checksum.appliesTo(value) && !checksum.isValid(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the name used in rule files.
     *
     * @return the lower-case name, for example {@code github}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a checksum by its name in rule files.
     *
     * @param name the name, for example {@code github}
     * @return the checksum, if there is one with the name
     */
    public static Optional<SecretChecksum> byWireName(final String name) {
        for (SecretChecksum checksum : values()) {
            if (checksum.wireName().equals(name)) {
                return Optional.of(checksum);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a number in base62 ({@code 0-9A-Za-z}), padded with {@code 0} on the left to a width.
     *
     * @param value the number, not negative
     * @param width the least number of characters
     * @return the digits
     */
    static String base62(final long value, final int width) {
        StringBuilder digits = new StringBuilder();
        long rest = value;
        while (rest > 0) {
            digits.append(BASE62.charAt((int) (rest % BASE62.length())));
            rest /= BASE62.length();
        }
        while (digits.length() < width) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }
}
