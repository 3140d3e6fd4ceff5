package io.lotabots.bot.security.deps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.bot.security.advisories.OsvAdvisory;
import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.bot.security.advisories.OsvMatch;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.SecurityCveAlert;
import io.lotabots.util.LogSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers, for one newly published advisory, whether this codebase uses an affected package at an affected
 * version, and where: {@link Verdict#AFFECTED}, {@link Verdict#UNAFFECTED_VERSION} (the package is used, at
 * versions the advisory does not affect) or {@link Verdict#NOT_USED}. The advisory comes from an OSV JSON file
 * ({@link #readAdvisory(Path)}) or from the database by id or alias ({@link #lookUp(String, OsvDatabase)}); a CVE
 * id may name several advisories (the GHSA and the PYSEC record of one CVE), which are checked together.
 *
 * <p>Example:</p>
 * <pre>{@code
 * List<OsvAdvisory> advisories = CveAlert.lookUp("CVE-2021-44228", database);
 * CveAlert alert = CveAlert.check("CVE-2021-44228", advisories, inventory.components(), log);
 * context.publish("SecurityBot", alert.toPayload());
 * }</pre>
 */
public final class CveAlert {
    private final String advisoryId;
    private final List<OsvAdvisory> advisories;
    private final List<Use> uses;

    private CveAlert(final String advisoryId, final List<OsvAdvisory> advisories, final List<Use> uses) {
        this.advisoryId = advisoryId;
        this.advisories = List.copyOf(advisories);
        this.uses = List.copyOf(uses);
    }

    /** The answer of an alert. */
    public enum Verdict {
        /** An affected package is used at an affected version. */
        AFFECTED,
        /** An affected package is used, but only at versions the advisory does not affect. */
        UNAFFECTED_VERSION,
        /** No affected package is used. */
        NOT_USED
    }

    /**
     * One place where the codebase uses a package the advisory names.
     *
     * @param component the component
     * @param affected whether its version is affected
     * @param fixedVersion the version that fixes it, if affected and known
     */
    public record Use(Component component, boolean affected, @CheckForNull String fixedVersion) {
        /**
         * Checks the values.
         */
        public Use {
            Objects.requireNonNull(component, "component");
        }
    }

    /**
     * Reads the advisory of an alert from an OSV JSON file.
     *
     * @param file the file
     * @return the advisory, as a one-element list for {@link #check}
     * @throws LotaBotsException see {@link OsvDatabase#readAdvisory(Path)}
     */
    public static List<OsvAdvisory> readAdvisory(final Path file) {
        return List.of(OsvDatabase.readAdvisory(file));
    }

    /**
     * Looks the advisories of an alert up in a database by id or alias.
     *
     * @param idOrAlias for example {@code CVE-2021-44228} or {@code GHSA-jfh8-c2jp-5v3q}
     * @param database the database
     * @return the advisories with that id or alias, at least one
     * @throws LotaBotsException with {@link DependencyErrorCode#ADVISORY_NOT_FOUND} if there is none
     */
    public static List<OsvAdvisory> lookUp(final String idOrAlias, final OsvDatabase database) {
        List<OsvAdvisory> found = database.findByIdOrAlias(idOrAlias);
        if (found.isEmpty()) {
            throw LotaBotsException.of(DependencyErrorCode.ADVISORY_NOT_FOUND, String.format(Locale.ROOT,
                    "No advisory has the id or alias '%s' in the advisory database (%d advisories). Refresh the "
                            + "database, or give the advisory as an OSV JSON file.", idOrAlias.strip(),
                    database.size()));
        }
        return found;
    }

    /**
     * Checks the components against the advisories.
     *
     * @param advisoryId the id the alert is about, as the user gave it (or the advisory's own id)
     * @param advisories the advisories of that id
     * @param components the components of the inventory
     * @param log receives one error line per advisory range whose versions cannot be parsed
     * @return the answer
     */
    public static CveAlert check(final String advisoryId, final List<OsvAdvisory> advisories,
            final Collection<Component> components, final LogSink log) {
        OsvDatabase database = OsvDatabase.of(advisories, log);
        List<Use> uses = new ArrayList<>();
        for (Component component : components) {
            Ecosystem ecosystem = component.ecosystem();
            if (ecosystem == null || !database.names(ecosystem, component.name())) {
                continue;
            }
            List<OsvMatch> matches = database.matchWithFixes(ecosystem, component.name(), component.version());
            String fixed = null;
            for (OsvMatch match : matches) {
                if (match.fixedVersion() != null) {
                    fixed = match.fixedVersion();
                    break;
                }
            }
            uses.add(new Use(component, !matches.isEmpty(), fixed));
        }
        uses.sort((a, b) -> {
            int order = Boolean.compare(b.affected(), a.affected());
            return order != 0 ? order : DependencyMatcher.BEST_PLACE.compare(a.component(), b.component());
        });
        return new CveAlert(advisoryId.strip(), advisories, uses);
    }

    /**
     * Returns the id the alert is about.
     *
     * @return the id
     */
    public String advisoryId() {
        return advisoryId;
    }

    /**
     * Returns the advisories that were checked.
     *
     * @return the advisories
     */
    public List<OsvAdvisory> advisories() {
        return advisories;
    }

    /**
     * Returns the verdict.
     *
     * @return affected, used at an unaffected version, or not used
     */
    public Verdict verdict() {
        if (uses.stream().anyMatch(Use::affected)) {
            return Verdict.AFFECTED;
        }
        return uses.isEmpty() ? Verdict.NOT_USED : Verdict.UNAFFECTED_VERSION;
    }

    /**
     * Returns every place that uses a package the advisories name, affected places first.
     *
     * @return the uses
     */
    public List<Use> uses() {
        return uses;
    }

    /**
     * Returns the places that use an affected version.
     *
     * @return the affected uses, best place first
     */
    public List<Use> affectedUses() {
        return uses.stream().filter(Use::affected).toList();
    }

    /**
     * Returns the highest severity of the advisories.
     *
     * @return the severity
     */
    public Severity severity() {
        Severity highest = Severity.UNKNOWN;
        for (OsvAdvisory advisory : advisories) {
            if (advisory.severity() != Severity.UNKNOWN
                    && (highest == Severity.UNKNOWN || advisory.severity().compareTo(highest) < 0)) {
                highest = advisory.severity();
            }
        }
        return highest;
    }

    /**
     * Returns the package the alert is about: the affected one, else the used one, else the first package of a
     * supported ecosystem the advisories name.
     *
     * @return the package name, if any
     */
    public Optional<String> packageName() {
        Optional<Use> use = relevantUses().stream().findFirst();
        if (use.isPresent()) {
            return Optional.of(use.get().component().name());
        }
        for (OsvAdvisory advisory : advisories) {
            for (OsvAdvisory.Affected affected : advisory.affected()) {
                if (Ecosystem.fromOsvName(affected.ecosystem()).isPresent()) {
                    return Optional.of(affected.packageName());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the version in use: the first affected one, else the first used one.
     *
     * @return the version, if the package is used
     */
    public Optional<String> version() {
        return relevantUses().stream().findFirst().map(use -> use.component().version());
    }

    /**
     * Returns where the relevant package is declared: the affected places, or the used places when none is
     * affected, each once, as {@code file:line} or {@code file}.
     *
     * @return the locations
     */
    public List<String> locations() {
        Set<String> locations = new LinkedHashSet<>();
        for (Use use : relevantUses()) {
            locations.add(use.component().location());
        }
        return List.copyOf(locations);
    }

    private List<Use> relevantUses() {
        List<Use> affected = affectedUses();
        return affected.isEmpty() ? uses : affected;
    }

    /**
     * Returns the severity as the {@code security.cve_alert} message spells it.
     *
     * @return {@code critical}, {@code high}, {@code medium}, {@code low} or {@code unknown}
     */
    public String severityText() {
        Severity severity = severity();
        if (severity == Severity.NONE) {
            return "low";
        }
        return severity.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the payload of the {@code security.cve_alert} message.
     *
     * @return the payload
     */
    public SecurityCveAlert toPayload() {
        return new SecurityCveAlert(advisoryId, verdict() == Verdict.AFFECTED, packageName().orElse(null),
                version().orElse(null), severityText(), locations());
    }

    /**
     * Returns one line for the log.
     *
     * @return for example {@code CVE-2021-44228: affected, org.apache.logging.log4j:log4j-core 2.14.1 at
     *         pom.xml:23 (fixed in 2.15.0)}
     */
    public String summary() {
        switch (verdict()) {
            case AFFECTED:
                Use first = affectedUses().get(0);
                return String.format(Locale.ROOT, "%s: affected, %s %s at %s%s%s", advisoryId,
                        first.component().name(), first.component().version(), String.join(", ", locations()),
                        first.fixedVersion() == null ? "" : " (fixed in " + first.fixedVersion() + ")",
                        affectedUses().size() > 1 ? String.format(Locale.ROOT, "; %d affected places",
                                affectedUses().size()) : "");
            case UNAFFECTED_VERSION:
                return String.format(Locale.ROOT, "%s: not affected, %s is used at %s only, which the advisory "
                        + "does not affect", advisoryId, packageName().orElse("?"), String.join(", ",
                        uses.stream().map(use -> use.component().version() + " (" + use.component().location()
                                + ")").distinct().toList()));
            default:
                return String.format(Locale.ROOT, "%s: not affected, %s is not used", advisoryId,
                        packageName().map(name -> "'" + name + "'").orElse("no package it names"));
        }
    }
}
