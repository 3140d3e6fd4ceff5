package io.lotabots.bot.security.secrets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One kind of secret: an id, keywords that pre-filter lines, a pattern whose group captures the secret, and an
 * optional minimum Shannon entropy of the secret. A line is only matched against the pattern if it contains
 * one of the keywords, ignoring case. Instances are immutable.
 */
public final class SecretRule {
    private final String id;
    private final String description;
    private final List<String> keywords;
    private final Pattern pattern;
    private final String secretGroup;
    private final double minEntropy;

    private SecretRule(final String id, final String description, final List<String> keywords,
            final Pattern pattern, final String secretGroup, final double minEntropy) {
        this.id = id;
        this.description = description;
        this.keywords = keywords;
        this.pattern = pattern;
        this.secretGroup = secretGroup;
        this.minEntropy = minEntropy;
    }

    /**
     * Creates and checks a rule.
     *
     * @param id the unique id, for example {@code aws-access-key-id}
     * @param description what the rule finds
     * @param keywords the pre-filter, at least one; ASCII, compared ignoring case
     * @param regex the pattern
     * @param secretGroup the number or name of the group that captures the secret; {@code 0} for the whole match
     * @param minEntropy the minimum Shannon entropy in bits per character of the secret, {@code 0} for none
     * @return the rule
     * @throws LotaBotsException with {@link SecretErrorCode#INVALID_RULE} if a value is malformed
     */
    public static SecretRule of(final String id, final String description, final List<String> keywords,
            final String regex, final String secretGroup, final double minEntropy) {
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw invalid(id, "the id must be lower-case letters, digits, '.', '_' and '-'");
        }
        if (keywords.isEmpty()) {
            throw invalid(id, "it has no keywords; give at least one word every match contains");
        }
        List<String> lower = new ArrayList<>();
        for (String keyword : keywords) {
            if (keyword.isEmpty() || !keyword.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw invalid(id, "the keyword '" + keyword + "' must be non-empty printable ASCII");
            }
            lower.add(keyword.toLowerCase(Locale.ROOT));
        }
        if (Double.isNaN(minEntropy) || minEntropy < 0 || minEntropy > 8) {
            throw invalid(id, "the entropy " + minEntropy + " must be between 0 and 8 bits per character");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        }
        catch (PatternSyntaxException e) {
            throw LotaBotsException.of(SecretErrorCode.INVALID_RULE, "The secret rule '" + id
                    + "' has a regular expression that does not compile: " + e.getDescription() + " near index "
                    + e.getIndex() + ". Fix the 'regex'.", e);
        }
        checkGroup(id, pattern, secretGroup);
        return new SecretRule(id, description, List.copyOf(lower), pattern, secretGroup, minEntropy);
    }

    private static void checkGroup(final String id, final Pattern pattern, final String group) {
        int groups = pattern.matcher("").groupCount();
        if (group.chars().allMatch(Character::isDigit) && !group.isEmpty()) {
            if (Integer.parseInt(group) > groups) {
                throw invalid(id, "the secret group " + group + " does not exist; the pattern has " + groups);
            }
        }
        else if (!pattern.pattern().contains("(?<" + group + ">")) {
            throw invalid(id, "the secret group '" + group + "' is not a named group of the pattern");
        }
    }

    private static LotaBotsException invalid(final String id, final String reason) {
        return LotaBotsException.of(SecretErrorCode.INVALID_RULE,
                "The secret rule '" + id + "' is invalid: " + reason + ".");
    }

    /**
     * Returns the id.
     *
     * @return the id
     */
    public String getId() {
        return id;
    }

    /**
     * Returns what the rule finds.
     *
     * @return the description
     */
    public String getDescription() {
        return description;
    }

    /**
     * Returns the keywords of the pre-filter.
     *
     * @return the lower-case keywords
     */
    public List<String> getKeywords() {
        return keywords;
    }

    /**
     * Returns the regular expression.
     *
     * @return the pattern text
     */
    public String getRegex() {
        return pattern.pattern();
    }

    /**
     * Returns the group that captures the secret.
     *
     * @return the group number or name
     */
    public String getSecretGroup() {
        return secretGroup;
    }

    /**
     * Returns the minimum entropy of a secret.
     *
     * @return bits per character, {@code 0} for no threshold
     */
    public double getMinEntropy() {
        return minEntropy;
    }

    Matcher matcher(final CharSequence line) {
        return pattern.matcher(line);
    }

    int groupStart(final Matcher matcher) {
        return isNumbered() ? matcher.start(Integer.parseInt(secretGroup)) : matcher.start(secretGroup);
    }

    @CheckForNull
    String secretOf(final Matcher matcher) {
        String secret = isNumbered() ? matcher.group(Integer.parseInt(secretGroup)) : matcher.group(secretGroup);
        if (secret == null || secret.isEmpty() || entropy(secret) < minEntropy) {
            return null;
        }
        return secret;
    }

    private boolean isNumbered() {
        return Character.isDigit(secretGroup.charAt(0));
    }

    /**
     * Returns the Shannon entropy of a text.
     *
     * @param text the text
     * @return bits per character, {@code 0} for an empty text
     */
    public static double entropy(final String text) {
        if (text.isEmpty()) {
            return 0;
        }
        java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double result = 0;
        for (int count : counts.values()) {
            double p = (double) count / text.length();
            result -= p * Math.log(p) / Math.log(2);
        }
        return result;
    }

    @Override
    public String toString() {
        return id;
    }
}
