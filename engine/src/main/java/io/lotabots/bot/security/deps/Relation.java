package io.lotabots.bot.security.deps;

/**
 * How a component came into the project.
 */
public enum Relation {
    /** The project declares it (a pom dependency, a requirement, a direct entry of {@code package.json}). */
    DIRECT,
    /** A dependency of a dependency. */
    TRANSITIVE,
    /** The file does not say. */
    UNKNOWN
}
