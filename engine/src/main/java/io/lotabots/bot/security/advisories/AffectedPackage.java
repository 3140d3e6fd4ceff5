package io.lotabots.bot.security.advisories;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.OsvAdvisory.Affected;
import io.lotabots.bot.security.advisories.OsvAdvisory.Event;
import io.lotabots.bot.security.advisories.OsvAdvisory.EventKind;
import io.lotabots.bot.security.advisories.OsvAdvisory.Range;
import io.lotabots.bot.security.advisories.OsvAdvisory.RangeType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One affected package of an advisory with its ranges parsed and sorted, ready to test versions, as the OSV
 * specification evaluates them: the events of a range are sorted by version; a version is affected from an
 * {@code introduced} event up to the next {@code fixed} (exclusive) or {@code last_affected} (inclusive) event, and
 * never at or after a {@code limit}. Ranges are OR'ed, and the versions listed one by one are affected too.
 */
final class AffectedPackage {
    private final OsvAdvisory advisory;
    private final Ecosystem ecosystem;
    private final List<SortedRange<?>> ranges;
    private final Set<String> versions;

    private AffectedPackage(final OsvAdvisory advisory, final Ecosystem ecosystem, final List<SortedRange<?>> ranges,
            final Set<String> versions) {
        this.advisory = advisory;
        this.ecosystem = ecosystem;
        this.ranges = ranges;
        this.versions = versions;
    }

    /**
     * Compiles an affected package. Ranges whose versions cannot be parsed are reported to {@code problems} (with
     * their path) and left out; GIT ranges are left out silently.
     */
    static AffectedPackage compile(final OsvAdvisory advisory, final Ecosystem ecosystem, final Affected affected,
            final String path, final Consumer<String> problems) {
        List<SortedRange<?>> ranges = new ArrayList<>();
        for (int i = 0; i < affected.ranges().size(); i++) {
            Range range = affected.ranges().get(i);
            if (range.type() == RangeType.GIT) {
                continue;
            }
            VersionScheme<?> scheme = range.type() == RangeType.SEMVER ? VersionScheme.SEMVER : ecosystem.scheme();
            try {
                ranges.add(SortedRange.of(scheme, range.events()));
            }
            catch (IllegalArgumentException exception) {
                problems.accept("'" + path + ".ranges[" + i + "]' is skipped: " + exception.getMessage());
            }
        }
        return new AffectedPackage(advisory, ecosystem, List.copyOf(ranges), Set.copyOf(affected.versions()));
    }

    OsvAdvisory advisory() {
        return advisory;
    }

    boolean affects(final ParsedVersion parsed) {
        String version = parsed.text();
        if (versions.contains(version) || versions.contains(version.strip())) {
            return true;
        }
        for (SortedRange<?> range : ranges) {
            if (range.contains(parsed)) {
                return true;
            }
        }
        return !versions.isEmpty() && listedAsEqual(version);
    }

    /**
     * Returns the version that fixes an affected version: of the ranges that contain it, the lowest {@code fixed}
     * event above it. A version affected only through the listed versions, or through a range that ends with
     * {@code last_affected} or {@code limit}, has no known fix.
     *
     * @param version the version in use
     * @return the fixing version as the advisory writes it, or {@code null}
     */
    @CheckForNull
    String firstFixed(final ParsedVersion version) {
        String best = null;
        for (SortedRange<?> range : ranges) {
            String fixed = range.fixedAfter(version);
            if (fixed != null && (best == null || ecosystemCompare(fixed, best) < 0)) {
                best = fixed;
            }
        }
        return best;
    }

    private int ecosystemCompare(final String left, final String right) {
        try {
            return ecosystem.scheme().compare(left, right);
        }
        catch (IllegalArgumentException exception) {
            return left.compareTo(right);
        }
    }

    /** Tests the listed versions by the ecosystem's equality, so that PyPI's {@code 1.0} matches {@code 1.0.0}. */
    private boolean listedAsEqual(final String version) {
        return listedAsEqual(ecosystem.scheme(), version);
    }

