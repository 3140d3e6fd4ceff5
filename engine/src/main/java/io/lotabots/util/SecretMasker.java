package io.lotabots.util;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces every registered secret in a text with {@value #MASK}, as Jenkins masks credentials in the console.
 * Every log line a bot writes passes through the masker of its context. Values shorter than
 * {@value #MIN_SECRET_LENGTH} characters are not registered: masking them would hide ordinary words.
 *
 * <p>The masker is thread-safe.</p>
 */
public final class SecretMasker {
    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** The shortest value that is masked. */
    public static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /**
     * Registers a secret value. Its URL-encoded form is registered too, since secrets often end up in URLs.
     *
     * @param secret the value
     * @return this
     */
    public SecretMasker add(final String secret) {
        if (secret.length() >= MIN_SECRET_LENGTH) {
            addOnce(secret);
            addOnce(java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8));
        }
        return this;
    }

    private synchronized void addOnce(final String value) {
        if (!secrets.contains(value)) {
            secrets.add(value);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /**
     * Returns whether any secret is registered.
     *
     * @return {@code true} if at least one secret is registered
     */
    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * Masks every registered secret in the text, longest first.
     *
     * @param text the text
     * @return the text with secrets replaced by {@value #MASK}
     */
    public String mask(final String text) {
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
