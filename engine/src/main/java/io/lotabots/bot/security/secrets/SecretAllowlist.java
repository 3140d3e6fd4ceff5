package io.lotabots.bot.security.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a configuration allows: files whose path matches one of the {@code paths} patterns are not scanned, and a
 * secret that one of the {@code regexes} patterns finds (anywhere in it) is not reported. Both are Java regular
 * expressions; paths are relative to the workspace with {@code /} as separator. Instances are immutable.
 */
public final class SecretAllowlist {
    /** Allows nothing. */
    public static final SecretAllowlist NONE = new SecretAllowlist(List.of(), List.of());

    private final List<Pattern> paths;
    private final List<Pattern> secrets;

    private SecretAllowlist(final List<Pattern> paths, final List<Pattern> secrets) {
        this.paths = List.copyOf(paths);
        this.secrets = List.copyOf(secrets);
    }

    /**
     * Creates an allowlist.
     *
     * @param paths patterns of relative paths not to scan
     * @param secrets patterns of secrets not to report
     * @return the allowlist
     */
    public static SecretAllowlist of(final List<Pattern> paths, final List<Pattern> secrets) {
        return new SecretAllowlist(paths, secrets);
    }

    /**
     * Returns an allowlist that allows what this one or the other allows.
     *
     * @param other the other allowlist
     * @return the union
     */
    public SecretAllowlist plus(final SecretAllowlist other) {
        List<Pattern> allPaths = new ArrayList<>(paths);
        allPaths.addAll(other.paths);
        List<Pattern> allSecrets = new ArrayList<>(secrets);
        allSecrets.addAll(other.secrets);
        return new SecretAllowlist(allPaths, allSecrets);
    }

    /**
     * Returns whether a file is left out of the scan.
     *
     * @param relativePath the path relative to the workspace, with {@code /} as separator
     * @return whether a path pattern finds something in it
     */
    public boolean isPathAllowed(final String relativePath) {
        for (Pattern pattern : paths) {
            if (pattern.matcher(relativePath).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether a secret is not reported.
     *
     * @param secret the secret
     * @return whether a secret pattern finds something in it
     */
    public boolean isSecretAllowed(final String secret) {
        for (Pattern pattern : secrets) {
            if (pattern.matcher(secret).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the path patterns.
     *
     * @return the patterns' texts
     */
    public List<String> getPaths() {
        return paths.stream().map(Pattern::pattern).toList();
    }

    /**
     * Returns the secret patterns.
     *
     * @return the patterns' texts
     */
    public List<String> getRegexes() {
        return secrets.stream().map(Pattern::pattern).toList();
    }

    /**
     * Returns whether it allows nothing.
     *
     * @return whether both lists are empty
     */
    public boolean isEmpty() {
        return paths.isEmpty() && secrets.isEmpty();
    }

    @Override
    public String toString() {
        return "allowlist of " + paths.size() + " paths and " + secrets.size() + " secret patterns";
    }
}
