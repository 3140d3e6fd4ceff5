package io.lotabots.util;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

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
     * Names of environment variables that hold secrets: a segment such as {@code SECRET}, {@code PASSWORD},
     * {@code TOKEN}, {@code API_KEY} or {@code WEBHOOK_URL}, or a name ending in {@code _KEY}.
     */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)^(?:.*_)?(?:SECRET|PASSWORD|PASSWD|PASSPHRASE"
            + "|TOKEN|API_?KEY|ACCESS_KEY|ACCESS_KEY_ID|PRIVATE_KEY|CREDENTIALS?|WEBHOOK|WEBHOOK_URL|DSN"
            + "|LOTABOTS_KUBECONFIG)(?:_.*)?$|^.+_KEY$");

    /**
     * Registers a secret value, with its URL-encoded and Base64 forms, since secrets end up in URLs and in
     * encoded headers and files.
     *
     * @param secret the value
     * @return this
     */
    public SecretMasker add(final String secret) {
        if (secret.length() >= MIN_SECRET_LENGTH) {
            addOnce(secret);
            addOnce(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            addOnce(Base64.getEncoder().encodeToString(bytes));
            addOnce(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            addOnce(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return this;
    }

    /**
     * Returns whether an environment variable's name marks it as a secret ({@code AWS_SECRET_ACCESS_KEY},
     * {@code SLACK_WEBHOOK_URL}, {@code GITHUB_TOKEN}, {@code DB_PASSWORD}, {@code PAGERDUTY_ROUTING_KEY}, ...).
     *
     * @param name the variable's name
     * @return {@code true} if its value must be masked
     */
    public static boolean isSecretName(final String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * Registers the value of every variable whose {@link #isSecretName(String) name marks it as a secret}, so that
     * such a value is masked before the first line is written, whether or not a bot ever reads it.
     *
     * @param environment the environment, by variable name
     * @return this
     */
    public SecretMasker addSecretsOf(final Map<String, String> environment) {
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (variable.getValue() != null && isSecretName(variable.getKey())) {
                add(variable.getValue());
            }
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
