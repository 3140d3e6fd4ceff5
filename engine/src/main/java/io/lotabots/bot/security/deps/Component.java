package io.lotabots.bot.security.deps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.bot.security.findings.PackageRef;

import java.util.Objects;

/**
 * One dependency at one version, as a dependency file of the workspace names it.
 *
 * @param ecosystem the ecosystem whose advisories apply, or {@code null} if advisories cannot be matched (a
 *         CycloneDX component of another purl type, such as {@code pkg:golang} or {@code pkg:deb})
 * @param type the ecosystem as written: {@code maven}, {@code npm}, {@code pypi}, or the purl type
 * @param name the package name: {@code groupId:artifactId} for Maven, the npm name with its scope, the PyPI name as
 *         written; for other purl types {@code namespace/name}
 * @param version the version in use
 * @param file the file that names it, relative to the workspace, with {@code /}
 * @param line the line in that file from 1, or 0 when the format does not tell
 * @param relation direct, transitive or unknown
 * @param scope the scope when the file tells: Maven {@code compile}/{@code test}/..., npm and Poetry {@code dev},
 *         CycloneDX {@code required}/{@code optional}; {@code null} otherwise
 */
public record Component(@CheckForNull Ecosystem ecosystem, String type, String name, String version, String file,
        int line, Relation relation, @CheckForNull String scope) {
    /**
     * Checks the values.
     */
    public Component {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relation, "relation");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /**
     * Creates a component of a supported ecosystem.
     *
     * @param ecosystem the ecosystem
     * @param name the name
     * @param version the version
     * @param file the file relative to the workspace
     * @param line the line, or 0
     * @param relation direct, transitive or unknown
     * @param scope the scope, or {@code null}
     * @return the component
     */
    public static Component of(final Ecosystem ecosystem, final String name, final String version, final String file,
            final int line, final Relation relation, @CheckForNull final String scope) {
        return new Component(ecosystem, typeOf(ecosystem), name, version, file, line, relation, scope);
    }

    static String typeOf(final Ecosystem ecosystem) {
        return ecosystem.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns whether advisories can be matched against this component.
     *
     * @return {@code true} if its ecosystem is supported
     */
    public boolean isMatchable() {
        return ecosystem != null;
    }

    /**
     * Returns whether the project declares this component itself.
     *
     * @return {@code true} for {@link Relation#DIRECT}
     */
    public boolean isDirect() {
        return relation == Relation.DIRECT;
    }

    /**
     * Returns the package as findings name it: the OSV ecosystem name ({@code Maven}, {@code npm}, {@code PyPI}) or
     * the purl type, the name and the version.
     *
     * @return the package reference
     */
    public PackageRef toPackageRef() {
        return new PackageRef(ecosystem == null ? type : ecosystem.osvName(), name, version);
    }

    /**
     * Returns where the component is named: {@code file:line}, or the file alone.
     *
     * @return the location text
     */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
