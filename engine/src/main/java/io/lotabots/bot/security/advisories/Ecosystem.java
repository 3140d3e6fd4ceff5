package io.lotabots.bot.security.advisories;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The package ecosystems whose advisories are matched, with their OSV names, version schemes and package names.
 */
public enum Ecosystem {
    /** Maven Central and other Maven repositories; package names are {@code groupId:artifactId}. */
    MAVEN("Maven", VersionScheme.MAVEN),
    /** The npm registry; package names are used as they are, scope included. */
    NPM("npm", VersionScheme.SEMVER),
    /** The Python Package Index; package names are normalised as PEP 503 says. */
    PYPI("PyPI", VersionScheme.PEP_440);

    private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");

    private final String osvName;
    private final VersionScheme<?> scheme;

    Ecosystem(final String osvName, final VersionScheme<?> scheme) {
        this.osvName = osvName;
        this.scheme = scheme;
    }

    /**
     * Returns the name OSV gives this ecosystem in {@code affected[].package.ecosystem}.
     *
     * @return the name, for example {@code PyPI}
     */
    public String osvName() {
        return osvName;
    }

    /**
     * Returns the version scheme of this ecosystem.
     *
     * @return the scheme
     */
    public VersionScheme<?> scheme() {
        return scheme;
    }

    /**
     * Returns the name under which a package is indexed: Maven {@code group:artifact} and npm names as they are
     * (without surrounding blanks), PyPI names lower-cased with runs of {@code -}, {@code _} and {@code .} replaced
     * by one {@code -} (PEP 503).
     *
     * @param name the package name
     * @return the normalised name
     */
    public String normalizeName(final String name) {
        String text = name.strip();
        if (this == PYPI) {
            return PYPI_SEPARATORS.matcher(text).replaceAll("-").toLowerCase(Locale.ROOT);
        }
        return text;
    }

    /**
     * Finds the ecosystem of an OSV name. A suffix after a colon (as in {@code Debian:11}) is not part of any
     * supported name, so such names are not found.
     *
     * @param osvName the name from an OSV record
     * @return the ecosystem, or empty if it is not supported
     */
    public static Optional<Ecosystem> fromOsvName(final String osvName) {
        for (Ecosystem ecosystem : values()) {
            if (ecosystem.osvName.equals(osvName.strip())) {
                return Optional.of(ecosystem);
            }
        }
        return Optional.empty();
    }
}
