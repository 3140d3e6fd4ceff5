package io.lotabots.bot.security.findings;

import java.util.Objects;

/**
 * A package at a version, as an advisory or a scanner names it.
 *
 * @param ecosystem the ecosystem as OSV names it ({@code Maven}, {@code npm}, {@code PyPI}) or as the scanner does
 *     ({@code debian}, {@code alpine}, ...)
 * @param name the name ({@code org.apache.logging.log4j:log4j-core} for Maven)
 * @param version the version in use
 */
public record PackageRef(String ecosystem, String name, String version) {
    /**
     * Checks the values.
     */
    public PackageRef {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return ecosystem + ":" + name + "@" + version;
    }
}
