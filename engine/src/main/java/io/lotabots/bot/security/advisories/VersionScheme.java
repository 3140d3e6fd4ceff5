package io.lotabots.bot.security.advisories;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.semver4j.Semver;

import java.util.Locale;

/**
 * Parses the versions of one ecosystem into values that sort as that ecosystem sorts them.
 *
 * @param <V> the type of parsed versions
 */
public interface VersionScheme<V extends Comparable<V>> {
    /** Maven ordering, as {@link ComparableVersion} defines it; every text is a version. */
    VersionScheme<ComparableVersion> MAVEN = new VersionScheme<>() {
        @Override
        public ComparableVersion parse(final String version) {
            String text = version.strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("An empty text is no Maven version");
            }
            return new ComparableVersion(text);
        }

        @Override
        public String toString() {
            return "Maven";
        }
    };

    /**
     * Semantic Versioning 2.0 as npm uses it, read loosely: a leading {@code v} or {@code =} and surrounding blanks
     * are ignored.
     */
    VersionScheme<Semver> SEMVER = new VersionScheme<>() {
        @Override
        public Semver parse(final String version) {
            String text = version.strip();
            if (text.startsWith("=")) {
                text = text.substring(1).strip();
            }
            if (text.toLowerCase(Locale.ROOT).startsWith("v")) {
                text = text.substring(1);
            }
            Semver semver = Semver.parse(text);
            if (semver == null) {
                throw new IllegalArgumentException("'" + version + "' is no semantic version");
            }
            return semver;
        }

        @Override
        public String toString() {
            return "SemVer";
        }
    };

    /** PEP 440 ordering of Python packages. */
    VersionScheme<Pep440Version> PEP_440 = new VersionScheme<>() {
        @Override
        public Pep440Version parse(final String version) {
            return Pep440Version.parse(version);
        }

        @Override
        public String toString() {
            return "PEP 440";
        }
    };

    /**
     * Parses a version.
     *
     * @param version the version text
     * @return the parsed version
     * @throws IllegalArgumentException if the text is no version of this scheme
     */
    V parse(String version);

    /**
     * Compares two versions.
     *
     * @param left a version
     * @param right another version
     * @return a negative number, zero or a positive number if {@code left} sorts before, with or after {@code right}
     * @throws IllegalArgumentException if a text is no version of this scheme
     */
    default int compare(final String left, final String right) {
        return parse(left).compareTo(parse(right));
    }

    /**
     * Returns whether a text is a version of this scheme.
     *
     * @param version the text
     * @return {@code true} if {@link #parse} accepts it
     */
    default boolean isValid(final String version) {
        try {
            parse(version);
            return true;
        }
        catch (IllegalArgumentException exception) {
            return false;
        }
    }
}
