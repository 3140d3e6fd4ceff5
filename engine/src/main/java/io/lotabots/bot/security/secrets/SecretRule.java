package io.lotabots.bot.security.secrets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One kind of secret: an id, keywords that pre-filter lines, a pattern whose group captures the secret, and an
 * optional minimum Shannon entropy of the secret. A line is only matched against the pattern if it contains
 * one of the keywords, ignoring case. Instances are immutable.
 *
 * <p>A <em>paired</em> rule ({@link #paired}) has no keywords: its pattern is only tried on the lines near a finding
 * of another rule, its anchor, and a match turns the anchor's finding into one finding of the paired rule that
 * holds both secrets (an AWS access key id with its secret access key). Its pattern may be looser than a rule
 * that stands alone, since the anchor already makes a secret likely.</p>
 */
public final class SecretRule {
    /** The largest distance in lines between the two secrets of a paired rule. */
    public static final int MAX_PAIR_DISTANCE = 100;

    private static final String IGNORE_CASE = "(?i)";

    private final String id;
    private final String description;
    private final List<String> keywords;
    private final Pattern pattern;
    private final String secretGroup;
    private final double minEntropy;
    @CheckForNull
    private final String pairedWith;
    private final int maxPairDistance;
    private final int groupNumber;
    private final List<String> starts;
    private final boolean startsIgnoreCase;
    private final boolean literal;
    @CheckForNull
    private final SecretChecksum checksum;

    private SecretRule(final String id, final String description, final List<String> keywords,
            final Pattern pattern, final String secretGroup, final double minEntropy,
            @CheckForNull final String pairedWith, final int maxPairDistance, final boolean literal,
            @CheckForNull final SecretChecksum checksum) {
        this.id = id;
        this.description = description;
        this.keywords = keywords;
        this.pattern = pattern;
        this.secretGroup = secretGroup;
        this.minEntropy = minEntropy;
        this.pairedWith = pairedWith;
        this.maxPairDistance = maxPairDistance;
        this.groupNumber = isNumbered(secretGroup) ? Integer.parseInt(secretGroup) : -1;
        this.startsIgnoreCase = pattern.pattern().startsWith(IGNORE_CASE);
        this.starts = MatchStarts.of(pattern.pattern());
        this.literal = literal;
        this.checksum = checksum;
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
        checkId(id);
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
        return new SecretRule(id, description, List.copyOf(lower), compile(id, regex, secretGroup, minEntropy),
                secretGroup, minEntropy, null, 0, false, null);
    }

    /**
     * Creates and checks a paired rule: its pattern is tried only on the lines within {@code maxDistance} lines of
     * a finding of the anchor rule, and a match makes one finding of both secrets.
     *
     * @param id the unique id, for example {@code aws-access-key-pair}
     * @param description what the rule finds
     * @param anchorId the id of the rule whose findings are paired, for example {@code aws-access-key-id}
     * @param maxDistance how many lines above or below the anchor's line the second secret may be, 0 to 100
     * @param regex the pattern of the second secret
     * @param secretGroup the number or name of the group that captures the second secret
     * @param minEntropy the minimum Shannon entropy of the second secret, {@code 0} for none
     * @return the rule
     * @throws LotaBotsException with {@link SecretErrorCode#INVALID_RULE} if a value is malformed
     */
    public static SecretRule paired(final String id, final String description, final String anchorId,
            final int maxDistance, final String regex, final String secretGroup, final double minEntropy) {
        checkId(id);
        if (anchorId.equals(id)) {
            throw invalid(id, "it cannot be paired with itself");
        }
        if (maxDistance < 0 || maxDistance > MAX_PAIR_DISTANCE) {
            throw invalid(id, "the pair distance " + maxDistance + " must be between 0 and " + MAX_PAIR_DISTANCE
                    + " lines");
        }
        return new SecretRule(id, description, List.of(), compile(id, regex, secretGroup, minEntropy), secretGroup,
                minEntropy, anchorId, maxDistance, false, null);
    }

    /**
     * Returns this rule, reporting only literal values: quoted strings, and the unquoted values of configuration
     * files, never identifiers, calls, property paths, environment lookups or placeholders (see
     * {@link #isLiteral()}). Meant for a generic rule that finds any value next to a name such as {@code password}.
     *
     * @return a copy of this rule that checks its values
     */
    public SecretRule withLiteralValues() {
        return new SecretRule(id, description, keywords, pattern, secretGroup, minEntropy, pairedWith,
                maxPairDistance, true, checksum);
    }

    /**
     * Returns this rule, reporting only secrets with the right checksum.
     *
     * @param checksum the provider's checksum
     * @return a copy of this rule that checks the checksum of its secrets
     */
    public SecretRule withChecksum(final SecretChecksum checksum) {
        return new SecretRule(id, description, keywords, pattern, secretGroup, minEntropy, pairedWith,
                maxPairDistance, literal, checksum);
    }

    private static void checkId(final String id) {
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw invalid(id, "the id must be lower-case letters, digits, '.', '_' and '-'");
        }
    }

    private static Pattern compile(final String id, final String regex, final String secretGroup,
            final double minEntropy) {
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
        return pattern;
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

    /**
     * Returns the rule whose findings this rule pairs with.
     *
     * @return the anchor's id, or empty if this rule stands alone
     */
    public Optional<String> getPairedWith() {
        return Optional.ofNullable(pairedWith);
    }

    /**
     * Returns how far, in lines, the second secret of a paired rule may be from the anchor's finding.
     *
     * @return lines above or below; {@code 0} for a rule that stands alone
     */
    public int getMaxPairDistance() {
        return maxPairDistance;
    }

    /**
     * Returns whether the rule reports only literal values: a quoted string whose quotes hold exactly the value, or
     * in a file that is not source code an unquoted value that ends the line; never a reference such as
     * {@code $VAR} or {@code settings.SECRET_KEY}, nor a value holding a placeholder word such as {@code changeme}.
     *
     * @return {@code true} for a rule that checks its values so, such as {@code generic-secret}
     */
    public boolean isLiteral() {
        return literal;
    }

    /**
     * Returns the checksum every secret of the rule must pass.
     *
     * @return the checksum, or empty if the rule has none
     */
    public Optional<SecretChecksum> getChecksum() {
        return Optional.ofNullable(checksum);
    }

    Matcher matcher(final CharSequence line) {
        return pattern.matcher(line);
    }

    /**
     * Returns the texts one of which every match of the pattern starts with, read from the pattern (see
     * {@link MatchStarts}): the scanner tries the pattern only where one of them occurs.
     *
     * @return printable ASCII texts, empty if the pattern's start is not a plain literal text
     */
    List<String> getMatchStarts() {
        return starts;
    }

    /**
     * Returns whether the {@linkplain #getMatchStarts() match starts} are compared ignoring (ASCII) case: the
     * pattern starts with {@code (?i)}.
     *
     * @return {@code true} for a case-insensitive pattern
     */
    boolean isMatchStartIgnoringCase() {
        return startsIgnoreCase;
    }

    int groupStart(final Matcher matcher) {
        return groupNumber >= 0 ? matcher.start(groupNumber) : matcher.start(secretGroup);
    }

    @CheckForNull
    String secretOf(final Matcher matcher) {
        String secret = groupNumber >= 0 ? matcher.group(groupNumber) : matcher.group(secretGroup);
        if (secret == null || secret.isEmpty() || minEntropy > 0 && entropy(secret) < minEntropy
                || checksum != null && !checksum.isValid(secret)) {
            return null;
        }
        return secret;
    }

    private static boolean isNumbered(final String group) {
        return !group.isEmpty() && group.chars().allMatch(Character::isDigit);
    }

    /**
     * Returns the Shannon entropy of a text.
     *
     * @param text the text
     * @return bits per character, {@code 0} for an empty text
     */
    public static double entropy(final String text) {
        int length = text.length();
        if (length == 0) {
            return 0;
        }
        int[] ascii = new int[128];
        java.util.Map<Character, Integer> others = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                ascii[c]++;
            }
            else {
                if (others == null) {
                    others = new java.util.TreeMap<>();
                }
                others.merge(c, 1, Integer::sum);
            }
        }
        double result = 0;
        for (int count : ascii) {
            if (count > 0) {
                result -= term(count, length);
            }
        }
        if (others != null) {
            for (int count : others.values()) {
                result -= term(count, length);
            }
        }
        return result;
    }

    private static double term(final int count, final int length) {
        double p = (double) count / length;
        return p * Math.log(p) / Math.log(2);
    }

    @Override
    public String toString() {
        return id;
    }
}
