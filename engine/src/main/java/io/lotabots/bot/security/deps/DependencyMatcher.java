package io.lotabots.bot.security.deps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.bot.security.advisories.OsvAdvisory;
import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.bot.security.advisories.OsvMatch;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.SecurityFinding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Matches the components of an inventory against an OSV database and reports each vulnerable package as a
 * {@link SecurityFinding} of kind {@link FindingKind#VULNERABILITY}.
 *
 * <p>One finding per advisory and package: the same package found in several files (a pom and an SBOM, two
 * lockfiles, a hoisted and a nested npm copy) gives one finding, located at the best place (a direct declaration
 * with a line before a transitive one), whose message names the other places and versions. This keeps the
 * fingerprint ({@link SecurityFinding#vulnerabilityFingerprint}, over advisory, ecosystem and normalised name)
 * unique within a run. The fixed version is the highest of the versions that fix each affected copy, so that
 * upgrading to it fixes all of them.</p>
 *
 * <p>Instances are immutable and thread-safe.</p>
 */
public final class DependencyMatcher {
    /** The tool name of the findings. */
    public static final String TOOL = "lotabots-dependencies";

    private static final int MAX_OTHER_PLACES = 5;

    private final OsvDatabase database;

    private DependencyMatcher(final OsvDatabase database) {
        this.database = database;
    }

    /**
     * Creates a matcher.
     *
     * @param database the advisories
     * @return the matcher
     */
    public static DependencyMatcher of(final OsvDatabase database) {
        return new DependencyMatcher(Objects.requireNonNull(database));
    }

    /**
     * Matches components. Components that are not matchable are ignored (count them with
     * {@link Inventory#notMatchable()}).
     *
     * @param components the components
     * @return the findings, most severe first, then by advisory id and location
     */
    public List<SecurityFinding> match(final Collection<Component> components) {
        Map<String, List<OsvMatch>> cache = new HashMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Component component : components) {
            Ecosystem ecosystem = component.ecosystem();
            if (ecosystem == null) {
                continue;
            }
            String name = ecosystem.normalizeName(component.name());
            String version = component.version().strip();
            List<OsvMatch> matches = cache.computeIfAbsent(ecosystem.name() + "\u0000" + name + "\u0000" + version,
                    key -> database.matchWithFixes(ecosystem, name, version));
            for (OsvMatch match : matches) {
                String fingerprint = SecurityFinding.vulnerabilityFingerprint(match.advisory().id(),
                        ecosystem.osvName(), name);
                groups.computeIfAbsent(fingerprint, key -> new Group(match.advisory(), ecosystem, fingerprint))
                        .add(component, match.fixedVersion());
            }
        }
        List<SecurityFinding> findings = new ArrayList<>();
        for (Group group : groups.values()) {
            findings.add(group.toFinding());
        }
        findings.sort(Comparator.comparing(SecurityFinding::severity).thenComparing(SecurityFinding::ruleId)
                .thenComparing(SecurityFinding::location));
        return findings;
    }

    /** Orders the places of one package: direct before transitive, known line first, then by file and line. */
    static final Comparator<Component> BEST_PLACE = Comparator
            .comparing((Component c) -> c.relation() == Relation.DIRECT ? 0 : c.relation() == Relation.UNKNOWN ? 1 : 2)
            .thenComparing(c -> c.line() > 0 ? 0 : 1)
            .thenComparing(Component::file)
            .thenComparingInt(Component::line);

    /** The copies of one package that one advisory affects. */
    private static final class Group {
        private final OsvAdvisory advisory;
        private final Ecosystem ecosystem;
        private final String fingerprint;
        private final List<Component> places = new ArrayList<>();
        private final Set<String> fixes = new LinkedHashSet<>();
        private boolean unfixed;

        Group(final OsvAdvisory advisory, final Ecosystem ecosystem, final String fingerprint) {
            this.advisory = advisory;
            this.ecosystem = ecosystem;
            this.fingerprint = fingerprint;
        }

        void add(final Component component, @CheckForNull final String fixed) {
            places.add(component);
            if (fixed == null) {
                unfixed = true;
            }
            else {
                fixes.add(fixed);
            }
        }

        SecurityFinding toFinding() {
            places.sort(BEST_PLACE);
            Component best = places.get(0);
            String fixed = highest();
            StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "%s %s is affected by %s",
                    best.name(), best.version(), advisory.id()));
            if (!advisory.aliases().isEmpty()) {
                message.append(" (").append(String.join(", ", advisory.aliases())).append(')');
            }
            message.append(", severity ").append(advisory.severity().name().toLowerCase(Locale.ROOT));
            if (!advisory.summary().isBlank()) {
                message.append(": ").append(advisory.summary().strip());
            }
            message.append(fixed == null ? ". No fixed version is known."
                    : unfixed ? ". Fixed in " + fixed + " for some affected versions."
                            : ". Fixed in " + fixed + ".");
            if (best.relation() == Relation.TRANSITIVE) {
                message.append(" It is a transitive dependency.");
            }
            List<String> others = new ArrayList<>();
            Set<String> named = new LinkedHashSet<>();
            named.add(best.location() + "@" + best.version());
            for (Component place : places.subList(1, places.size())) {
                if (named.add(place.location() + "@" + place.version())) {
                    others.add(place.location() + (place.version().equals(best.version()) ? ""
                            : " (" + place.version() + ")"));
                }
            }
            if (!others.isEmpty()) {
                message.append(" Also in ").append(String.join(", ", others.subList(0,
                        Math.min(MAX_OTHER_PLACES, others.size()))));
                if (others.size() > MAX_OTHER_PLACES) {
                    message.append(String.format(Locale.ROOT, " and %d more", others.size() - MAX_OTHER_PLACES));
                }
                message.append('.');
            }
            return new SecurityFinding(FindingKind.VULNERABILITY, advisory.id(), advisory.severity(),
                    message.toString(), TOOL, best.file(), best.line(), best.toPackageRef(), fixed,
                    advisory.aliases(), fingerprint);
        }

        @CheckForNull
        private String highest() {
            String best = null;
            for (String fix : fixes) {
                if (best == null || compare(fix, best) > 0) {
                    best = fix;
                }
            }
            return best;
        }

        private int compare(final String left, final String right) {
            try {
                return ecosystem.scheme().compare(left, right);
            }
            catch (IllegalArgumentException exception) {
                return left.compareTo(right);
            }
        }
    }
}
