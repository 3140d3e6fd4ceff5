package io.lotabots.bot.security.advisories;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package version as PEP 440 defines it: epoch, release segments, pre-, post- and development release
 * and a local label. Parsing accepts the spellings PEP 440 normalises ({@code 1.0-ALPHA.1}, {@code v1.0},
 * {@code 1.0-1}); ordering and equality follow the normalised form, so {@code 1.0a1} equals {@code 1.0.0a1}.
 */
public final class Pep440Version implements Comparable<Pep440Version> {
    private static final Pattern PATTERN = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
            Pattern.CASE_INSENSITIVE);

    private final BigInteger epoch;
    private final List<BigInteger> release;
    private final List<BigInteger> releaseAsWritten;
    private final int preRank;
    @CheckForNull
    private final BigInteger pre;
    @CheckForNull
    private final BigInteger post;
    @CheckForNull
    private final BigInteger dev;
    private final List<String> local;

    private Pep440Version(final Matcher m) {
        epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> segments = new ArrayList<>();
        for (String segment : m.group("release").split("\\.", -1)) {
            segments.add(new BigInteger(segment));
        }
        int end = segments.size();
        while (end > 1 && segments.get(end - 1).signum() == 0) {
            end--;
        }
        release = List.copyOf(segments.subList(0, end));
        releaseAsWritten = List.copyOf(segments);
        if (m.group("pre") == null) {
            preRank = -1;
            pre = null;
        }
        else {
            String label = m.group("prel").toLowerCase(Locale.ROOT);
            preRank = label.startsWith("a") ? 0 : label.startsWith("b") ? 1 : 2;
            pre = number(m.group("pren"));
        }
        if (m.group("post") == null) {
            post = null;
        }
        else {
            post = number(m.group("postn1") == null ? m.group("postn2") : m.group("postn1"));
        }
        dev = m.group("dev") == null ? null : number(m.group("devn"));
        local = m.group("local") == null ? List.of()
                : Arrays.asList(m.group("local").toLowerCase(Locale.ROOT).split("[-_.]"));
    }

    private static BigInteger number(@CheckForNull final String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    /**
     * Parses a version.
     *
     * @param version the version, for example {@code 1!2.0.post1} or {@code 1.0rc1.dev3}
     * @return the version
     * @throws IllegalArgumentException if the text is no PEP 440 version
     */
    public static Pep440Version parse(final String version) {
        Matcher matcher = PATTERN.matcher(version.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + version + "' is no PEP 440 version");
        }
        return new Pep440Version(matcher);
    }

    /**
     * Returns whether this is a pre-release or development release.
     *
     * @return {@code true} for pre- and development releases
     */
    public boolean isPreRelease() {
        return pre != null || dev != null;
    }

    @Override
    public int compareTo(final Pep440Version other) {
        int result = epoch.compareTo(other.epoch);
        if (result != 0) {
            return result;
        }
        result = compareRelease(release, other.release);
        if (result != 0) {
            return result;
        }
        result = Integer.compare(preKey(), other.preKey());
        if (result == 0 && pre != null && other.pre != null) {
            result = pre.compareTo(other.pre);
        }
        if (result != 0) {
            return result;
        }
        result = compareMissingLow(post, other.post);
        if (result != 0) {
            return result;
        }
        result = compareMissingHigh(dev, other.dev);
        if (result != 0) {
            return result;
        }
        return compareLocal(local, other.local);
    }

    /** A development release without pre or post part sorts before all pre-releases; no pre part sorts after. */
    private int preKey() {
        if (pre == null && post == null && dev != null) {
            return -2;
        }
        return pre == null ? 3 : preRank;
    }

    private static int compareRelease(final List<BigInteger> left, final List<BigInteger> right) {
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            BigInteger a = i < left.size() ? left.get(i) : BigInteger.ZERO;
            BigInteger b = i < right.size() ? right.get(i) : BigInteger.ZERO;
            int result = a.compareTo(b);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    private static int compareMissingLow(@CheckForNull final BigInteger a, @CheckForNull final BigInteger b) {
        if (a == null || b == null) {
            return a == null ? b == null ? 0 : -1 : 1;
        }
        return a.compareTo(b);
    }

    private static int compareMissingHigh(@CheckForNull final BigInteger a, @CheckForNull final BigInteger b) {
        if (a == null || b == null) {
            return a == null ? b == null ? 0 : 1 : -1;
        }
        return a.compareTo(b);
    }

    /** Local labels: numeric segments sort after alphanumeric ones, a longer label after its prefix. */
    private static int compareLocal(final List<String> left, final List<String> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            String a = left.get(i);
            String b = right.get(i);
            boolean numA = a.chars().allMatch(Character::isDigit);
            boolean numB = b.chars().allMatch(Character::isDigit);
            int result;
            if (numA && numB) {
                result = new BigInteger(a).compareTo(new BigInteger(b));
            }
            else if (numA || numB) {
                result = numA ? 1 : -1;
            }
            else {
                result = a.compareTo(b);
            }
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    @Override
    public boolean equals(@CheckForNull final Object o) {
        return o instanceof Pep440Version && compareTo((Pep440Version) o) == 0;
    }

    @Override
    public int hashCode() {
        List<String> normalLocal = new ArrayList<>();
        for (String segment : local) {
            normalLocal.add(segment.chars().allMatch(Character::isDigit) ? new BigInteger(segment).toString() : segment);
        }
        return Objects.hash(epoch, release, preKey(), pre, post, dev, normalLocal);
    }

    /** Returns the normalised form of PEP 440, for example {@code 1!2.0rc1.post2.dev3+ubuntu.1}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (epoch.signum() != 0) {
            text.append(epoch).append('!');
        }
        for (int i = 0; i < releaseAsWritten.size(); i++) {
            text.append(i == 0 ? "" : ".").append(releaseAsWritten.get(i));
        }
        if (pre != null) {
            text.append(preRank == 0 ? "a" : preRank == 1 ? "b" : "rc").append(pre);
        }
        if (post != null) {
            text.append(".post").append(post);
        }
        if (dev != null) {
            text.append(".dev").append(dev);
        }
        if (!local.isEmpty()) {
            text.append('+').append(String.join(".", local));
        }
        return text.toString();
    }
}
