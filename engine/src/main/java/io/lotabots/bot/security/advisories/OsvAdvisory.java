package io.lotabots.bot.security.advisories;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One advisory of an OSV database, with the fields the matching needs.
 *
 * @param id the OSV id, for example {@code GHSA-jfh8-c2jp-5v3q}
 * @param aliases other ids of the same vulnerability, for example CVE ids
 * @param summary the one-line summary, or an empty text
 * @param severity the severity: from the CVSS v3 vector, else from {@code database_specific.severity}, else from
 *         the CVSS v2 vector, else {@link Severity#UNKNOWN}
 * @param baseScore the CVSS base score the severity was computed from, if any
 * @param affected the affected packages, in the order of the record, of any ecosystem
 */
public record OsvAdvisory(String id, List<String> aliases, String summary, Severity severity, OptionalDouble baseScore,
        List<Affected> affected) {
    /**
     * Checks and copies the values.
     */
    public OsvAdvisory {
        Objects.requireNonNull(id, "id");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(baseScore, "baseScore");
        affected = List.copyOf(affected);
    }

    /**
     * One entry of {@code affected}: a package and the versions of it that are affected.
     *
     * @param ecosystem the OSV ecosystem name as written, for example {@code Maven}
     * @param packageName the package name as written
     * @param ranges the version ranges
     * @param versions the versions listed one by one
     */
    public record Affected(String ecosystem, String packageName, List<Range> ranges, List<String> versions) {
        /**
         * Checks and copies the values.
         */
        public Affected {
            Objects.requireNonNull(ecosystem, "ecosystem");
            Objects.requireNonNull(packageName, "packageName");
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
        }
    }

    /**
     * One version range of an affected package.
     *
     * @param type how the versions of the events compare
     * @param events the events, in the order of the record
     */
    public record Range(RangeType type, List<Event> events) {
        /**
         * Checks and copies the values.
         */
        public Range {
            Objects.requireNonNull(type, "type");
            events = List.copyOf(events);
        }
    }

    /** How the versions of a range's events compare. */
    public enum RangeType {
        /** The ordering of the package's ecosystem. */
        ECOSYSTEM,
        /** Semantic Versioning 2.0. */
        SEMVER,
        /** Commit hashes of a Git repository; not matched against package versions. */
        GIT
    }

    /**
     * One event of a range.
     *
     * @param kind what happens at the version
     * @param version the version; {@code 0} for an {@code introduced} event means "from the beginning"
     */
    public record Event(EventKind kind, String version) {
        /**
         * Checks the values.
         */
        public Event {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(version, "version");
        }
    }

    /** What happens at the version of an event. */
    public enum EventKind {
        /** The vulnerability starts with this version. */
        INTRODUCED,
        /** This version fixes it: the version itself is not affected. */
        FIXED,
        /** This version is the last affected one. */
        LAST_AFFECTED,
        /** The range ends before this version. */
        LIMIT
    }
}