    private <V extends Comparable<V>> boolean listedAsEqual(final VersionScheme<V> scheme, final String version) {
        V parsed;
        try {
            parsed = scheme.parse(version);
        }
        catch (IllegalArgumentException exception) {
            return false;
        }
        for (String listed : versions) {
            try {
                if (scheme.parse(listed).compareTo(parsed) == 0) {
                    return true;
                }
            }
            catch (IllegalArgumentException exception) {
                // a listed version of another spelling cannot be equal
            }
        }
        return false;
    }

    /** The events of one range, sorted by version; {@code introduced: "0"} has no version and sorts first. */
    private static final class SortedRange<V extends Comparable<V>> {
        private final VersionScheme<V> scheme;
        private final List<EventKind> kinds;
        private final List<V> versions;
        private final List<String> texts;

        private SortedRange(final VersionScheme<V> scheme, final List<EventKind> kinds, final List<V> versions,
                final List<String> texts) {
            this.scheme = scheme;
            this.kinds = kinds;
            this.versions = versions;
            this.texts = texts;
        }

        static <V extends Comparable<V>> SortedRange<V> of(final VersionScheme<V> scheme, final List<Event> events) {
            List<Parsed<V>> parsed = new ArrayList<>();
            for (Event event : events) {
                boolean zero = event.kind() == EventKind.INTRODUCED && "0".equals(event.version().strip());
                parsed.add(new Parsed<>(event.kind(), zero ? null : scheme.parse(event.version()),
                        event.version().strip()));
            }
            Comparator<Parsed<V>> byVersion = (a, b) -> {
                if (a.version == null || b.version == null) {
                    return a.version == null ? b.version == null ? 0 : -1 : 1;
                }
                return a.version.compareTo(b.version);
            };
            parsed.sort(byVersion.thenComparing(p -> p.kind));
            List<EventKind> kinds = new ArrayList<>();
            List<V> versions = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Parsed<V> p : parsed) {
                kinds.add(p.kind);
                versions.add(p.version);
                texts.add(p.text);
            }
            return new SortedRange<>(scheme, kinds, versions, texts);
        }

        /** Returns the first {@code fixed} event above the version if this range contains it, else null. */
        @CheckForNull
        String fixedAfter(final ParsedVersion version) {
            V value = version.in(scheme);
            if (value == null || !contains(value)) {
                return null;
            }
            for (int i = 0; i < kinds.size(); i++) {
                @CheckForNull V at = versions.get(i);
                if (at == null || value.compareTo(at) >= 0) {
                    continue;
                }
                if (kinds.get(i) == EventKind.FIXED) {
                    return texts.get(i);
                }
                if (kinds.get(i) != EventKind.INTRODUCED) {
                    return null;
                }
            }
            return null;
        }

        boolean contains(final ParsedVersion version) {
            V value = version.in(scheme);
            return value != null && contains(value);
        }

        private boolean contains(final V value) {
            boolean affected = false;
            for (int i = 0; i < kinds.size(); i++) {
                @CheckForNull V at = versions.get(i);
                int cmp = at == null ? 1 : value.compareTo(at);
                switch (kinds.get(i)) {
                    case INTRODUCED:
                        if (cmp >= 0) {
                            affected = true;
                        }
                        break;
                    case FIXED:
                        if (cmp >= 0) {
                            affected = false;
                        }
                        break;
                    case LAST_AFFECTED:
                        if (cmp > 0) {
                            affected = false;
                        }
                        break;
                    case LIMIT:
                        if (cmp >= 0) {
                            return false;
                        }
                        break;
                    default:
                        throw new IllegalStateException("Unknown event " + kinds.get(i));
                }
            }
            return affected;
        }
    }

    private static final class Parsed<V> {
        private final EventKind kind;
        @CheckForNull
        private final V version;
        private final String text;

        Parsed(final EventKind kind, @CheckForNull final V version, final String text) {
            this.kind = kind;
            this.version = version;
            this.text = text;
        }
    }
}
